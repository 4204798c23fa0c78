package dev.vectorgrad.layers;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.tensor.Window2d;

/** Average pooling (padding counted as zeros); the stride defaults to the kernel. Shape: {@code [N, C, H, W] -> [N, C, OH, OW]}. */
public class AvgPool2d extends Module {
  private final Window2d window;

  public AvgPool2d(int kernel) {
    this(kernel, kernel, 0);
  }

  public AvgPool2d(int kernel, int stride, int padding) {
    this.window = Window2d.of(kernel, stride, padding, 1);
  }

  @Override
  public Tensor forward(Tensor input) {
    return F.avgPool2d(input, window);
  }

  @Override
  protected String extraRepr() {
    return "kernel=" + window.kernelH() + ", stride=" + window.strideH() + ", padding=" + window.padH();
  }
}
