package dev.vectorgrad.dsl;

import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.ShapeMismatchException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A plain stack of layers, each feeding the next, like Keras' {@code Sequential}. With an {@link
 * Input} first, every layer is built (and its shape checked) as it is added; without one, the stack
 * is built from the first batch it sees.
 */
public class Sequential extends Model {
  private final List<Layer> stack = new ArrayList<>();
  private @Nullable Input input;

  protected Sequential() {
    super("sequential");
  }

  public static Sequential of(Layer... layers) {
    Sequential model = new Sequential();
    for (Layer l : layers) {
      model.add(l);
    }
    return model;
  }

  public static Sequential of(Input input, Layer... layers) {
    Sequential model = new Sequential();
    model.input = input;
    model.rebuild();
    for (Layer l : layers) {
      model.add(l);
    }
    return model;
  }

  /** Appends a layer; with a known input shape it is built now, so a shape error names it here. */
  public Sequential add(Layer layer) {
    if (stack.contains(layer)) {
      throw new ShapeMismatchException("Sequential: " + layer.describe() + " is already in the stack");
    }
    stack.add(layer);
    if (input != null) {
      try {
        rebuild();
      } catch (RuntimeException e) {
        stack.remove(stack.size() - 1);
        throw e;
      }
    }
    return this;
  }

  /** The per-sample input shape, or {@code null} before the model has seen one. */
  public @Nullable Shape inputShape() {
    return input == null ? null : input.shape();
  }

  private void rebuild() {
    SymbolicTensor x = input;
    for (Layer l : stack) {
      x = l.apply(x);
    }
    setGraph(new Graph(Collections.singletonList(input), Collections.singletonList(x)));
  }

  @Override
  synchronized void buildFor(List<Shape> sampleShapes) {
    if (input != null) {
      return;
    }
    if (sampleShapes.size() != 1) {
      throw new ShapeMismatchException("Sequential: takes one input, got " + sampleShapes.size());
    }
    input = Input.of(sampleShapes.get(0).toArray());
    rebuild();
  }

  @Override
  boolean buildsGraphLazily() {
    return true;
  }

  @Override
  public List<Layer> layers() {
    return new ArrayList<>(stack);
  }
}
