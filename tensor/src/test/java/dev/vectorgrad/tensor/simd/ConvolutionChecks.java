package dev.vectorgrad.tensor.simd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Shape;
import java.util.Random;

/** Operands and the error bound shared by the F32 convolution kernels' tests. */
final class ConvolutionChecks {
  private static final double EPS = Math.ulp(1f);

  private ConvolutionChecks() {}

  /** An F32 array of standard normal values from {@code seed}. */
  static NdArray normal(long seed, int... shape) {
    Random random = new Random(seed);
    float[] values = new float[Shape.of(shape).numel()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return NdArray.of(values, shape);
  }

  /**
   * Each entry of {@code actual} within a few float roundings of the float64 {@code expected}, scaled
   * by its sum of absolute products {@code bound}.
   */
  static void assertClose(NdArray expected, NdArray bound, NdArray actual, String what) {
    double[] e = expected.toDoubleArray();
    double[] b = bound.toDoubleArray();
    double[] a = actual.toDoubleArray();
    for (int i = 0; i < e.length; i++) {
      double tolerance = 8 * EPS * b[i] + 1e-30;
      assertTrue(Math.abs(a[i] - e[i]) <= tolerance,
          what + ": entry " + i + " is " + a[i] + ", float64 gives " + e[i] + " (tolerance " + tolerance + ")");
    }
  }
}
