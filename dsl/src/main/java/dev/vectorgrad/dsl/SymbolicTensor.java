package dev.vectorgrad.dsl;

import dev.vectorgrad.tensor.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A placeholder for a batch of values in a functional model, like Keras' {@code KerasTensor}: it
 * knows its shape (without the batch axis) and which layer produced it from which inputs, and
 * holds no data. {@link Layer#apply} makes new ones; {@link Model#of} turns a graph of them into a
 * model.
 */
public class SymbolicTensor {
  private final Shape shape;
  private final @Nullable Layer layer;
  private final List<SymbolicTensor> inputs;

  SymbolicTensor(Shape shape, @Nullable Layer layer, List<SymbolicTensor> inputs) {
    this.shape = shape;
    this.layer = layer;
    this.inputs = Collections.unmodifiableList(new ArrayList<>(inputs));
  }

  /** The shape of one sample (the batch axis is not included). */
  public Shape shape() {
    return shape;
  }

  /** The layer that computes this value; {@code null} for an {@link Input}. */
  @Nullable Layer layer() {
    return layer;
  }

  List<SymbolicTensor> inputs() {
    return inputs;
  }

  @Override
  public String toString() {
    return "SymbolicTensor(shape=" + Shapes.withBatch(shape) + (layer == null ? "" : ", from " + layer.name()) + ")";
  }
}
