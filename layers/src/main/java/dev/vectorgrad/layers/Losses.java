package dev.vectorgrad.layers;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.DTypeMismatchException;
import dev.vectorgrad.tensor.IndexOutOfRangeException;
import dev.vectorgrad.tensor.ShapeMismatchException;
import dev.vectorgrad.tensor.VectorgradException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/** The loss functions behind {@link F}; formulas and reductions follow PyTorch. */
final class Losses {
  private Losses() {}

  static Tensor reduce(String loss, Tensor perElement, Reduction reduction) {
    switch (reduction) {
      case MEAN: return perElement.mean();
      case SUM: return perElement.sum();
      case NONE: return perElement;
      case BATCH_MEAN:
        if (perElement.rank() == 0) {
          throw new VectorgradException(loss + ": BATCH_MEAN needs a batch dimension");
        }
        return perElement.sum().div((double) perElement.size(0));
    }
    throw new AssertionError(reduction);
  }

  static void requireSameShape(String loss, Tensor input, Tensor target) {
    if (!input.shape().equals(target.shape())) {
      throw new ShapeMismatchException(
          loss + ": input " + input.shape() + " and target " + target.shape() + " must have one shape");
    }
  }

  static Tensor smoothL1(Tensor input, Tensor target, double beta, Reduction reduction) {
    requireSameShape("smoothL1Loss", input, target);
    Tensor d = input.minus(target).abs();
    if (beta == 0) {
      return reduce("smoothL1Loss", d, reduction);
    }
    Tensor quadratic = d.pow(2).times(0.5 / beta);
    return reduce("smoothL1Loss", Tensor.where(d.lt(beta), quadratic, d.minus(0.5 * beta)), reduction);
  }

  static Tensor huber(Tensor input, Tensor target, double delta, Reduction reduction) {
    requireSameShape("huberLoss", input, target);
    Tensor d = input.minus(target).abs();
    Tensor linear = d.minus(0.5 * delta).times(delta);
    return reduce("huberLoss", Tensor.where(d.le(delta), d.pow(2).times(0.5), linear), reduction);
  }

  /**
   * Cross-entropy from log-probabilities {@code logp} of shape {@code [N, C, ...]}. Class-index
   * targets ({@code [N, ...]}, integer) pick {@code -w[y] * logp[y]}; with smoothing s the loss is
   * {@code (1 - s) * nll + s / C * sum_c(-w[c] * logp[c])}, and the mean divides both parts by the
   * summed weights of the non-ignored targets. Probability targets (same shape as the input) give
   * {@code -sum_c w[c] * t[c] * logp[c]}, averaged over samples.
   */
  static Tensor fromLogProbabilities(
      String loss, Tensor logp, Tensor target, CrossEntropyOptions o, boolean smoothing) {
    if (logp.rank() < 2) {
      throw new ShapeMismatchException(loss + ": input needs shape [N, C, ...], got " + logp.shape());
    }
    int classes = logp.size(1);
    Tensor weight = o.weight();
    if (weight != null && (weight.rank() != 1 || weight.size(0) != classes)) {
      throw new ShapeMismatchException(
          loss + ": weight of shape " + weight.shape() + " for " + classes + " classes");
    }
    Tensor classWeights = weightsAlongClasses(weight, logp.rank());
    double s = smoothing ? o.labelSmoothing() : 0;
    if (target.dtype().isFloating()) {
      requireSameShape(loss, logp, target);
      Tensor t = s == 0 ? target : target.times(1 - s).plus(s / classes);
      Tensor weighted = classWeights == null ? logp : logp.times(classWeights);
      return reduce(loss, t.times(weighted).sum(1).neg(), o.reduction());
    }
    if (!target.dtype().isInteger()) {
      throw new DTypeMismatchException(
          loss + ": target must hold class indices or probabilities, got " + target.dtype());
    }
    checkIndexShape(loss, logp, target);
    Tensor ignored = target.eq((double) o.ignoreIndex());
    Tensor safeTarget = Tensor.where(ignored, Tensor.scalar(0, DType.I64), target.cast(DType.I64));
    checkRange(loss, safeTarget, classes);
    Tensor kept = ignored.eq(0).cast(logp.dtype());
    Tensor picked = logp.gather(1, safeTarget.unsqueeze(1)).squeeze(1);
    Tensor sampleWeight = weight == null
        ? kept
        : weight.gather(0, safeTarget.flatten()).reshape(safeTarget.shape().toArray()).times(kept);
    Tensor nll = picked.times(sampleWeight).neg();
    @Nullable Tensor smooth = null;
    if (s > 0) {
      Tensor weighted = classWeights == null ? logp : logp.times(classWeights);
      smooth = weighted.sum(1).neg().times(kept);
    }
    switch (o.reduction()) {
      case NONE:
        return smooth == null ? nll : nll.times(1 - s).plus(smooth.times(s / classes));
      case SUM:
        return smooth == null ? nll.sum() : nll.sum().times(1 - s).plus(smooth.sum().times(s / classes));
      case MEAN: {
        Tensor total = sampleWeight.sum();
        Tensor mean = nll.sum().div(total);
        return smooth == null ? mean : mean.times(1 - s).plus(smooth.sum().div(total).times(s / classes));
      }
      case BATCH_MEAN:
        throw new VectorgradException(loss + ": BATCH_MEAN is for klDiv; use MEAN");
    }
    throw new AssertionError(o.reduction());
  }

  /** The class weights viewed as {@code [1, C, 1, ...]} to broadcast along the class axis. */
  private static @Nullable Tensor weightsAlongClasses(@Nullable Tensor weight, int rank) {
    if (weight == null) {
      return null;
    }
    int[] shape = new int[rank];
    Arrays.fill(shape, 1);
    shape[1] = weight.size(0);
    return weight.reshape(shape);
  }

  private static void checkIndexShape(String loss, Tensor logp, Tensor target) {
    boolean ok = target.rank() == logp.rank() - 1 && target.size(0) == logp.size(0);
    for (int d = 1; ok && d < target.rank(); d++) {
      ok = target.size(d) == logp.size(d + 1);
    }
    if (!ok) {
      throw new ShapeMismatchException(
          loss + ": class-index target " + target.shape() + " does not match input " + logp.shape()
              + " (expected the input's shape without the class axis 1)");
    }
  }

  private static void checkRange(String loss, Tensor target, int classes) {
    if (target.numel() == 0) {
      return;
    }
    long min = target.data().min().itemLong();
    long max = target.data().max().itemLong();
    if (min < 0 || max >= classes) {
      throw new IndexOutOfRangeException(
          loss + ": target class " + (min < 0 ? min : max) + " is outside [0, " + classes + ")");
    }
  }

  static Tensor binaryCrossEntropy(Tensor p, Tensor y, @Nullable Tensor weight, Reduction reduction) {
    requireSameShape("binaryCrossEntropy", p, y);
    // PyTorch clamps the logs at -100 so a probability of exactly 0 or 1 gives a finite loss.
    Tensor logP = p.log().clampMin(-100);
    Tensor logNotP = p.neg().plus(1.0).log().clampMin(-100);
    Tensor loss = y.times(logP).plus(y.neg().plus(1.0).times(logNotP)).neg();
    return reduce("binaryCrossEntropy", weight == null ? loss : loss.times(weight), reduction);
  }

  /** {@code max(x, 0) - x*y + log1p(exp(-|x|))}: no overflow for large logits. */
  static Tensor binaryCrossEntropyWithLogits(
      Tensor x, Tensor y, @Nullable Tensor posWeight, Reduction reduction) {
    requireSameShape("binaryCrossEntropyWithLogits", x, y);
    Tensor softplusNeg = x.abs().neg().exp().log1p().plus(x.neg().clampMin(0)); // log(1 + exp(-x))
    Tensor loss;
    if (posWeight == null) {
      loss = x.times(y.neg().plus(1.0)).plus(softplusNeg);
    } else {
      Tensor scale = posWeight.minus(1.0).times(y).plus(1.0);
      loss = x.times(y.neg().plus(1.0)).plus(scale.times(softplusNeg));
    }
    return reduce("binaryCrossEntropyWithLogits", loss, reduction);
  }

  /** {@code target * (log target - input)} with the convention {@code 0 * log 0 = 0}. */
  static Tensor klDiv(Tensor input, Tensor target, Reduction reduction, boolean logTarget) {
    requireSameShape("klDiv", input, target);
    Tensor loss;
    if (logTarget) {
      loss = target.exp().times(target.minus(input));
    } else {
      Tensor positive = target.gt(0);
      Tensor safeLog = Tensor.where(positive, target, Tensor.scalar(1, target.dtype())).log();
      loss = Tensor.where(positive, target.times(safeLog.minus(input)), Tensor.scalar(0, target.dtype()));
    }
    return reduce("klDiv", loss, reduction);
  }
}
