package dev.vectorgrad.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Streaming metrics against plain float64 loops over the same numbers, fed in uneven batches so
 * the streaming combination is exercised.
 */
class MetricsTest {
  private static final int N = 97;
  private static final int C = 6;
  private final SplittableRandom random = new SplittableRandom(11);

  private double[][] scores() {
    double[][] p = new double[N][C];
    for (double[] row : p) {
      for (int j = 0; j < C; j++) {
        row[j] = random.nextDouble();
      }
    }
    return p;
  }

  private static Tensor tensor(double[][] rows) {
    double[] flat = new double[rows.length * rows[0].length];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, flat, i * rows[0].length, rows[0].length);
    }
    return Tensor.of(flat, rows.length, rows[0].length);
  }

  /** Feeds the metric in batches of 10, 1, 30 and the rest. */
  private static double streamed(Metric m, Tensor p, Tensor t) {
    m.reset();
    int n = p.size(0);
    int[] cuts = {0, Math.min(n, 10), Math.min(n, 11), Math.min(n, 41), n};
    for (int i = 0; i + 1 < cuts.length; i++) {
      if (cuts[i + 1] == cuts[i]) {
        continue;
      }
      m.update(p.narrow(0, cuts[i], cuts[i + 1] - cuts[i]), t.narrow(0, cuts[i], cuts[i + 1] - cuts[i]));
    }
    return m.result();
  }

  private static int argmax(double[] row) {
    int best = 0;
    for (int j = 1; j < row.length; j++) {
      best = row[j] > row[best] ? j : best;
    }
    return best;
  }

  @Test
  void categoricalAccuraciesCountArgmaxHits() {
    double[][] p = scores();
    long[] labels = new long[N];
    double[][] oneHot = new double[N][C];
    int hits = 0;
    int top3 = 0;
    for (int i = 0; i < N; i++) {
      labels[i] = random.nextInt(C);
      oneHot[i][(int) labels[i]] = 1;
      hits += argmax(p[i]) == labels[i] ? 1 : 0;
      int higher = 0;
      for (int j = 0; j < C; j++) {
        higher += p[i][j] > p[i][(int) labels[i]] ? 1 : 0;
      }
      top3 += higher < 3 ? 1 : 0;
    }
    Tensor predictions = tensor(p);
    Tensor sparse = Tensor.of(labels, N);
    assertEquals((double) hits / N, streamed(Metrics.sparseCategoricalAccuracy(), predictions, sparse), 1e-15);
    assertEquals((double) hits / N, streamed(Metrics.categoricalAccuracy(), predictions, tensor(oneHot)), 1e-15);
    assertEquals((double) hits / N, streamed(Metrics.ACCURACY.copy(), predictions, sparse), 1e-15);
    assertEquals((double) top3 / N, streamed(Metrics.sparseTopKCategoricalAccuracy(3), predictions, sparse), 1e-15);
    assertEquals((double) top3 / N, streamed(Metrics.topKCategoricalAccuracy(3), predictions, tensor(oneHot)), 1e-15);
  }

  @Test
  void binaryMetricsMatchConfusionCounts() {
    double[] p = new double[N];
    double[] t = new double[N];
    int tp = 0;
    int fp = 0;
    int fn = 0;
    int agree = 0;
    for (int i = 0; i < N; i++) {
      t[i] = random.nextInt(2);
      p[i] = Math.min(1, Math.max(0, 0.3 * t[i] + 0.7 * random.nextDouble()));
      boolean predicted = p[i] > 0.5;
      tp += predicted && t[i] == 1 ? 1 : 0;
      fp += predicted && t[i] == 0 ? 1 : 0;
      fn += !predicted && t[i] == 1 ? 1 : 0;
      agree += predicted == (t[i] == 1) ? 1 : 0;
    }
    Tensor predictions = Tensor.of(p, N, 1);
    Tensor targets = Tensor.of(t, N, 1);
    assertEquals((double) agree / N, streamed(Metrics.binaryAccuracy(), predictions, targets), 1e-15);
    assertEquals((double) tp / (tp + fp), streamed(Metrics.precision(), predictions, targets), 1e-15);
    assertEquals((double) tp / (tp + fn), streamed(Metrics.recall(), predictions, targets), 1e-15);
    assertEquals(exactAuc(p, t), streamed(Metrics.auc(), predictions, targets), 0.01);
  }

  /** The exact ROC AUC: the chance a random positive outscores a random negative (ties count half). */
  private static double exactAuc(double[] p, double[] t) {
    double wins = 0;
    long pairs = 0;
    for (int i = 0; i < p.length; i++) {
      for (int j = 0; j < p.length; j++) {
        if (t[i] == 1 && t[j] == 0) {
          wins += p[i] > p[j] ? 1 : p[i] == p[j] ? 0.5 : 0;
          pairs++;
        }
      }
    }
    return wins / pairs;
  }

  @Test
  void regressionMetricsAverageOverSamplesAndFeatures() {
    Tensor p = Tensor.randn(Shape.of(N, 3), DType.F64);
    Tensor t = Tensor.randn(Shape.of(N, 3), DType.F64);
    double[] a = p.toDoubleArray();
    double[] b = t.toDoubleArray();
    double squares = 0;
    double absolutes = 0;
    for (int i = 0; i < a.length; i++) {
      squares += (a[i] - b[i]) * (a[i] - b[i]);
      absolutes += Math.abs(a[i] - b[i]);
    }
    assertEquals(squares / a.length, streamed(Metrics.meanSquaredError(), p, t), 1e-12);
    assertEquals(absolutes / a.length, streamed(Metrics.meanAbsoluteError(), p, t), 1e-12);
  }

  @Test
  void accuracyFollowsTheLoss() {
    Tensor p = Tensor.of(new double[] {0.9, 0.2, 0.4, 0.7}, 2, 2);
    Tensor oneHot = Tensor.of(new double[] {1, 0, 0, 1}, 2, 2);
    Metric forCategorical = Metrics.resolve(java.util.List.of(Metrics.ACCURACY), Losses.CATEGORICAL_CROSSENTROPY).get(0);
    Metric forBinary = Metrics.resolve(java.util.List.of(Metrics.ACCURACY), Losses.BINARY_CROSSENTROPY).get(0);
    assertEquals(1.0, streamed(forCategorical, p, oneHot));
    // Element by element: 0.9 > 0.5 vs 1, 0.2 vs 0, 0.4 vs 0, 0.7 vs 1: all four agree.
    assertEquals(1.0, streamed(forBinary, p, oneHot));
    assertEquals("accuracy", forBinary.name());
  }
}
