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
 * The grid convolution's forward, input gradient and weight gradient against the im2col
 * composition in float64: grids whose cell count leaves a partial block of 14, channel counts that
 * leave a partial panel of two vectors, padding up to kernel - 1, non-square and one-row kernels, a
 * single output, and batches that leave a partial group of images. The error bound is float
 * rounding of the sum of absolute products.
 */
class GridConvolutionTest {
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

    NdArray outputGrad(long seed) {
      return normal(seed, n, o, window().outputHeight(h), window().outputWidth(w));
    }
  }

  private static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    cases.add(new Case(5, 32, 13, 13, 64, 3, 3, 0, 0)); // the second layer of an MNIST net
    cases.add(new Case(3, 8, 9, 10, 20, 3, 3, 1, 1)); // "same" padding, one partial channel panel
    cases.add(new Case(2, 4, 7, 11, 40, 2, 5, 1, 2)); // 2x5 kernel, a full and a partial panel
    cases.add(new Case(6, 6, 3, 3, 16, 3, 3, 0, 0)); // a single output per image
    cases.add(new Case(1, 16, 1, 30, 17, 1, 3, 0, 1)); // one-row kernel (conv1d)
    cases.add(new Case(9, 2, 12, 12, 33, 5, 5, 2, 2)); // 5x5, three groups of images
    cases.add(new Case(2, 4, 5, 6, 16, 3, 3, 2, 2)); // padding kernel - 1: outputs wider than inputs
    return cases;
  }

  @AfterEach
  void restoreThreads() {
    Parallel.setNumThreads(before);
  }

  @Test
  void takesDeepF32LayersWithUnitStepsAndEnoughChannels() {
    Case mnist = cases().get(0);
    Window2d window = mnist.window();
    NdArray x = mnist.input(1);
    NdArray weight = mnist.weight(2);
    assertTrue(GridConvolution.applies(x, weight, window, 1));
    assertTrue(GridConvolution.appliesToInputGrad(mnist.outputGrad(3), weight, window, 1));
    assertFalse(GridConvolution.applies(x, weight, new Window2d(3, 3, 2, 2, 0, 0, 1, 1), 1)); // stride 2
    assertFalse(GridConvolution.applies(x, weight, new Window2d(3, 3, 1, 1, 0, 0, 2, 2), 1)); // dilation 2
    assertFalse(GridConvolution.applies(x, normal(4, 64, 16, 3, 3), window, 2)); // groups
    assertFalse(GridConvolution.applies(x.cast(DType.F64), weight.cast(DType.F64), window, 1));
    assertFalse(GridConvolution.applies(x, normal(5, 8, 32, 3, 3), window, 1)); // 8 output channels
    NdArray shallow = normal(6, 1, 3, 13, 13); // 27 taps: the direct kernels' ground
    assertFalse(GridConvolution.applies(shallow, normal(7, 64, 3, 3, 3), window, 1));
    Window2d wide = new Window2d(3, 3, 1, 1, 3, 3, 1, 1); // padding above kernel - 1
    assertTrue(GridConvolution.applies(x, weight, wide, 1));
    assertFalse(GridConvolution.appliesToInputGrad(normal(8, 1, 64, 17, 17), weight, wide, 1));
  }

  @Test
  void forwardMatchesTheFloat64Composition() {
    for (Case c : cases()) {
      NdArray x = c.input(3);
      NdArray weight = c.weight(4);
      NdArray bias = normal(5, c.o());
      for (NdArray b : new NdArray[] {bias, null}) {
        NdArray expected = ComposedConvolution.forward(
            x.cast(DType.F64), weight.cast(DType.F64), b == null ? null : b.cast(DType.F64), c.window(), 1);
        NdArray bound = ComposedConvolution.forward(
            x.abs().cast(DType.F64), weight.abs().cast(DType.F64), b == null ? null : b.abs().cast(DType.F64),
            c.window(), 1);
        assertClose(expected, bound, forward(x, weight, b, c.window()), c + (b == null ? " without bias" : " with bias"));
      }
    }
  }

  /** The simd GEMM over the unfolded columns (whatever backend the suite runs on), then the bias. */
  @Test
  void forwardGivesTheUnfoldedProductsBits() {
    Case c = cases().get(0);
    NdArray x = c.input(6);
    NdArray weight = c.weight(7);
    NdArray bias = normal(8, c.o());
    NdArray columns = x.im2col(c.window(), 0);
    NdArray product = NdArray.zeros(Shape.of(c.n(), c.o(), columns.size(2)), DType.F32);
    Gemm.matmul(weight.reshape(1, c.o(), columns.size(1)), columns, product);
    NdArray unfolded = product.view(c.n(), c.o(), 11, 11).plus(bias.reshape(1, c.o(), 1, 1));
    assertArrayEquals(unfolded.toFloatArray(), forward(x, weight, bias, c.window()).toFloatArray());
  }

  @Test
  void inputGradientMatchesTheFloat64Composition() {
    for (Case c : cases()) {
      NdArray weight = c.weight(9);
      NdArray grad = c.outputGrad(10);
      NdArray expected = ComposedConvolution.inputGrad(grad.cast(DType.F64), weight.cast(DType.F64), c.h(), c.w(),
          c.window(), 1);
      NdArray bound = ComposedConvolution.inputGrad(grad.abs().cast(DType.F64), weight.abs().cast(DType.F64), c.h(),
          c.w(), c.window(), 1);
      assertClose(expected, bound, inputGrad(grad, weight, c), c.toString());
    }
  }

  @Test
  void weightGradientMatchesTheFloat64Composition() {
    for (Case c : cases()) {
      NdArray x = c.input(11);
      NdArray grad = c.outputGrad(12);
      NdArray expected = ComposedConvolution.weightGrad(grad.cast(DType.F64), x.cast(DType.F64), c.window(), 1);
      NdArray bound = ComposedConvolution.weightGrad(grad.abs().cast(DType.F64), x.abs().cast(DType.F64), c.window(), 1);
      assertClose(expected, bound, weightGrad(grad, x, c), c.toString());
    }
  }

  @Test
  void stridedOperandsAreReadAsTheirValues() {
    Case c = cases().get(2);
    NdArray x = normal(13, c.n(), c.c(), c.w(), c.h()).transpose(2, 3);
    NdArray weight = c.weight(14);
    NdArray grad = normal(15, c.n(), c.o(), c.window().outputWidth(c.w()), c.window().outputHeight(c.h()))
        .transpose(2, 3);
    assertArrayEquals(forward(x.contiguous(), weight, null, c.window()).toFloatArray(),
        forward(x, weight, null, c.window()).toFloatArray());
    assertArrayEquals(inputGrad(grad.contiguous(), weight, c).toFloatArray(), inputGrad(grad, weight, c).toFloatArray());
    assertArrayEquals(weightGrad(grad.contiguous(), x.contiguous(), c).toFloatArray(),
        weightGrad(grad, x, c).toFloatArray());
  }

  @Test
  void resultsDoNotDependOnTheThreadCount() {
    Case c = cases().get(5);
    NdArray x = c.input(16);
    NdArray weight = c.weight(17);
    NdArray grad = c.outputGrad(18);
    Parallel.setNumThreads(1);
    float[] output = forward(x, weight, null, c.window()).toFloatArray();
    float[] inputGradient = inputGrad(grad, weight, c).toFloatArray();
    float[] weightGradient = weightGrad(grad, x, c).toFloatArray();
    for (int threads : new int[] {2, 3, 16}) {
      Parallel.setNumThreads(threads);
      assertArrayEquals(output, forward(x, weight, null, c.window()).toFloatArray(), threads + " threads");
      assertArrayEquals(inputGradient, inputGrad(grad, weight, c).toFloatArray(), threads + " threads");
      assertArrayEquals(weightGradient, weightGrad(grad, x, c).toFloatArray(), threads + " threads");
    }
  }

  private static NdArray forward(NdArray x, NdArray weight, @Nullable NdArray bias, Window2d window) {
    Shape shape = Shape.of(x.size(0), weight.size(0), window.outputHeight(x.size(2)), window.outputWidth(x.size(3)));
    NdArray out = NdArray.zeros(shape, DType.F32);
    GridConvolution.forward(x, weight, bias, window, out);
    return out;
  }

  private static NdArray inputGrad(NdArray grad, NdArray weight, Case c) {
    NdArray out = NdArray.zeros(Shape.of(c.n(), c.c(), c.h(), c.w()), DType.F32);
    GridConvolution.inputGrad(grad, weight, c.window(), out);
    return out;
  }

  private static NdArray weightGrad(NdArray grad, NdArray x, Case c) {
    NdArray out = NdArray.zeros(Shape.of(c.o(), c.c(), c.kh(), c.kw()), DType.F32);
    GridConvolution.weightGrad(grad, x, c.window(), out);
    return out;
  }
}
