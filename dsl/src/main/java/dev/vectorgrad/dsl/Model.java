package dev.vectorgrad.dsl;

import dev.vectorgrad.autodiff.Grad;
import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.Module;
import dev.vectorgrad.layers.optim.Optimizer;
import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.VectorgradException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A Keras model: layers wired from inputs to outputs, then {@link #compile}, {@link #fit}, {@link
 * #evaluate}, {@link #predict}, {@link #summary} and {@link #save}.
 *
 * <p>Three ways to make one, as in Keras: a {@link Sequential} stack; the functional API, {@code
 * Model.of(inputs, outputs)} over layers applied to {@link Input}s (several inputs and outputs,
 * shared layers, merges); or a subclass that {@link #track}s its layers and overrides {@link
 * #forward}. A model is a {@link Module}: its layers' weights are its children under the layers'
 * names, so {@code stateDict()}, {@code parameters()}, {@code to(device)} and PyTorch-style
 * training loops work on it too.
 *
 * <p>Thread safety: once built, {@link #predict} and {@link #evaluate} may be called from many
 * threads at once (they only read the weights and switch the model to evaluation mode); {@link #fit},
 * {@link #compile} and changes to the model must not run concurrently with anything else.
 */
public class Model extends Module {
  private String name;
  private @Nullable Graph graph;
  private final List<Layer> tracked = new ArrayList<>();
  private @Nullable Compiled compiled;
  private @Nullable Optimizer optimizer;
  private volatile boolean stopTraining;
  private int resumeEpoch;

  /** For subclassed models: {@link #track} the layers and override {@link #forward}. */
  protected Model() {
    this.name = "model";
  }

  Model(String name) {
    this.name = name;
  }

  Model(String name, List<Input> inputs, List<SymbolicTensor> outputs) {
    this.name = name;
    setGraph(new Graph(inputs, outputs));
  }

  /** A functional model from one input to one output. */
  public static Model of(Input input, SymbolicTensor output) {
    return new Model("functional", Collections.singletonList(input), Collections.singletonList(output));
  }

  /** A functional model with several inputs and outputs, in the order {@link #call} takes and returns them. */
  public static Model of(List<Input> inputs, List<SymbolicTensor> outputs) {
    return new Model("functional", inputs, outputs);
  }

  public String name() {
    return name;
  }

  /** Renames the model (shown by {@link #summary}). */
  public Model named(String value) {
    Layer.checkName(value);
    name = value;
    return this;
  }

  /** Installs the graph: names its inputs and layers uniquely and registers their weights. */
  final void setGraph(Graph value) {
    Set<String> taken = new HashSet<>();
    for (Input in : value.inputs) {
      in.assignName(unique(in.name() == null ? "input" : in.name(), taken, in.name() != null));
    }
    for (Layer layer : value.layers) {
      nameAndRegister(layer, taken);
    }
    graph = value;
  }

  private void nameAndRegister(Layer layer, Set<String> taken) {
    String chosen = unique(layer.name(), taken, layer.hasName());
    if (!layer.hasName()) {
      layer.named(chosen);
    }
    Module module = layer.module();
    if (module != null && !children().containsKey(chosen)) {
      register(chosen, module);
    }
  }

  /** {@code base}, or {@code base_1}, {@code base_2}, ... for the first one not taken. */
  private static String unique(String base, Set<String> taken, boolean explicit) {
    if (explicit && taken.contains(base)) {
      throw new VectorgradException("Model: two layers are named '" + base + "'");
    }
    String candidate = base;
    for (int i = 1; taken.contains(candidate); i++) {
      candidate = base + "_" + i;
    }
    taken.add(candidate);
    return candidate;
  }

  /** For subclassed models: makes {@code layer} part of this model (its weights, summary, saving). */
  protected final <L extends Layer> L track(L layer) {
    tracked.add(layer);
    return layer;
  }

  /** As {@link #track(Layer)}, naming the layer (its weights become {@code name.weight}, ...). */
  protected final <L extends Layer> L track(String name, L layer) {
    layer.named(name);
    return track(layer);
  }

  /** Registers the weights of tracked layers that were built since the last look. */
  private void registerTracked() {
    if (graph != null || tracked.isEmpty()) {
      return;
    }
    Set<String> taken = new HashSet<>();
    for (Layer layer : tracked) {
      if (layer.isBuilt()) {
        nameAndRegister(layer, taken);
      } else {
        taken.add(layer.name());
      }
    }
  }

  @Override
  public Map<String, Tensor> namedParameters() {
    registerTracked();
    return super.namedParameters();
  }

  @Override
  public Map<String, Tensor> stateDict() {
    registerTracked();
    return super.stateDict();
  }

  /** The layers in order (inputs excluded). */
  public List<Layer> layers() {
    return graph == null ? new ArrayList<>(tracked) : new ArrayList<>(graph.layers);
  }

  /** The layer called {@code layerName}. */
  public Layer layer(String layerName) {
    for (Layer l : layers()) {
      if (l.name().equals(layerName)) {
        return l;
      }
    }
    throw new VectorgradException("Model '" + name + "' has no layer '" + layerName + "'");
  }

  @Nullable Graph graph() {
    return graph;
  }

  /** Builds the model for samples of these shapes if it cannot know them yet (see {@link Sequential}). */
  void buildFor(List<Shape> sampleShapes) {}

  private static List<Shape> sampleShapes(List<Tensor> batch) {
    List<Shape> shapes = new ArrayList<>();
    for (Tensor t : batch) {
      shapes.add(t.rank() == 0 ? Shape.scalar() : Shapes.sample(t.shape()));
    }
    return shapes;
  }

  /** Whether {@link #buildFor} makes the graph on first use (so no graph yet is not a subclass). */
  boolean buildsGraphLazily() {
    return false;
  }

  /**
   * Builds every layer from a sample batch before an optimizer needs the weights: a Sequential
   * without an input from the batch's shapes; a subclassed model, which builds its layers inside
   * {@link #forward}, by one evaluation-mode pass without gradients (no dropout draws, no
   * running-statistics updates).
   */
  void buildFrom(List<Tensor> batch) {
    if (graph == null && buildsGraphLazily()) {
      buildFor(sampleShapes(batch));
      return;
    }
    boolean unbuilt = false;
    for (Layer l : tracked) {
      unbuilt |= !l.isBuilt();
    }
    if (graph != null || !unbuilt) {
      return;
    }
    boolean training = isTraining();
    try (Grad.Scope off = Grad.disabled()) {
      eval();
      call(batch);
    } finally {
      train(training);
    }
  }

  /**
   * Runs the model on one batch per input and returns one batch per output. Subclassed models with
   * several inputs or outputs override this; the default calls {@link #forward}.
   */
  public List<Tensor> call(List<Tensor> inputs) {
    if (graph == null && buildsGraphLazily()) {
      buildFor(sampleShapes(inputs));
    }
    if (graph != null) {
      return graph.run(inputs);
    }
    if (inputs.size() != 1) {
      throw new VectorgradException("Model '" + name + "': takes one input; override call(List) for more");
    }
    return Collections.singletonList(forward(inputs.get(0)));
  }

  /** Runs a one-input, one-output model on a batch; subclassed models override this. */
  @Override
  public Tensor forward(Tensor input) {
    if (graph == null && !buildsGraphLazily()) {
      throw new VectorgradException("Model '" + name + "': a subclassed model must override forward");
    }
    List<Tensor> out = call(Collections.singletonList(input));
    if (out.size() != 1) {
      throw new VectorgradException("Model '" + name + "': has " + out.size() + " outputs; use call(List)");
    }
    return out.get(0);
  }

  // ------------------------------------------------------------------ training

  /** Sets the optimizer, loss and metrics for {@link #fit} and {@link #evaluate}, like Keras' {@code compile}. */
  public Model compile(Optimizers.Spec optimizerSpec, Loss loss, Metric... metrics) {
    compiled = new Compiled(optimizerSpec, loss, Metrics.resolve(Arrays.asList(metrics), loss));
    optimizer = null;
    return this;
  }

  /** {@code compile("adam", "sparse_categorical_crossentropy", "accuracy")}. */
  public Model compile(String optimizerName, String lossName, String... metricNames) {
    Metric[] metrics = new Metric[metricNames.length];
    for (int i = 0; i < metrics.length; i++) {
      metrics[i] = Metrics.of(metricNames[i]);
    }
    return compile(Optimizers.of(optimizerName), Losses.of(lossName), metrics);
  }

  Compiled compiled() {
    if (compiled == null) {
      throw new VectorgradException("Model '" + name + "': call compile(optimizer, loss, metrics) before fit or evaluate");
    }
    return compiled;
  }

  boolean isCompiled() {
    return compiled != null;
  }

  /** The optimizer, created from the compiled spec over the trainable weights on first use. */
  public Optimizer optimizer() {
    if (optimizer == null) {
      List<Tensor> trainable = new ArrayList<>();
      for (Tensor p : parameters()) {
        if (p.requiresGrad()) {
          trainable.add(p);
        }
      }
      optimizer = compiled().optimizer().create(trainable);
    }
    return optimizer;
  }

  /** Set by callbacks (EarlyStopping, TerminateOnNaN) to end {@link #fit} after the current batch. */
  public void stopTraining(boolean value) {
    stopTraining = value;
  }

  public boolean stopTraining() {
    return stopTraining;
  }

  /**
   * Makes the running {@link #fit} start at {@code epoch}: for callbacks that restore a checkpoint
   * in {@code onTrainBegin} (BackupAndRestore). Applies to the current fit only.
   */
  public void resumeAt(int epoch) {
    resumeEpoch = epoch;
  }

  int resumeEpoch() {
    return resumeEpoch;
  }

  void clearResumeEpoch() {
    resumeEpoch = 0;
  }

  /** Trains on whole tensors: {@code x} holds samples along axis 0, {@code y} their targets. */
  public History fit(Tensor x, Tensor y, Fit options) {
    return fit(Collections.singletonList(x), Collections.singletonList(y), options);
  }

  /** Trains a model with several inputs or outputs. */
  public History fit(List<Tensor> x, List<Tensor> y, Fit options) {
    return new Training(this).fit(Batches.of(x, y), options);
  }

  /** Trains on a dataset (batches come from {@link dev.vectorgrad.layers.data.Dataset#batch}). */
  public History fit(dev.vectorgrad.layers.data.Dataset dataset, Fit options) {
    return new Training(this).fit(Batches.of(dataset), options);
  }

  /** The loss and the metrics on {@code x, y}, in batches of 32, e.g. {@code {loss=0.03, accuracy=0.99}}. */
  public Map<String, Double> evaluate(Tensor x, Tensor y) {
    return evaluate(x, y, 32);
  }

  public Map<String, Double> evaluate(Tensor x, Tensor y, int batchSize) {
    return new Training(this).evaluate(Batches.of(Collections.singletonList(x), Collections.singletonList(y)), batchSize);
  }

  /** The model's output for every sample of {@code x}, computed in batches of 32 in evaluation mode. */
  public Tensor predict(Tensor x) {
    return predict(x, 32);
  }

  public Tensor predict(Tensor x, int batchSize) {
    return new Training(this).predict(Collections.singletonList(x), batchSize).get(0);
  }

  /** Predictions for a model with several inputs or outputs. */
  public List<Tensor> predict(List<Tensor> x, int batchSize) {
    return new Training(this).predict(x, batchSize);
  }

  // ------------------------------------------------------------------ inspection and files

  /** Keras' summary table: layers, output shapes, parameter counts and totals. */
  public String summary() {
    return Summary.render(this);
  }

  /** The graph in Graphviz's DOT language ({@code dot -Tsvg model.dot > model.svg}). */
  public String toDot() {
    return Summary.dot(this);
  }

  /**
   * Saves architecture, weights and compile configuration (and the optimizer's state, if it has
   * one) in one safetensors file, atomically; {@link Models#load} reads it back.
   */
  public void save(Path file) {
    ModelFile.save(this, file, true, null);
  }

  /** Loads only the weights from a file written by {@link #save} (or a PyTorch state dict), strictly. */
  @Override
  public void load(Path file) {
    ModelFile.loadWeights(this, file);
  }
}
