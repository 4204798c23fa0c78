package dev.vectorgrad.dsl;

import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.ShapeMismatchException;
import java.util.Collections;
import org.jspecify.annotations.Nullable;

/**
 * A model input of a fixed per-sample shape, like Keras' {@code Input(shape=...)}: {@code
 * Input.of(28, 28, 1)} stands for batches of shape {@code [N, 28, 28, 1]}.
 */
public final class Input extends SymbolicTensor {
  private @Nullable String name;

  private Input(Shape shape) {
    super(shape, null, Collections.emptyList());
  }

  public static Input of(int... shape) {
    for (int d : shape) {
      if (d <= 0) {
        throw new ShapeMismatchException("Input: sizes must be positive, got " + Shape.of(shape));
      }
    }
    return new Input(Shape.of(shape));
  }

  /** Names this input (models name unnamed inputs {@code input}, {@code input_1}, ...). */
  public Input named(String value) {
    Layer.checkName(value);
    name = value;
    return this;
  }

  @Nullable String name() {
    return name;
  }

  void assignName(String value) {
    name = value;
  }
}
