package dev.vectorgrad.layers;

/** Batch normalization of {@code [N, C, H, W]} inputs (eps 1e-5, momentum 0.1 by default). */
public class BatchNorm2d extends BatchNorm {
  public BatchNorm2d(int features) {
    this(features, 1e-5, 0.1);
  }

  public BatchNorm2d(int features, double eps, double momentum) {
    super(features, eps, momentum, 4);
  }
}
