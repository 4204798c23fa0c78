package dev.vectorgrad.layers;

import dev.vectorgrad.autodiff.Tensor;

/** Flattens dimensions {@code startAxis..endAxis} (default 1..-1). Shape: {@code [N, d1, d2, ...] -> [N, d1*d2*...]}. */
public class Flatten extends Module {
  private final int startAxis;
  private final int endAxis;

  public Flatten() {
    this(1, -1);
  }

  public Flatten(int startAxis, int endAxis) {
    this.startAxis = startAxis;
    this.endAxis = endAxis;
  }

  @Override
  public Tensor forward(Tensor input) {
    return input.flatten(startAxis, endAxis);
  }
}
