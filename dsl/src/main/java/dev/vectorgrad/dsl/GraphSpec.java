package dev.vectorgrad.dsl;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.vectorgrad.layers.io.ModelFormatException;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A saved architecture, read but not built: input shapes, layers (configured, without weights)
 * and the nodes that apply them. {@link #check} runs the shapes through without allocating;
 * {@link #instantiate} then builds the model.
 */
final class GraphSpec {
  private final String className;
  private final String name;
  private final List<String> inputNames = new ArrayList<>();
  private final List<Shape> inputShapes = new ArrayList<>();
  private final Map<String, Layer> layers = new LinkedHashMap<>();
  private final List<Layer> nodeLayers = new ArrayList<>();
  private final List<int[]> nodeInbound = new ArrayList<>();
  private final List<Integer> outputs = new ArrayList<>();

  private GraphSpec(String className, String name) {
    this.className = className;
    this.name = name;
  }

  static GraphSpec parse(JsonObject json, int maxLayers) {
    Config top = new Config("architecture", json);
    String className = top.string("class_name");
    if (!className.equals("Sequential") && !className.equals("Functional")) {
      throw new ModelFormatException("architecture: unknown model class '" + className + "'");
    }
    GraphSpec spec = new GraphSpec(className, top.string("name"));
    for (JsonElement e : array(json, "inputs", maxLayers)) {
      Config in = new Config("input", e.getAsJsonObject());
      spec.inputNames.add(in.string("name"));
      spec.inputShapes.add(Shape.of(in.integers("shape", 1)));
    }
    for (JsonElement e : array(json, "layers", maxLayers)) {
      JsonObject entry = e.getAsJsonObject();
      Config c = new Config("layer", entry);
      Layer layer = LayerRegistry.create(c.string("class_name"), entry.getAsJsonObject("config"));
      layer.named(c.string("name")).trainable(c.bool("trainable"));
      if (spec.layers.put(layer.name(), layer) != null) {
        throw new ModelFormatException("architecture: two layers are named '" + layer.name() + "'");
      }
    }
    int values = spec.inputNames.size();
    for (JsonElement e : array(json, "nodes", maxLayers)) {
      JsonObject node = e.getAsJsonObject();
      String layerName = new Config("node", node).string("layer");
      Layer layer = spec.layers.get(layerName);
      if (layer == null) {
        throw new ModelFormatException("architecture: a node uses unknown layer '" + layerName + "'");
      }
      JsonArray inbound = array(node, "inbound", 64);
      int[] refs = new int[inbound.size()];
      for (int i = 0; i < refs.length; i++) {
        refs[i] = reference(inbound.get(i), values);
      }
      spec.nodeLayers.add(layer);
      spec.nodeInbound.add(refs);
      values++;
    }
    for (JsonElement e : array(json, "outputs", maxLayers)) {
      spec.outputs.add(reference(e, values));
    }
    if (className.equals("Sequential")) {
      spec.checkChain();
    }
    if (spec.inputNames.isEmpty() || spec.outputs.isEmpty()) {
      throw new ModelFormatException("architecture: needs inputs and outputs");
    }
    return spec;
  }

  /** A Sequential model is one input, each node reading the previous value, the last one the output. */
  private void checkChain() {
    boolean chain = inputNames.size() == 1 && outputs.size() == 1 && outputs.get(0) == nodeLayers.size();
    for (int n = 0; chain && n < nodeInbound.size(); n++) {
      chain = nodeInbound.get(n).length == 1 && nodeInbound.get(n)[0] == n;
    }
    if (!chain) {
      throw new ModelFormatException("architecture: a Sequential model must be a chain from its input to its output");
    }
  }

  private static JsonArray array(JsonObject json, String key, int max) {
    JsonElement value = json.get(key);
    if (value == null || !value.isJsonArray() || value.getAsJsonArray().size() > max) {
      throw new ModelFormatException("architecture: '" + key + "' must be an array of at most " + max + " entries");
    }
    return value.getAsJsonArray();
  }

  /** A reference to an earlier value: inputs first, then node outputs; so the graph has no cycles. */
  private static int reference(JsonElement e, int available) {
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
      throw new ModelFormatException("architecture: references must be numbers, got " + e);
    }
    double v = e.getAsDouble();
    if (v != Math.rint(v) || v < 0 || v >= available) {
      throw new ModelFormatException("architecture: reference " + e + " is not an earlier value (0.." + (available - 1) + ")");
    }
    return (int) v;
  }

  /** Runs the shapes through every node and checks each weight in the file; allocates no weights. */
  GraphSpec check(Map<String, NdArray> arrays) {
    List<Shape> shapes = new ArrayList<>(inputShapes);
    Map<Layer, List<Shape>> seen = new HashMap<>();
    List<String> expected = new ArrayList<>();
    for (int n = 0; n < nodeLayers.size(); n++) {
      Layer layer = nodeLayers.get(n);
      List<Shape> in = new ArrayList<>();
      for (int ref : nodeInbound.get(n)) {
        in.add(shapes.get(ref));
      }
      List<Shape> before = seen.putIfAbsent(layer, in);
      if (before != null && !before.equals(in)) {
        throw new ModelFormatException(layer.describe() + ": shared between inputs of different shapes");
      }
      shapes.add(layer.plan(in));
      if (before == null) {
        for (Map.Entry<String, Shape> w : layer.weightShapes(in).entrySet()) {
          String key = layer.name() + "." + w.getKey();
          ModelFile.expect(arrays, key, w.getValue());
          expected.add(key);
        }
      }
    }
    List<String> extra = ModelFile.unexpected(arrays, expected);
    if (!extra.isEmpty()) {
      throw new ModelFormatException("weights " + extra + " do not belong to any layer of the architecture");
    }
    return this;
  }

  Model instantiate() {
    List<Input> inputs = new ArrayList<>();
    List<SymbolicTensor> values = new ArrayList<>();
    for (int i = 0; i < inputNames.size(); i++) {
      Input in = Input.of(inputShapes.get(i).toArray()).named(inputNames.get(i));
      inputs.add(in);
      values.add(in);
    }
    if (className.equals("Sequential")) {
      if (inputs.size() != 1) {
        throw new ModelFormatException("architecture: a Sequential model has one input");
      }
      Sequential model = Sequential.of(inputs.get(0), nodeLayers.toArray(new Layer[0]));
      model.named(name);
      return model;
    }
    for (int n = 0; n < nodeLayers.size(); n++) {
      int[] refs = nodeInbound.get(n);
      SymbolicTensor[] args = new SymbolicTensor[refs.length];
      for (int i = 0; i < refs.length; i++) {
        args[i] = values.get(refs[i]);
      }
      values.add(nodeLayers.get(n).apply(args));
    }
    List<SymbolicTensor> outs = new ArrayList<>();
    for (int o : outputs) {
      outs.add(values.get(o));
    }
    return Model.of(inputs, outs).named(name);
  }
}
