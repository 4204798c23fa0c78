package dev.vectorgrad.layers;

import dev.vectorgrad.autodiff.Tensor;

/** {@code x * sigmoid(x)}. Shape: any -> same. */
public class SiLU extends Module {

  @Override
  public Tensor forward(Tensor input) {
    return F.silu(input);
  }
}
