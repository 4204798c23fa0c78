package dev.vectorgrad.layers;

import dev.vectorgrad.autodiff.Tensor;

/** {@code max(x, 0)}. Shape: any -> same. */
public class ReLU extends Module {

  @Override
  public Tensor forward(Tensor input) {
    return F.relu(input);
  }
}
