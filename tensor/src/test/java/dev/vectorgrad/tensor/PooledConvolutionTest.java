package dev.vectorgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.tensor.spi.Parallel;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code conv2dMaxPool2d} and {@code conv2dWeightGradAtMaxima} against the composed ops they stand
 * for, on batches that fill the chunks of four images and leave a short one, and on a layer of more
 * taps than are chunked.
 */
class PooledConvolutionTest {
  private static final Window2d CONV = Window2d.of(3, 1, 0, 1);
  private static final Window2d CONV_STRIDED = new Window2d(3, 3, 2, 1, 1, 1, 1, 1);
  private static final Window2d POOL = Window2d.of(2, 2, 0, 1);
  private static final Window2d POOL_PADDED = new Window2d(3, 3, 2, 2, 1, 1, 1, 1);

  /** One case: image batch, channels in and out, groups, the two windows, a bias or not. */
  private record Case(int images, int channels, int outChannels, int groups, Window2d conv, Window2d pool,
      boolean hasBias, DType dtype) {
    NdArray x() {
      return NdArray.randn(Shape.of(images, channels, 12, 13), dtype);
    }

    NdArray weight() {
      return NdArray.randn(Shape.of(outChannels, channels / groups, conv.kernelH(), conv.kernelW()), dtype);
    }

    @Nullable NdArray bias() {
      return hasBias ? NdArray.randn(Shape.of(outChannels), dtype) : null;
    }
  }

  private static final Case[] CASES = {
    new Case(9, 1, 5, 1, CONV, POOL, true, DType.F32), // the first layer's shape; 4 + 4 + 1 images
    new Case(3, 4, 6, 2, CONV_STRIDED, POOL_PADDED, false, DType.F32), // one short chunk, groups
    new Case(8, 3, 4, 1, CONV, POOL_PADDED, true, DType.F64),
    new Case(5, 4, 3, 1, CONV, POOL, true, DType.F32), // 36 taps: computed whole
  };

  @Test
  void valuesAndIndicesAreThoseOfTheComposedOps() {
    NdArray.manualSeed(1);
    for (Case c : CASES) {
      NdArray x = c.x();
      NdArray w = c.weight();
      NdArray b = c.bias();
      MaxPooling fused = x.conv2dMaxPool2d(w, b, c.conv(), c.groups(), c.pool());
      MaxPooling composed = x.conv2d(w, b, c.conv(), c.groups()).maxPool2dWithIndices(c.pool());
      assertEquals(composed.values().shape(), fused.values().shape(), c.toString());
      assertArrayEquals(composed.values().toDoubleArray(), fused.values().toDoubleArray(), 0, c.toString());
      assertArrayEquals(composed.indices().toLongArray(), fused.indices().toLongArray(), c.toString());
    }
  }

  @Test
  void theWeightGradientMatchesAFloat64ScatterAndConvolution() {
    NdArray.manualSeed(2);
    for (Case c : CASES) {
      NdArray x = c.x();
      MaxPooling pooled = x.conv2dMaxPool2d(c.weight(), c.bias(), c.conv(), c.groups(), c.pool());
      NdArray grad = NdArray.randn(pooled.values().shape(), c.dtype());
      double[] got = grad.conv2dWeightGradAtMaxima(pooled.indices(), x, c.conv(), c.groups()).toDoubleArray();
      double[] want = reference(grad, pooled.indices(), x, c);
      double tolerance = c.dtype() == DType.F32 ? 1e-4 : 1e-12;
      for (int i = 0; i < want.length; i++) {
        assertEquals(want[i], got[i], tolerance * (1 + Math.abs(want[i])), c + " element " + i);
      }
    }
  }

  /** {@code conv2dWeightGrad} of the gradient scattered to the maxima, everything in F64. */
  private static double[] reference(NdArray grad, NdArray indices, NdArray x, Case c) {
    int n = grad.size(0);
    int o = grad.size(1);
    int oh = c.conv().outputHeight(x.size(2));
    int ow = c.conv().outputWidth(x.size(3));
    NdArray scattered = NdArray.scatterAddToZeros(Shape.of(n, o, oh * ow), 2, indices.view(n, o, -1),
        grad.cast(DType.F64).reshape(n, o, -1));
    return scattered.view(n, o, oh, ow).conv2dWeightGrad(x.cast(DType.F64), c.conv(), c.groups()).toDoubleArray();
  }

  @ParameterizedTest(name = "{0} threads")
  @ValueSource(ints = {1, 3})
  void theWeightGradientIsTheSameForEveryThreadCount(int threads) {
    NdArray.manualSeed(3);
    Case c = CASES[0];
    NdArray x = c.x();
    MaxPooling pooled = x.conv2dMaxPool2d(c.weight(), c.bias(), c.conv(), 1, c.pool());
    NdArray grad = NdArray.randn(pooled.values().shape(), DType.F32);
    int saved = Parallel.numThreads();
    try {
      Parallel.setNumThreads(2);
      float[] two = grad.conv2dWeightGradAtMaxima(pooled.indices(), x, c.conv(), 1).toFloatArray();
      Parallel.setNumThreads(threads);
      assertArrayEquals(two, grad.conv2dWeightGradAtMaxima(pooled.indices(), x, c.conv(), 1).toFloatArray());
    } finally {
      Parallel.setNumThreads(saved);
    }
  }

  @Test
  void badInputsNameTheOpAndTheShapes() {
    NdArray x = NdArray.zeros(2, 1, 8, 8);
    NdArray grad = NdArray.zeros(2, 3, 3, 3);
    ShapeMismatchException indices = assertThrows(ShapeMismatchException.class,
        () -> grad.conv2dWeightGradAtMaxima(NdArray.zeros(Shape.of(2, 3, 3, 2), DType.I64), x, CONV, 1));
    assertTrue(indices.getMessage().contains("conv2dWeightGradAtMaxima") && indices.getMessage().contains("[2, 3, 3, 2]"),
        indices.getMessage());
    NdArray outside = NdArray.zeros(Shape.of(2, 3, 3, 3), DType.I64);
    outside.set(1, 0, 0, 0, 36); // a 6 x 6 output plane has 36 values
    IndexOutOfRangeException range = assertThrows(IndexOutOfRangeException.class,
        () -> grad.conv2dWeightGradAtMaxima(outside, x, CONV, 1));
    assertTrue(range.getMessage().contains("conv2dWeightGradAtMaxima") && range.getMessage().contains("36"),
        range.getMessage());
    assertThrows(DTypeMismatchException.class,
        () -> x.cast(DType.I32).conv2dMaxPool2d(NdArray.zeros(3, 1, 3, 3), null, CONV, 1, POOL));
    VectorgradException pool = assertThrows(VectorgradException.class,
        () -> x.conv2dMaxPool2d(NdArray.zeros(3, 1, 3, 3), null, CONV, 1, Window2d.of(7, 7, 0, 1)));
    assertTrue(pool.getMessage().contains("conv2dMaxPool2d"), pool.getMessage());
  }
}
