package dev.vectorgrad.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vectorgrad.tensor.NdArray;

/** Compares results with PyTorch golden values. */
public final class GoldenAssert {
  private GoldenAssert() {}

  /** Elementwise {@code |expected - actual| <= atol + rtol * |expected|}, shapes equal. */
  public static void assertClose(NdArray expected, NdArray actual, double atol, double rtol, String what) {
    assertEquals(expected.shape(), actual.shape(), what + ": shape");
    double[] e = expected.toDoubleArray();
    double[] a = actual.toDoubleArray();
    for (int i = 0; i < e.length; i++) {
      if (!(Math.abs(e[i] - a[i]) <= atol + rtol * Math.abs(e[i]))) {
        assertArrayEquals(e, a, atol, what + ": differs at element " + i);
      }
    }
  }
}
