package dev.vectorgrad.dsl;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.io.ModelFormatException;
import dev.vectorgrad.layers.io.SafeTensors;
import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.Generator;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The model file: a safetensors file whose tensors are the model's state dict (PyTorch layouts and
 * keys, so {@code safetensors.torch.load_file} reads the weights) plus, optionally, the optimizer's
 * state under {@code optimizer.}, and whose string metadata holds the architecture ({@code
 * vectorgrad.model}), the compile settings ({@code vectorgrad.compile}) and, in checkpoints, the
 * training position ({@code vectorgrad.training}: next epoch and the random generator's state).
 *
 * <p>Loading checks everything before allocating weights: the safetensors layout (bounded header,
 * offsets in bounds, exact sizes, no overlaps), every layer type against {@link LayerRegistry},
 * every configuration value, the graph's references, and every weight's shape and dtype against
 * what the architecture implies; only then are the layers built and filled.
 */
final class ModelFile {
  private ModelFile() {}

  static final String OPTIMIZER_PREFIX = "optimizer.";
  private static final int MAX_LAYERS = 100_000;

  static void save(Model model, Path file, boolean withOptimizer, @Nullable Integer nextEpoch) {
    Map<String, NdArray> arrays = new LinkedHashMap<>();
    model.stateDict().forEach((k, t) -> arrays.put(k, t.data()));
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("format", "pt");
    Graph graph = model.graph();
    if (graph != null) {
      metadata.put("vectorgrad.model", architecture(model, graph).toString());
    }
    if (model.isCompiled()) {
      metadata.put("vectorgrad.compile", compileConfig(model.compiled()).toString());
      if (withOptimizer) {
        model.optimizer().stateDict().forEach((k, t) -> arrays.put(OPTIMIZER_PREFIX + k, t.data()));
      }
    }
    if (nextEpoch != null) {
      long[] rng = Generator.global().state();
      JsonObject training = Config.of("epoch", nextEpoch, "generator_seed", String.valueOf(rng[0]),
          "generator_counter", String.valueOf(rng[1]));
      metadata.put("vectorgrad.training", training.toString());
    }
    SafeTensors.save(file, arrays, metadata);
  }

  private static JsonObject architecture(Model model, Graph graph) {
    JsonObject out = Config.of("class_name", model instanceof Sequential ? "Sequential" : "Functional",
        "name", model.name());
    Map<SymbolicTensor, Integer> ids = new IdentityHashMap<>();
    JsonArray inputs = new JsonArray();
    for (Input in : graph.inputs) {
      ids.put(in, ids.size());
      JsonObject entry = Config.of("name", in.name(), "shape", in.shape().toArray());
      inputs.add(entry);
    }
    JsonArray layers = new JsonArray();
    for (Layer l : graph.layers) {
      JsonObject entry = Config.of("class_name", l.type(), "name", l.name(), "trainable", l.trainable());
      entry.add("config", l.config());
      layers.add(entry);
    }
    JsonArray nodes = new JsonArray();
    for (SymbolicTensor step : graph.steps) {
      JsonObject node = Config.of("layer", step.layer().name());
      JsonArray inbound = new JsonArray();
      for (SymbolicTensor in : step.inputs()) {
        inbound.add(ids.get(in));
      }
      node.add("inbound", inbound);
      nodes.add(node);
      ids.put(step, ids.size());
    }
    JsonArray outputs = new JsonArray();
    for (SymbolicTensor o : graph.outputs) {
      outputs.add(ids.get(o));
    }
    out.add("inputs", inputs);
    out.add("layers", layers);
    out.add("nodes", nodes);
    out.add("outputs", outputs);
    return out;
  }

  private static JsonObject compileConfig(Compiled compiled) {
    JsonObject out = new JsonObject();
    JsonObject optimizer = Config.of("name", compiled.optimizer().name());
    optimizer.add("config", compiled.optimizer().config());
    out.add("optimizer", optimizer);
    out.addProperty("loss", compiled.loss().name());
    JsonArray metrics = new JsonArray();
    for (Metric m : compiled.metrics()) {
      metrics.add(m.name());
    }
    out.add("metrics", metrics);
    return out;
  }

  // ------------------------------------------------------------------ loading

  static Model load(Path file, boolean compile) {
    SafeTensors.Contents contents = SafeTensors.load(file);
    String architecture = contents.metadata().get("vectorgrad.model");
    if (architecture == null) {
      throw new ModelFormatException(file + ": holds weights but no architecture (vectorgrad.model); load them into a"
          + " model you build with model.load(path)");
    }
    Model model = build(file, object(file, architecture), contents.arrays());
    model.loadStateDict(weights(contents.arrays()), true);
    String compileJson = contents.metadata().get("vectorgrad.compile");
    if (compile && compileJson != null) {
      compile(file, model, object(file, compileJson));
      if (hasOptimizerState(contents.arrays())) {
        loadOptimizerState(file, model, contents.arrays());
      }
    }
    return model;
  }

  static void loadWeights(Model model, Path file) {
    fill(file, model, SafeTensors.load(file).arrays());
  }

  /**
   * Copies the file's weights into a model built elsewhere; a file for another architecture is a
   * {@link ModelFormatException} like any other unusable file, not loadStateDict's generic error.
   */
  private static void fill(Path file, Model model, Map<String, NdArray> arrays) {
    try {
      model.loadStateDict(weights(arrays), true);
    } catch (RuntimeException e) {
      throw new ModelFormatException(file + ": the weights do not fit this model: " + e.getMessage(), e);
    }
  }

  /** Restores weights, optimizer state and the random generator; returns the epoch to continue with. */
  static int restore(Model model, Path file) {
    SafeTensors.Contents contents = SafeTensors.load(file);
    String training = contents.metadata().get("vectorgrad.training");
    if (training == null) {
      throw new ModelFormatException(file + ": is not a checkpoint (no vectorgrad.training metadata)");
    }
    Config c = new Config(file + " training state", object(file, training));
    fill(file, model, contents.arrays());
    loadOptimizerState(file, model, contents.arrays());
    try {
      Generator.global().restore(new long[] {Long.parseLong(c.string("generator_seed")),
          Long.parseLong(c.string("generator_counter"))});
    } catch (NumberFormatException e) {
      throw new ModelFormatException(file + ": bad generator state: " + e.getMessage(), e);
    }
    return c.integer("epoch", 0);
  }

  private static boolean hasOptimizerState(Map<String, NdArray> arrays) {
    for (String key : arrays.keySet()) {
      if (key.startsWith(OPTIMIZER_PREFIX)) {
        return true;
      }
    }
    return false;
  }

  /** Loads the optimizer's state; {@code Optimizer.loadStateDict} checks each entry against its parameter. */
  private static void loadOptimizerState(Path file, Model model, Map<String, NdArray> arrays) {
    Map<String, Tensor> state = new LinkedHashMap<>();
    arrays.forEach((k, a) -> {
      if (k.startsWith(OPTIMIZER_PREFIX)) {
        state.put(k.substring(OPTIMIZER_PREFIX.length()), Tensor.from(a));
      }
    });
    try {
      model.optimizer().loadStateDict(state);
    } catch (RuntimeException e) {
      throw new ModelFormatException(file + ": optimizer state does not fit the model: " + e.getMessage(), e);
    }
  }

  private static Map<String, Tensor> weights(Map<String, NdArray> arrays) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    arrays.forEach((k, a) -> {
      if (!k.startsWith(OPTIMIZER_PREFIX)) {
        out.put(k, Tensor.from(a));
      }
    });
    return out;
  }

  private static JsonObject object(Path file, String json) {
    try {
      JsonElement parsed = JsonParser.parseString(json);
      if (!parsed.isJsonObject()) {
        throw new ModelFormatException(file + ": metadata is not a JSON object");
      }
      return parsed.getAsJsonObject();
    } catch (RuntimeException e) {
      throw e instanceof ModelFormatException ? (ModelFormatException) e
          : new ModelFormatException(file + ": metadata is not valid JSON: " + e.getMessage(), e);
    }
  }

  private static void compile(Path file, Model model, JsonObject json) {
    try {
      JsonObject optimizer = json.getAsJsonObject("optimizer");
      Optimizers.Spec spec = Optimizers.fromConfig(optimizer.get("name").getAsString(), optimizer.getAsJsonObject("config"));
      JsonArray names = json.getAsJsonArray("metrics");
      Metric[] metrics = new Metric[names.size()];
      for (int i = 0; i < metrics.length; i++) {
        metrics[i] = Metrics.of(names.get(i).getAsString());
      }
      model.compile(spec, Losses.of(json.get("loss").getAsString()), metrics);
    } catch (RuntimeException e) {
      throw new ModelFormatException(file + ": cannot restore the compile settings (" + e.getMessage()
          + "); Models.load(path, false) loads without them", e);
    }
  }

  /** Checks the architecture against the weights without allocating, then builds the model. */
  private static Model build(Path file, JsonObject json, Map<String, NdArray> arrays) {
    try {
      return GraphSpec.parse(json, MAX_LAYERS).check(arrays).instantiate();
    } catch (ModelFormatException e) {
      throw new ModelFormatException(file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new ModelFormatException(file + ": invalid architecture: " + e.getMessage(), e);
    }
  }

  /** A dtype-and-shape check of one weight against the file. */
  static void expect(Map<String, NdArray> arrays, String key, Shape shape) {
    NdArray found = arrays.get(key);
    if (found == null) {
      throw new ModelFormatException("weight '" + key + "' " + shape + " is missing");
    }
    if (found.dtype() != DType.F32 || !found.shape().equals(shape)) {
      throw new ModelFormatException("weight '" + key + "' is " + found.dtype() + " " + found.shape()
          + " but the architecture needs F32 " + shape);
    }
  }

  static List<String> unexpected(Map<String, NdArray> arrays, List<String> expected) {
    List<String> out = new ArrayList<>();
    for (String k : arrays.keySet()) {
      if (!k.startsWith(OPTIMIZER_PREFIX) && !expected.contains(k)) {
        out.add(k);
      }
    }
    return out;
  }
}
