package dev.vectorgrad.layers;

import dev.vectorgrad.autodiff.Tensor;

/** Softmax along {@code axis}. Shape: any -> same. */
public class Softmax extends Module {
  private final int axis;

  public Softmax(int axis) {
    this.axis = axis;
  }

  @Override
  protected String extraRepr() {
    return "axis=" + axis;
  }

  @Override
  public Tensor forward(Tensor input) {
    return F.softmax(input, axis);
  }
}
