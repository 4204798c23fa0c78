package dev.vectorgrad.dsl;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.ShapeMismatchException;
import dev.vectorgrad.tensor.VectorgradException;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras' metrics. {@link #ACCURACY} is resolved at compile time as Keras does: binary accuracy with a
 * binary cross-entropy loss, categorical accuracy with a categorical one, sparse categorical accuracy
 * with a sparse one, and otherwise from the shapes of the first batch.
 */
public final class Metrics {
  private Metrics() {}

  private static final String AUTO = "accuracy";

  /** "accuracy": the accuracy that fits the loss. */
  public static final Metric ACCURACY = new MeanMetric(AUTO, Metrics::autoAccuracy);

  public static Metric sparseCategoricalAccuracy() {
    return new MeanMetric("sparse_categorical_accuracy", Metrics::sparseHits);
  }

  public static Metric categoricalAccuracy() {
    return new MeanMetric("categorical_accuracy", Metrics::categoricalHits);
  }

  /** Predictions above 0.5 count as 1; averaged over the last axis per sample. */
  public static Metric binaryAccuracy() {
    return new MeanMetric("binary_accuracy", Metrics::binaryHits);
  }

  /** One-hot targets: a hit when the target class is among the {@code k} highest predictions. */
  public static Metric topKCategoricalAccuracy(int k) {
    return new MeanMetric("top_k_categorical_accuracy", (p, t) -> topK(p, t.argmax(-1, false), k));
  }

  /** Integer targets: a hit when the target class is among the {@code k} highest predictions. */
  public static Metric sparseTopKCategoricalAccuracy(int k) {
    return new MeanMetric("sparse_top_k_categorical_accuracy", (p, t) -> topK(p, t, k));
  }

  public static Metric precision() {
    return new ConfusionMetric("precision", ConfusionMetric.Kind.PRECISION);
  }

  public static Metric recall() {
    return new ConfusionMetric("recall", ConfusionMetric.Kind.RECALL);
  }

  /** Area under the ROC curve (200 thresholds, as Keras). */
  public static Metric auc() {
    return new ConfusionMetric("auc", ConfusionMetric.Kind.AUC);
  }

  public static Metric meanSquaredError() {
    return new MeanMetric("mean_squared_error", (p, t) -> lastAxesMean(p.minus(t.cast(p.dtype())).pow(2)));
  }

  public static Metric meanAbsoluteError() {
    return new MeanMetric("mean_absolute_error", (p, t) -> lastAxesMean(p.minus(t.cast(p.dtype())).abs()));
  }

  /** The metric Keras calls {@code name}. */
  public static Metric of(String name) {
    switch (name) {
      case "accuracy": case "acc": return ACCURACY;
      case "sparse_categorical_accuracy": return sparseCategoricalAccuracy();
      case "categorical_accuracy": return categoricalAccuracy();
      case "binary_accuracy": return binaryAccuracy();
      case "top_k_categorical_accuracy": return topKCategoricalAccuracy(5);
      case "sparse_top_k_categorical_accuracy": return sparseTopKCategoricalAccuracy(5);
      case "precision": return precision();
      case "recall": return recall();
      case "auc": return auc();
      case "mse": case "mean_squared_error": return meanSquaredError();
      case "mae": case "mean_absolute_error": return meanAbsoluteError();
      default: throw new VectorgradException("unknown metric '" + name + "'");
    }
  }

  /** Fresh copies of {@code metrics}, with "accuracy" chosen for {@code loss}. */
  static List<Metric> resolve(List<Metric> metrics, Loss loss) {
    List<Metric> out = new ArrayList<>();
    for (Metric m : metrics) {
      if (m == ACCURACY) {
        String l = loss.name();
        out.add(l.startsWith("binary") ? new MeanMetric(AUTO, Metrics::binaryHits)
            : l.startsWith("sparse") ? new MeanMetric(AUTO, Metrics::sparseHits)
            : l.startsWith("categorical") ? new MeanMetric(AUTO, Metrics::categoricalHits)
            : ACCURACY.copy());
      } else {
        out.add(m.copy());
      }
    }
    return out;
  }

  private static Tensor autoAccuracy(Tensor p, Tensor t) {
    int classes = p.size(p.rank() - 1);
    if (p.rank() == t.rank() + 1 || (classes > 1 && t.size(t.rank() - 1) == 1)) {
      return sparseHits(p, t);
    }
    return classes == 1 ? binaryHits(p, t) : categoricalHits(p, t);
  }

  /** 1 where the arg-max of the predictions is the arg-max of the one-hot (or soft) targets. */
  private static Tensor categoricalHits(Tensor p, Tensor t) {
    return sparseHits(p, t.argmax(-1, false));
  }

  /** 1 where the arg-max of the predictions is the integer target. */
  private static Tensor sparseHits(Tensor p, Tensor t) {
    Tensor labels = t.cast(DType.I64).reshape(-1);
    Tensor predicted = p.argmax(-1, false).reshape(-1);
    if (labels.numel() != predicted.numel()) {
      throw new ShapeMismatchException("accuracy: predictions " + p.shape() + " do not match integer targets " + t.shape());
    }
    return predicted.eq(labels).cast(DType.F64);
  }

  private static Tensor binaryHits(Tensor p, Tensor t) {
    return lastAxesMean(p.gt(0.5).eq(t.gt(0.5)).cast(DType.F64));
  }

  private static Tensor topK(Tensor p, Tensor t, int k) {
    Tensor labels = t.cast(DType.I64).reshape(-1, 1);
    Tensor target = p.gather(-1, labels);
    Tensor higher = p.gt(target).cast(DType.I64).sum(-1);
    return higher.lt((double) k).cast(DType.F64);
  }

  /** Per-sample means over every axis but the first. */
  private static Tensor lastAxesMean(Tensor values) {
    return values.rank() <= 1 ? values : values.reshape(values.size(0), -1).mean(1);
  }
}
