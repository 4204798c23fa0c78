package dev.vectorgrad.dsl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.CrossEntropyOptions;
import dev.vectorgrad.layers.F;
import dev.vectorgrad.layers.Reduction;
import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.Shape;
import org.junit.jupiter.api.Test;

/**
 * Keras losses per sample: the logit forms against the PyTorch-verified functions of {@link F},
 * the probability forms (with Keras' clipping) and regression losses against float64 loops.
 */
class LossesTest {
  private static final double TOLERANCE = 1e-12;

  @Test
  void crossEntropiesFromLogitsMatchPyTorchsFunctions() {
    Tensor.manualSeed(4);
    Tensor logits = Tensor.randn(Shape.of(9, 5), DType.F64).times(3);
    Tensor labels = Tensor.randint(0, 5, Shape.of(9));
    Tensor expected = F.crossEntropy(logits, labels, CrossEntropyOptions.defaults().reduction(Reduction.NONE));
    assertArrayEquals(expected.toDoubleArray(),
        Losses.sparseCategoricalCrossentropy(true).perSample(logits, labels).toDoubleArray(), TOLERANCE);
    Tensor oneHot = labels.oneHot(5).cast(DType.F64);
    assertArrayEquals(expected.toDoubleArray(),
        Losses.categoricalCrossentropy(true).perSample(logits, oneHot).toDoubleArray(), TOLERANCE);
  }

  @Test
  void probabilityCrossEntropiesClipLikeKeras() {
    double[] p = {0.7, 0.2, 0.1, 0.0, 1.0, 0.0};
    Tensor probabilities = Tensor.of(p, 2, 3);
    Tensor labels = Tensor.of(new long[] {0, 2}, 2);
    double[] loss = Losses.SPARSE_CATEGORICAL_CROSSENTROPY.perSample(probabilities, labels).toDoubleArray();
    assertEquals(-Math.log(0.7), loss[0], TOLERANCE);
    assertEquals(-Math.log(1e-7), loss[1], 1e-9); // a zero probability costs -log(epsilon), not infinity
  }

  @Test
  void binaryCrossEntropyIsStableFromLogitsAndClippedFromProbabilities() {
    Tensor logits = Tensor.of(new double[] {-100, -1, 0, 2, 100, 0.5}, 3, 2);
    Tensor targets = Tensor.of(new double[] {0, 1, 1, 0, 1, 0}, 3, 2);
    Tensor expected = F.binaryCrossEntropyWithLogits(logits, targets, null, Reduction.NONE).mean(1);
    Tensor actual = Losses.binaryCrossentropy(true).perSample(logits, targets);
    assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray(), TOLERANCE);
    double[] p = {0.9, 0.0};
    double[] t = {1, 1};
    double[] loss = Losses.BINARY_CROSSENTROPY.perSample(Tensor.of(p, 1, 2), Tensor.of(t, 1, 2)).toDoubleArray();
    assertEquals((-Math.log(0.9) - Math.log(1e-7)) / 2, loss[0], 1e-9);
    assertTrue(Double.isFinite(loss[0]));
  }

  @Test
  void regressionLossesAverageEachSample() {
    double[] p = {1, 2, 3, -1, 0.5, 4};
    double[] t = {0, 2, 5, 1, 0, 3.2};
    Tensor predictions = Tensor.of(p, 2, 3);
    Tensor targets = Tensor.of(t, 2, 3);
    double[] mse = new double[2];
    double[] mae = new double[2];
    double[] huber = new double[2];
    for (int i = 0; i < 6; i++) {
      double e = Math.abs(p[i] - t[i]);
      mse[i / 3] += e * e / 3;
      mae[i / 3] += e / 3;
      huber[i / 3] += (e <= 1 ? 0.5 * e * e : e - 0.5) / 3;
    }
    assertArrayEquals(mse, Losses.of("mse").perSample(predictions, targets).toDoubleArray(), TOLERANCE);
    assertArrayEquals(mae, Losses.of("mae").perSample(predictions, targets).toDoubleArray(), TOLERANCE);
    assertArrayEquals(huber, Losses.HUBER.perSample(predictions, targets).toDoubleArray(), TOLERANCE);
  }
}
