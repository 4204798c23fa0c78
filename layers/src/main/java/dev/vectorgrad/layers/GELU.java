package dev.vectorgrad.layers;

import dev.vectorgrad.autodiff.Tensor;

/** {@code x * Phi(x)} (exact). Shape: any -> same. */
public class GELU extends Module {

  @Override
  public Tensor forward(Tensor input) {
    return F.gelu(input);
  }
}
