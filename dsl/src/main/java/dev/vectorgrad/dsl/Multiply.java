package dev.vectorgrad.dsl;

import dev.vectorgrad.autodiff.Tensor;

/** Keras' {@code Multiply}: the elementwise product of its inputs. */
public final class Multiply extends Merge {
  private Multiply() {
    super(Tensor::times);
  }

  public static Multiply of() {
    return new Multiply();
  }

  static Multiply fromConfig(Config c) {
    return of();
  }
}
