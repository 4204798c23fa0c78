package dev.vectorgrad.layers;

/** How a loss combines per-element losses, as PyTorch's {@code reduction=} argument. */
public enum Reduction {
  /** The average (for class-index cross-entropy and NLL: weighted by the target classes' weights). */
  MEAN,
  SUM,
  /** No reduction: one loss per sample (or element). */
  NONE,
  /** Sum divided by the batch size: the mathematically right mean for {@code klDiv}. */
  BATCH_MEAN
}
