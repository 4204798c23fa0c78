package dev.vectorgrad.layers;

import dev.vectorgrad.autodiff.Tensor;

/** Returns its input; a placeholder in containers. */
public class Identity extends Module {

  @Override
  public Tensor forward(Tensor input) {
    return input;
  }
}
