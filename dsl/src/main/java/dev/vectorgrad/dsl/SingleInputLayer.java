package dev.vectorgrad.dsl;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.Module;
import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.ShapeMismatchException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A layer of one input, which is nearly every layer but the merges. */
public abstract class SingleInputLayer extends Layer {
  protected abstract Shape outputShape(Shape input);

  protected Map<String, Shape> weightShapes(Shape input) {
    return Collections.emptyMap();
  }

  protected @Nullable Module createModule(Shape input) {
    return null;
  }

  protected abstract Tensor call(Tensor input, @Nullable Module module);

  @Override
  protected final Shape outputShape(List<Shape> inputs) {
    return outputShape(inputs.get(0));
  }

  @Override
  protected final Map<String, Shape> weightShapes(List<Shape> inputs) {
    return weightShapes(inputs.get(0));
  }

  @Override
  protected final @Nullable Module createModule(List<Shape> inputs) {
    return createModule(inputs.get(0));
  }

  @Override
  protected final Tensor call(List<Tensor> inputs, @Nullable Module module) {
    return call(inputs.get(0), module);
  }

  /** Throws unless the per-sample input has one of {@code ranks}. */
  protected final void requireRank(Shape input, int... ranks) {
    for (int r : ranks) {
      if (input.rank() == r) {
        return;
      }
    }
    StringBuilder expected = new StringBuilder();
    for (int r : ranks) {
      expected.append(expected.length() == 0 ? "" : " or ").append(r + 1);
    }
    throw new ShapeMismatchException(describe() + ": expects inputs of rank " + expected
        + " (batch included), got " + Shapes.withBatch(input));
  }
}
