package dev.vectorgrad.tensor.simd;

import static dev.vectorgrad.tensor.simd.ConvolutionChecks.assertClose;
import static dev.vectorgrad.tensor.simd.ConvolutionChecks.normal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.Window2d;
import dev.vectorgrad.tensor.spi.ComposedConvolution;
import dev.vectorgrad.tensor.spi.Parallel;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The direct F32 convolution against the im2col composition in float64, on widths around the
 * vector length (a row of exactly one vector, one more, an overlapping last vector), with padding,
 * non-square kernels, channel counts that leave a partial block of four and batches that leave a
 * partial group of images. The error bound is float rounding of the sum of absolute products.
 */
class DirectConvolutionTest {
  private static final int L = FloatMath.S.length();
  private final int before = Parallel.numThreads();

  /** {@code [N, C, H, W]}, {@code [O, kh, kw]}, padding {@code (ph, pw)}. */
  private record Case(int n, int c, int h, int w, int o, int kh, int kw, int ph, int pw) {
    Window2d window() {
      return new Window2d(kh, kw, 1, 1, ph, pw, 1, 1);
    }

    NdArray input(long seed) {
      return normal(seed, n, c, h, w);
    }

    NdArray weight(long seed) {
      return normal(seed, o, c, kh, kw);
    }
  }

  private static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    cases.add(new Case(5, 1, 28, 28, 32, 3, 3, 0, 0)); // the first layer of an MNIST net
    cases.add(new Case(3, 1, 9, L + 2, 5, 3, 3, 0, 0)); // output width exactly L
    cases.add(new Case(2, 2, 7, L + 3, 3, 3, 3, 0, 1)); // L + 3 wide, padded
    cases.add(new Case(4, 3, 6, 2 * L - 1, 9, 2, 3, 1, 0)); // 2L - 3 wide, 2x3 kernel
    cases.add(new Case(1, 2, 5, 3 * L + 4, 4, 4, 4, 2, 2)); // 32 taps
    cases.add(new Case(6, 1, 4, L, 1, 1, 1, 0, 0)); // a 1x1 kernel, one output channel
    return cases;
  }

  @AfterEach
  void restoreThreads() {
    Parallel.setNumThreads(before);
  }

  @Test
  void theCasesTakeTheDirectPathAndWiderLayersDoNot() {
    for (Case c : cases()) {
      assertTrue(DirectConvolution.applies(c.input(1), c.weight(2), c.window(), 1), c.toString());
    }
    Case deep = new Case(1, 4, 8, 40, 2, 3, 3, 0, 0); // 36 taps
    assertFalse(DirectConvolution.applies(deep.input(1), deep.weight(2), deep.window(), 1));
  }

  @Test
  void forwardMatchesTheFloat64Composition() {
    for (Case c : cases()) {
      NdArray x = c.input(3);
      NdArray weight = c.weight(4);
      NdArray bias = normal(5, c.o());
      for (NdArray b : new NdArray[] {bias, null}) {
        NdArray actual = forward(x, weight, b, c.window());
        NdArray expected = ComposedConvolution.forward(
            x.cast(DType.F64), weight.cast(DType.F64), b == null ? null : b.cast(DType.F64), c.window(), 1);
        NdArray bound = ComposedConvolution.forward(
            x.abs().cast(DType.F64), weight.abs().cast(DType.F64), b == null ? null : b.abs().cast(DType.F64),
            c.window(), 1);
        assertClose(expected, bound, actual, c + (b == null ? " without bias" : " with bias"));
      }
    }
  }

  @Test
  void forwardReadsAStridedInputAsItsValues() {
    Case c = cases().get(2);
    NdArray x = normal(6, c.n(), c.c(), c.w(), c.h()).transpose(2, 3);
    NdArray weight = c.weight(7);
    assertArrayEquals(forward(x.contiguous(), weight, null, c.window()).toFloatArray(),
        forward(x, weight, null, c.window()).toFloatArray());
  }

  @Test
  void weightGradientMatchesTheFloat64Composition() {
    for (Case c : cases()) {
      NdArray x = c.input(8);
      Shape outShape = ComposedConvolution.forward(x, c.weight(9), null, c.window(), 1).shape();
      NdArray grad = normal(10, outShape.toArray());
      NdArray actual = weightGrad(grad, x, c);
      NdArray expected = ComposedConvolution.weightGrad(grad.cast(DType.F64), x.cast(DType.F64), c.window(), 1);
      NdArray bound = ComposedConvolution.weightGrad(
          grad.abs().cast(DType.F64), x.abs().cast(DType.F64), c.window(), 1);
      assertClose(expected, bound, actual, c.toString());
    }
  }

  @Test
  void resultsDoNotDependOnTheThreadCount() {
    Case c = new Case(13, 2, 9, L + 5, 6, 3, 3, 1, 1);
    NdArray x = c.input(11);
    NdArray weight = c.weight(12);
    NdArray grad = normal(13, 13, 6, 9, L + 5);
    Parallel.setNumThreads(1);
    float[] output = forward(x, weight, null, c.window()).toFloatArray();
    float[] weightGradient = weightGrad(grad, x, c).toFloatArray();
    for (int threads : new int[] {2, 3, 16}) {
      Parallel.setNumThreads(threads);
      assertArrayEquals(output, forward(x, weight, null, c.window()).toFloatArray(), threads + " threads");
      assertArrayEquals(weightGradient, weightGrad(grad, x, c).toFloatArray(), threads + " threads");
    }
  }

  private static NdArray forward(NdArray x, NdArray weight, @Nullable NdArray bias, Window2d window) {
    Shape shape = Shape.of(x.size(0), weight.size(0), window.outputHeight(x.size(2)), window.outputWidth(x.size(3)));
    NdArray out = NdArray.zeros(shape, DType.F32);
    DirectConvolution.forward(x, weight, bias, window, out);
    return out;
  }

  private static NdArray weightGrad(NdArray grad, NdArray x, Case c) {
    NdArray out = NdArray.zeros(Shape.of(c.o(), c.c(), c.kh(), c.kw()), DType.F32);
    DirectConvolution.weightGrad(grad, x, c.window(), out);
    return out;
  }
}
