package dev.vectorgrad.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.IndexOutOfRangeException;
import dev.vectorgrad.tensor.ShapeMismatchException;
import org.junit.jupiter.api.Test;

class LayerBehaviourTest {
  @Test
  void embeddingPaddingRowStartsAtZeroAndGetsNoGradient() {
    Embedding embedding = new Embedding(5, 3, 2);
    assertArrayEquals(new float[3], embedding.weight.get(2).toFloatArray());
    embedding.invoke(Tensor.of(new long[] {2, 1, 2, 4}, 4)).sum().backward();
    float[] grad = embedding.weight.grad().toFloatArray();
    assertArrayEquals(new float[] {0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1}, grad);
  }

  @Test
  void dropoutZeroesAboutPAndPreservesTheMean() {
    Tensor.manualSeed(5);
    Tensor out = F.dropout(Tensor.ones(100_000), 0.3, true);
    double zeros = out.eq(0).cast(DType.F32).mean().item();
    assertEquals(0.3, zeros, 0.01);
    assertEquals(1.0, out.mean().item(), 0.02);
    assertArrayEquals(new float[] {1, 1}, F.dropout(Tensor.ones(2), 0.3, false).toFloatArray());
  }

  @Test
  void batchNormUsesBatchStatisticsThenRunningOnes() {
    BatchNorm1d bn = new BatchNorm1d(2);
    Tensor x = Tensor.of(new float[] {1, 10, 3, 20, 5, 60}, 3, 2);
    float[] y = bn.invoke(x).toFloatArray();
    // Column 0 is {1, 3, 5}: mean 3, biased variance 8/3.
    double scale = 1 / Math.sqrt(8.0 / 3 + 1e-5);
    assertEquals(-2 * scale, y[0], 1e-5);
    assertEquals(2 * scale, y[4], 1e-5);
    // Running mean = 0.9 * 0 + 0.1 * 3; running variance = 0.9 * 1 + 0.1 * 4 (unbiased).
    assertEquals(0.3, bn.runningMean.toFloatArray()[0], 1e-6);
    assertEquals(1.3, bn.runningVar.toFloatArray()[0], 1e-6);
    bn.eval();
    float evaluated = bn.invoke(x).toFloatArray()[0];
    assertEquals((1 - 0.3) / Math.sqrt(1.3 + 1e-5), evaluated, 1e-5);
  }

  @Test
  void layerNormMatchesTheFormula() {
    LayerNorm norm = new LayerNorm(4);
    float[] y = norm.invoke(Tensor.of(new float[] {1, 2, 3, 6}, 1, 4)).toFloatArray();
    double mean = 3;
    double variance = (4 + 1 + 0 + 9) / 4.0;
    for (int i = 0; i < 4; i++) {
      assertEquals((new double[] {1, 2, 3, 6}[i] - mean) / Math.sqrt(variance + 1e-5), y[i], 1e-5);
    }
    assertThrows(ShapeMismatchException.class, () -> norm.invoke(Tensor.zeros(2, 5)));
  }

  @Test
  void badShapesNameTheLayer() {
    ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
        () -> new Linear(4, 2).invoke(Tensor.zeros(3, 5)));
    assertEquals("linear: input [3, 5] has 5 features, weight [2, 4] expects 4", e.getMessage());
    assertThrows(ShapeMismatchException.class, () -> new BatchNorm2d(3).invoke(Tensor.zeros(2, 3)));
    assertThrows(ShapeMismatchException.class, () -> F.crossEntropy(Tensor.zeros(4, 3), Tensor.of(new long[] {1, 2}, 2)));
    assertThrows(IndexOutOfRangeException.class,
        () -> F.crossEntropy(Tensor.zeros(2, 3), Tensor.of(new long[] {1, 3}, 2)));
  }
}
