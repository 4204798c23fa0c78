package dev.vectorgrad.layers.data;

import dev.vectorgrad.autodiff.Tensor;

/** A batch: inputs stacked along a new first axis, and their targets. */
public record Batch(Tensor x, Tensor y) {
  /** Number of samples. */
  public int size() {
    return x.size(0);
  }
}
