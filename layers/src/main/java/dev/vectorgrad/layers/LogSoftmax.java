package dev.vectorgrad.layers;

import dev.vectorgrad.autodiff.Tensor;

/** Log-softmax along {@code axis}. Shape: any -> same. */
public class LogSoftmax extends Module {
  private final int axis;

  public LogSoftmax(int axis) {
    this.axis = axis;
  }

  @Override
  protected String extraRepr() {
    return "axis=" + axis;
  }

  @Override
  public Tensor forward(Tensor input) {
    return F.logSoftmax(input, axis);
  }
}
