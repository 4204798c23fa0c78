package dev.vectorgrad.layers;

import dev.vectorgrad.autodiff.Tensor;

/** Hyperbolic tangent. Shape: any -> same. */
public class Tanh extends Module {

  @Override
  public Tensor forward(Tensor input) {
    return F.tanh(input);
  }
}
