package dev.vectorgrad.dsl;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.ShapeMismatchException;

/**
 * Precision, recall and ROC AUC for binary targets: counts of true/false positives/negatives at
 * thresholds, streamed over batches. Precision and recall use one threshold (0.5, a prediction above
 * it is positive); AUC uses Keras' 200 thresholds evenly spaced in [0, 1] (the outer ones nudged by
 * 1e-7 to include 0 and 1) and the trapezoidal rule, so it approximates the exact AUC as Keras does.
 */
final class ConfusionMetric implements Metric {
  enum Kind {
    PRECISION,
    RECALL,
    AUC
  }

  private final String name;
  private final Kind kind;
  private final double[] thresholds;
  private final long[] truePositives;
  private final long[] falsePositives;
  private long positives;
  private long negatives;

  ConfusionMetric(String name, Kind kind) {
    this.name = name;
    this.kind = kind;
    this.thresholds = kind == Kind.AUC ? aucThresholds(200) : new double[] {0.5};
    this.truePositives = new long[thresholds.length];
    this.falsePositives = new long[thresholds.length];
  }

  private static double[] aucThresholds(int n) {
    double[] t = new double[n];
    for (int i = 1; i < n - 1; i++) {
      t[i] = (double) i / (n - 1);
    }
    t[0] = -Losses.EPSILON;
    t[n - 1] = 1 + Losses.EPSILON;
    return t;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void reset() {
    java.util.Arrays.fill(truePositives, 0);
    java.util.Arrays.fill(falsePositives, 0);
    positives = 0;
    negatives = 0;
  }

  @Override
  public void update(Tensor predictions, Tensor targets) {
    if (predictions.numel() != targets.numel()) {
      throw new ShapeMismatchException(name + ": predictions " + predictions.shape() + " and targets "
          + targets.shape() + " need as many values");
    }
    double[] p = predictions.cast(DType.F64).toDoubleArray();
    double[] t = targets.cast(DType.F64).toDoubleArray();
    for (int i = 0; i < p.length; i++) {
      boolean positive = t[i] > 0.5;
      if (positive) {
        positives++;
      } else {
        negatives++;
      }
      for (int k = 0; k < thresholds.length; k++) {
        if (p[i] > thresholds[k]) {
          if (positive) {
            truePositives[k]++;
          } else {
            falsePositives[k]++;
          }
        }
      }
    }
  }

  @Override
  public double result() {
    switch (kind) {
      case PRECISION: {
        long predicted = truePositives[0] + falsePositives[0];
        return predicted == 0 ? 0 : (double) truePositives[0] / predicted;
      }
      case RECALL:
        return positives == 0 ? 0 : (double) truePositives[0] / positives;
      default:
        return auc();
    }
  }

  /** Trapezoids under the ROC points, which run from (1, 1) at the lowest threshold to (0, 0). */
  private double auc() {
    if (positives == 0 || negatives == 0) {
      return 0;
    }
    double area = 0;
    for (int k = 0; k + 1 < thresholds.length; k++) {
      double fpr0 = (double) falsePositives[k] / negatives;
      double fpr1 = (double) falsePositives[k + 1] / negatives;
      double tpr0 = (double) truePositives[k] / positives;
      double tpr1 = (double) truePositives[k + 1] / positives;
      area += (fpr0 - fpr1) * (tpr0 + tpr1) / 2;
    }
    return area;
  }

  @Override
  public Metric copy() {
    return new ConfusionMetric(name, kind);
  }
}
