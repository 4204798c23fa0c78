package dev.vectorgrad.dsl;

import com.google.gson.JsonObject;
import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.Module;
import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.ShapeMismatchException;
import dev.vectorgrad.tensor.VectorgradException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A Keras layer: a configuration, weights built lazily from the first input shape (Keras' {@code
 * build(input_shape)}), and a computation. Shapes seen by layers leave out the batch axis and are
 * channels-last, as in Keras.
 *
 * <p>The weights live in a {@link Module} of the {@code layers} module (a {@code Dense} holds a
 * {@code Linear}), registered in the model under the layer's name, so a model's state dict uses
 * PyTorch's layouts and keys like {@code dense.weight}. A subclass says three things without
 * allocating anything — {@link #outputShape}, {@link #weightShapes}, {@link #config} — so a model
 * file can be checked completely before its weights are allocated, and then {@link #createModule}
 * and {@link #call} do the work.
 */
public abstract class Layer {
  private @Nullable String name;
  private @Nullable List<Shape> builtFor;
  private @Nullable Module module;
  private boolean trainable = true;

  /** The Keras class name, e.g. {@code Dense}; saved files refer to layer types by it. */
  public String type() {
    return getClass().getSimpleName();
  }

  /** The layer's name in its model; unnamed layers are named when a model is assembled. */
  public String name() {
    return name == null ? defaultName() : name;
  }

  /** Sets the name (letters, digits, {@code _} and {@code -}); names are unique within a model. */
  public Layer named(String value) {
    checkName(value);
    name = value;
    return this;
  }

  boolean hasName() {
    return name != null;
  }

  /** {@code Conv2D} becomes {@code conv2d}, {@code GlobalAveragePooling2D} {@code global_average_pooling2d}. */
  String defaultName() {
    String type = type();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < type.length(); i++) {
      char c = type.charAt(i);
      if (Character.isUpperCase(c) && i > 0 && Character.isLowerCase(type.charAt(i - 1))) {
        out.append('_');
      }
      out.append(Character.toLowerCase(c));
    }
    return out.toString();
  }

  static void checkName(String value) {
    if (!value.matches("[A-Za-z0-9_-]+")) {
      throw new VectorgradException("layer name '" + value + "' may only use letters, digits, '_' and '-'");
    }
  }

  /** Whether an optimizer updates this layer's weights (Keras' {@code layer.trainable}). */
  public boolean trainable() {
    return trainable;
  }

  public Layer trainable(boolean value) {
    trainable = value;
    if (module != null) {
      module.requiresGrad(value);
    }
    return this;
  }

  /** How many inputs the layer takes: 1, or {@code -1} for "two or more" (merges). */
  protected int arity() {
    return 1;
  }

  /**
   * The output shape for inputs of these shapes (no batch axis).
   *
   * @throws ShapeMismatchException naming this layer when the inputs do not fit
   */
  protected abstract Shape outputShape(List<Shape> inputs);

  /** The shapes of the weights {@link #createModule} will make, by state-dict key; none by default. */
  protected Map<String, Shape> weightShapes(List<Shape> inputs) {
    return Collections.emptyMap();
  }

  /** The module holding this layer's weights or training-mode state, or {@code null} if it has none. */
  protected @Nullable Module createModule(List<Shape> inputs) {
    return null;
  }

  /** The computation on batches; {@code module} is what {@link #createModule} returned. */
  protected abstract Tensor call(List<Tensor> inputs, @Nullable Module module);

  /** The constructor arguments as JSON, with Keras' names; {@link LayerRegistry} reads it back. */
  public abstract JsonObject config();

  /** The module built for this layer, or {@code null} before it is built or when it has no state. */
  public @Nullable Module module() {
    return module;
  }

  public boolean isBuilt() {
    return builtFor != null;
  }

  /** Checks the input shapes and returns the output shape, without building anything. */
  final Shape plan(List<Shape> inputs) {
    int arity = arity();
    if (arity > 0 ? inputs.size() != arity : inputs.size() < 2) {
      throw new ShapeMismatchException(describe() + ": expects " + (arity > 0 ? String.valueOf(arity) : "two or more")
          + " inputs, got " + inputs.size());
    }
    if (builtFor != null && !builtFor.equals(inputs)) {
      throw new ShapeMismatchException(describe() + ": was built for inputs " + render(builtFor)
          + " and cannot be applied to " + render(inputs));
    }
    return outputShape(inputs);
  }

  /**
   * Builds the weights for these input shapes once (later calls must use the same shapes) and
   * returns the output shape.
   */
  final synchronized Shape build(List<Shape> inputs) {
    Shape output = plan(inputs);
    if (builtFor == null) {
      module = createModule(inputs);
      if (module != null && !trainable) {
        module.requiresGrad(false);
      }
      builtFor = new ArrayList<>(inputs);
    }
    return output;
  }

  /**
   * Applies the layer to symbolic inputs (the functional API): checks shapes, builds the weights on
   * first use and returns the symbolic output. Applying one layer twice shares its weights.
   */
  public SymbolicTensor apply(SymbolicTensor... inputs) {
    List<Shape> shapes = new ArrayList<>();
    for (SymbolicTensor in : inputs) {
      shapes.add(in.shape());
    }
    return new SymbolicTensor(build(shapes), this, Arrays.asList(inputs));
  }

  /**
   * Applies the layer to batches eagerly (for subclassed models), building it from their shapes on
   * the first call.
   */
  public Tensor call(Tensor... inputs) {
    List<Shape> shapes = new ArrayList<>();
    for (Tensor in : inputs) {
      if (in.rank() == 0) {
        throw new ShapeMismatchException(describe() + ": inputs need a batch axis, got a scalar");
      }
      shapes.add(Shapes.sample(in.shape()));
    }
    build(shapes);
    return call(Arrays.asList(inputs), module);
  }

  /** {@code dense_1 (Dense)}: how errors and summaries refer to a layer. */
  public String describe() {
    return name() + " (" + type() + ")";
  }

  static String render(List<Shape> shapes) {
    StringBuilder out = new StringBuilder();
    for (Shape s : shapes) {
      out.append(out.length() == 0 ? "" : ", ").append(Shapes.withBatch(s));
    }
    return out.toString();
  }

  /** The weights' shapes keyed by state-dict name relative to the layer, for subclasses. */
  protected static Map<String, Shape> weights(Object... namesAndShapes) {
    Map<String, Shape> out = new LinkedHashMap<>();
    for (int i = 0; i < namesAndShapes.length; i += 2) {
      out.put((String) namesAndShapes[i], (Shape) namesAndShapes[i + 1]);
    }
    return out;
  }

  @Override
  public String toString() {
    return describe() + " " + config();
  }
}
