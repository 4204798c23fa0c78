package dev.vectorgrad.layers;

/** Batch normalization of {@code [N, C]} or {@code [N, C, L]} inputs (eps 1e-5, momentum 0.1 by default). */
public class BatchNorm1d extends BatchNorm {
  public BatchNorm1d(int features) {
    this(features, 1e-5, 0.1);
  }

  public BatchNorm1d(int features, double eps, double momentum) {
    super(features, eps, momentum, 2, 3);
  }
}
