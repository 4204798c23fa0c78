package dev.vectorgrad.layers;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.tensor.Window2d;

/** Max pooling; the stride defaults to the kernel. Shape: {@code [N, C, H, W] -> [N, C, OH, OW]}. */
public class MaxPool2d extends Module {
  private final Window2d window;

  public MaxPool2d(int kernel) {
    this(kernel, kernel, 0);
  }

  public MaxPool2d(int kernel, int stride, int padding) {
    this.window = Window2d.of(kernel, stride, padding, 1);
  }

  @Override
  public Tensor forward(Tensor input) {
    return F.maxPool2d(input, window);
  }

  Window2d window() {
    return window;
  }

  @Override
  protected String extraRepr() {
    return "kernel=" + window.kernelH() + ", stride=" + window.strideH() + ", padding=" + window.padH();
  }
}
