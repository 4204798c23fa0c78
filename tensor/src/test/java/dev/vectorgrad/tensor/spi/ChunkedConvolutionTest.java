package dev.vectorgrad.tensor.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.Window2d;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The host backends' convolution, a chunk of images at a time, against {@link ComposedConvolution}
 * on the whole batch (every backend's default) for a batch of several chunks and a partial last one.
 * The op table checks all three ops against float64 loops on batches of one chunk.
 */
class ChunkedConvolutionTest {
  private static final Window2d WINDOW = new Window2d(3, 3, 1, 2, 1, 0, 1, 1);
  private static final int GROUPS = 2;
  private final int before = Parallel.numThreads();

  private final NdArray x = NdArray.randn(Shape.of(67, 8, 20, 21), DType.F32);
  private final NdArray weight = NdArray.randn(Shape.of(16, 4, 3, 3), DType.F32);
  private final NdArray bias = NdArray.randn(Shape.of(16), DType.F32);
  private final NdArray grad = NdArray.randn(Shape.of(67, 16, 20, 10), DType.F32);

  @AfterEach
  void restoreThreads() {
    Parallel.setNumThreads(before);
  }

  @Test
  void theBatchSpansSeveralChunks() {
    long perImage = (8 * 3 * 3 + 16) * 20 * 10 * 4L;
    assertTrue(67 * perImage > 4 * ChunkedConvolution.CHUNK_BYTES, "the test batch fits in too few chunks");
  }

  @Test
  void outputAndInputGradientAreThoseOfTheWholeBatchBitForBit() {
    assertArrayEquals(ComposedConvolution.forward(x, weight, bias, WINDOW, GROUPS).toFloatArray(),
        x.conv2d(weight, bias, WINDOW, GROUPS).toFloatArray());
    assertArrayEquals(ComposedConvolution.inputGrad(grad, weight, 20, 21, WINDOW, GROUPS).toFloatArray(),
        grad.conv2dInputGrad(weight, 20, 21, WINDOW, GROUPS).toFloatArray());
  }

  @Test
  void weightGradientSumsEveryChunk() {
    NdArray reference = ComposedConvolution.weightGrad(grad.cast(DType.F64), x.cast(DType.F64), WINDOW, GROUPS);
    double[] expected = reference.toDoubleArray();
    double[] actual = grad.conv2dWeightGrad(x, WINDOW, GROUPS).toDoubleArray();
    double scale = Math.sqrt(67 * 20 * 10); // a sum of that many products of unit normals
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-5 * scale, "weight gradient entry " + i);
    }
  }

  @Test
  void resultsDoNotDependOnTheThreadCount() {
    Parallel.setNumThreads(1);
    float[] forward = x.conv2d(weight, bias, WINDOW, GROUPS).toFloatArray();
    float[] input = grad.conv2dInputGrad(weight, 20, 21, WINDOW, GROUPS).toFloatArray();
    float[] weights = grad.conv2dWeightGrad(x, WINDOW, GROUPS).toFloatArray();
    for (int threads : new int[] {2, 3, 16}) {
      Parallel.setNumThreads(threads);
      assertArrayEquals(forward, x.conv2d(weight, bias, WINDOW, GROUPS).toFloatArray(), threads + " threads");
      assertArrayEquals(input, grad.conv2dInputGrad(weight, 20, 21, WINDOW, GROUPS).toFloatArray());
      assertArrayEquals(weights, grad.conv2dWeightGrad(x, WINDOW, GROUPS).toFloatArray(), threads + " threads");
    }
  }
}
