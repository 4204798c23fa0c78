package dev.vectorgrad.layers;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.tensor.VectorgradException;
import org.jspecify.annotations.Nullable;

/**
 * Options of {@link F#crossEntropy} and {@link F#nllLoss}, PyTorch's defaults unless changed:
 * {@code CrossEntropyOptions.defaults().labelSmoothing(0.1).ignoreIndex(0)}.
 */
public final class CrossEntropyOptions {
  private static final CrossEntropyOptions DEFAULTS = new CrossEntropyOptions(null, -100, 0, Reduction.MEAN);

  private final @Nullable Tensor weight;
  private final long ignoreIndex;
  private final double labelSmoothing;
  private final Reduction reduction;

  private CrossEntropyOptions(@Nullable Tensor weight, long ignoreIndex, double labelSmoothing, Reduction reduction) {
    this.weight = weight;
    this.ignoreIndex = ignoreIndex;
    this.labelSmoothing = labelSmoothing;
    this.reduction = reduction;
  }

  /** No class weights, ignore index -100, no label smoothing, mean reduction. */
  public static CrossEntropyOptions defaults() {
    return DEFAULTS;
  }

  /** A weight per class, shape {@code [C]}. */
  public CrossEntropyOptions weight(Tensor classWeights) {
    return new CrossEntropyOptions(classWeights, ignoreIndex, labelSmoothing, reduction);
  }

  /** Targets equal to this class index contribute nothing (class-index targets only). */
  public CrossEntropyOptions ignoreIndex(long index) {
    return new CrossEntropyOptions(weight, index, labelSmoothing, reduction);
  }

  /** Mixes the target with the uniform distribution: {@code (1 - s) * target + s / C}. */
  public CrossEntropyOptions labelSmoothing(double smoothing) {
    if (smoothing < 0 || smoothing > 1) {
      throw new VectorgradException(
          "crossEntropy: label smoothing must be in [0, 1], got " + smoothing);
    }
    return new CrossEntropyOptions(weight, ignoreIndex, smoothing, reduction);
  }

  public CrossEntropyOptions reduction(Reduction how) {
    return new CrossEntropyOptions(weight, ignoreIndex, labelSmoothing, how);
  }

  @Nullable Tensor weight() {
    return weight;
  }

  long ignoreIndex() {
    return ignoreIndex;
  }

  double labelSmoothing() {
    return labelSmoothing;
  }

  Reduction reduction() {
    return reduction;
  }
}
