package dev.vectorgrad.dsl;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.ShapeMismatchException;
import dev.vectorgrad.tensor.VectorgradException;
import java.util.function.BinaryOperator;

/**
 * Keras' losses. Probability-based cross-entropies follow Keras: predictions are clipped to {@code
 * [1e-7, 1 - 1e-7]} before the logarithm; the {@code fromLogits} variants use log-softmax or the
 * stable log-sigmoid form instead. Regression losses average over every axis but the batch.
 */
public final class Losses {
  private Losses() {}

  /** Keras' {@code backend.epsilon()}. */
  static final double EPSILON = 1e-7;

  /** Integer class targets {@code [N]}, class probabilities {@code [N, C]} from a softmax. */
  public static final Loss SPARSE_CATEGORICAL_CROSSENTROPY = sparseCategoricalCrossentropy(false);
  /** One-hot or soft targets {@code [N, C]}, probabilities {@code [N, C]}. */
  public static final Loss CATEGORICAL_CROSSENTROPY = categoricalCrossentropy(false);
  /** Targets in [0, 1], probabilities from a sigmoid, averaged over the last axis. */
  public static final Loss BINARY_CROSSENTROPY = binaryCrossentropy(false);
  public static final Loss MEAN_SQUARED_ERROR = named("mean_squared_error", (p, t) -> p.minus(t).pow(2));
  public static final Loss MEAN_ABSOLUTE_ERROR = named("mean_absolute_error", (p, t) -> p.minus(t).abs());
  /** Huber loss with Keras' delta 1. */
  public static final Loss HUBER = named("huber", (p, t) -> {
    Tensor error = p.minus(t).abs();
    Tensor quadratic = error.clampMax(1.0);
    return quadratic.pow(2).times(0.5).plus(error.minus(quadratic));
  });

  public static Loss sparseCategoricalCrossentropy(boolean fromLogits) {
    return new Named(fromLogits ? "sparse_categorical_crossentropy_from_logits" : "sparse_categorical_crossentropy",
        (p, t) -> {
          if (p.rank() != 2 || t.rank() != 1 || t.size(0) != p.size(0)) {
            throw new ShapeMismatchException("sparse_categorical_crossentropy: predictions " + p.shape()
                + " need [N, C] and targets " + t.shape() + " need [N]");
          }
          Tensor index = t.cast(DType.I64).unsqueeze(1);
          return logProbabilities(p, fromLogits).gather(1, index).squeeze(1).neg();
        }, false);
  }

  public static Loss categoricalCrossentropy(boolean fromLogits) {
    return new Named(fromLogits ? "categorical_crossentropy_from_logits" : "categorical_crossentropy",
        (p, t) -> logProbabilities(p, fromLogits).times(t.cast(p.dtype())).sum(-1).neg(), false);
  }

  public static Loss binaryCrossentropy(boolean fromLogits) {
    return named(fromLogits ? "binary_crossentropy_from_logits" : "binary_crossentropy", (p, t) -> {
      if (fromLogits) {
        // max(x, 0) - x t + log(1 + exp(-|x|)): no overflow for large |x|.
        return p.clampMin(0).minus(p.times(t)).plus(p.abs().neg().exp().log1p());
      }
      Tensor q = p.clamp(EPSILON, 1 - EPSILON);
      return t.times(q.log()).plus(t.neg().plus(1).times(q.neg().plus(1).log())).neg();
    });
  }

  private static Tensor logProbabilities(Tensor p, boolean fromLogits) {
    return fromLogits ? p.logSoftmax(-1) : p.clamp(EPSILON, 1 - EPSILON).log();
  }

  /** A loss computed elementwise, then averaged over every axis but the batch. */
  private static Loss named(String name, BinaryOperator<Tensor> elementwise) {
    return new Named(name, elementwise, true);
  }

  /** The loss Keras calls {@code name} (also the short names {@code mse}, {@code mae}). */
  public static Loss of(String name) {
    switch (name) {
      case "sparse_categorical_crossentropy": return SPARSE_CATEGORICAL_CROSSENTROPY;
      case "sparse_categorical_crossentropy_from_logits": return sparseCategoricalCrossentropy(true);
      case "categorical_crossentropy": return CATEGORICAL_CROSSENTROPY;
      case "categorical_crossentropy_from_logits": return categoricalCrossentropy(true);
      case "binary_crossentropy": return BINARY_CROSSENTROPY;
      case "binary_crossentropy_from_logits": return binaryCrossentropy(true);
      case "mse": case "mean_squared_error": return MEAN_SQUARED_ERROR;
      case "mae": case "mean_absolute_error": return MEAN_ABSOLUTE_ERROR;
      case "huber": return HUBER;
      default: throw new VectorgradException("unknown loss '" + name + "'");
    }
  }

  /** A loss with a name; elementwise ones are averaged over the non-batch axes. */
  private static final class Named implements Loss {
    private final String name;
    private final BinaryOperator<Tensor> function;
    private final boolean elementwise;

    Named(String name, BinaryOperator<Tensor> function, boolean elementwise) {
      this.name = name;
      this.function = function;
      this.elementwise = elementwise;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Tensor perSample(Tensor predictions, Tensor targets) {
      if (elementwise && !predictions.shape().equals(targets.shape())) {
        throw new ShapeMismatchException(name + ": predictions " + predictions.shape() + " and targets "
            + targets.shape() + " must have the same shape");
      }
      Tensor values = function.apply(predictions, elementwise ? targets.cast(predictions.dtype()) : targets);
      if (!elementwise || values.rank() <= 1) {
        return values;
      }
      int[] axes = new int[values.rank() - 1];
      for (int i = 0; i < axes.length; i++) {
        axes[i] = i + 1;
      }
      return values.mean(axes);
    }
  }
}
