package dev.vectorgrad.dsl;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.Init;
import org.jspecify.annotations.Nullable;

/** Keras' default initialization, applied over the PyTorch defaults of a freshly built module. */
final class KerasInit {
  private KerasInit() {}

  /** Glorot-uniform kernel, zero bias. */
  static void glorot(Tensor weight, @Nullable Tensor bias) {
    Init.xavierUniform(weight, 1);
    if (bias != null) {
      Init.zeros(bias);
    }
  }
}
