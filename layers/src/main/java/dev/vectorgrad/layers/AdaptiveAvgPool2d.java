package dev.vectorgrad.layers;

import dev.vectorgrad.autodiff.Tensor;

/** Averages into a fixed output size. Shape: {@code [N, C, H, W] -> [N, C, outH, outW]}. */
public class AdaptiveAvgPool2d extends Module {
  private final int outH;
  private final int outW;

  public AdaptiveAvgPool2d(int outH, int outW) {
    this.outH = outH;
    this.outW = outW;
  }

  @Override
  public Tensor forward(Tensor input) {
    return F.adaptiveAvgPool2d(input, outH, outW);
  }

  @Override
  protected String extraRepr() {
    return outH + "x" + outW;
  }
}
