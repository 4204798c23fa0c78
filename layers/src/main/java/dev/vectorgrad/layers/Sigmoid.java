package dev.vectorgrad.layers;

import dev.vectorgrad.autodiff.Tensor;

/** {@code 1 / (1 + exp(-x))}. Shape: any -> same. */
public class Sigmoid extends Module {

  @Override
  public Tensor forward(Tensor input) {
    return F.sigmoid(input);
  }
}
