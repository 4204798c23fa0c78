package dev.vectorgrad.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.Device;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Shape;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code matmul} on the device against a float64 product by the definition. The kernel sums in the
 * array's dtype, so F32 results differ from the exact sum by rounding: atol 1e-5, rtol 1e-4.
 */
class OpenClMatmulTest {
  private static final double ATOL = 1e-5;
  private static final double RTOL = 1e-4;
  private static final UnaryOperator<NdArray> AS_IS = x -> x;
  /** A matrix as a batch of one. */
  private static final UnaryOperator<NdArray> ONE_MATRIX = x -> x.unsqueeze(0);

  private Device device;

  @BeforeEach
  void findDevice() {
    device = OpenClTesting.requireDevice();
    NdArray.manualSeed(11);
  }

  /**
   * {@code out[p][i][j] = sum_q a[p][i][q] * b[p][q][j]} in double, for host arrays {@code a} of
   * shape {@code [B, m, k]} and {@code b} of {@code [B, k, n]}; returns {@code [B, m, n]} row-major.
   */
  private static double[] reference(NdArray a, NdArray b) {
    int batch = a.size(0);
    int m = a.size(1);
    int k = a.size(2);
    int n = b.size(2);
    double[] left = a.toDoubleArray();
    double[] right = b.toDoubleArray();
    double[] out = new double[batch * m * n];
    for (int p = 0; p < batch; p++) {
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double sum = 0;
          for (int q = 0; q < k; q++) {
            sum += left[(p * m + i) * k + q] * right[(p * k + q) * n + j];
          }
          out[(p * m + i) * n + j] = sum;
        }
      }
    }
    return out;
  }

  /**
   * Multiplies the views of device copies of {@code a} and {@code b} and checks the result's shape
   * and, against {@link #reference}, its values; {@code asBatchOfA} and {@code asBatchOfB} turn the
   * host views into the {@code [B, m, k]} and {@code [B, k, n]} operands the product amounts to.
   */
  private void assertMatmul(
      NdArray a,
      UnaryOperator<NdArray> viewOfA,
      UnaryOperator<NdArray> asBatchOfA,
      NdArray b,
      UnaryOperator<NdArray> viewOfB,
      UnaryOperator<NdArray> asBatchOfB,
      int... expectedShape) {
    NdArray actual = viewOfA.apply(a.to(device)).matmul(viewOfB.apply(b.to(device)));
    assertEquals(device, actual.device());
    assertEquals(Shape.of(expectedShape), actual.shape());
    assertEquals(DType.promote(a.dtype(), b.dtype()), actual.dtype());
    double[] expected =
        reference(asBatchOfA.apply(viewOfA.apply(a)), asBatchOfB.apply(viewOfB.apply(b)));
    double[] values = actual.to(Device.CPU).toDoubleArray();
    assertEquals(expected.length, values.length, "element count");
    for (int i = 0; i < expected.length; i++) {
      double error = Math.abs(values[i] - expected[i]);
      assertTrue(
          error <= ATOL + RTOL * Math.abs(expected[i]),
          "element " + i + ": " + values[i] + " vs " + expected[i]);
    }
  }

  /** Like the full form, for operands used as they are. */
  private void assertMatmul(
      NdArray a,
      UnaryOperator<NdArray> asBatchOfA,
      NdArray b,
      UnaryOperator<NdArray> asBatchOfB,
      int... expectedShape) {
    assertMatmul(a, AS_IS, asBatchOfA, b, AS_IS, asBatchOfB, expectedShape);
  }

  @Test
  void matrices() {
    assertMatmul(NdArray.randn(7, 13), ONE_MATRIX, NdArray.randn(13, 5), ONE_MATRIX, 7, 5);
  }

  @Test
  void oddSizesLargerThanAWorkGroup() {
    assertMatmul(NdArray.randn(33, 65), ONE_MATRIX, NdArray.randn(65, 70), ONE_MATRIX, 33, 70);
  }

  @Test
  void batches() {
    assertMatmul(NdArray.randn(4, 6, 9), AS_IS, NdArray.randn(4, 9, 5), AS_IS, 4, 6, 5);
  }

  @Test
  void matrixBroadcastOverABatch() {
    assertMatmul(
        NdArray.randn(3, 6, 9), AS_IS, NdArray.randn(9, 5), x -> x.expand(3, 9, 5), 3, 6, 5);
  }

  @Test
  void batchDimensionsBroadcastAgainstEachOther() {
    assertMatmul(
        NdArray.randn(2, 1, 5, 4), x -> x.expand(2, 3, 5, 4).reshape(6, 5, 4),
        NdArray.randn(3, 4, 6), x -> x.expand(2, 3, 4, 6).reshape(6, 4, 6),
        2, 3, 5, 6);
  }

  @Test
  void vectorTimesMatrix() {
    assertMatmul(NdArray.randn(9), x -> x.reshape(1, 1, 9), NdArray.randn(9, 5), ONE_MATRIX, 5);
  }

  @Test
  void matrixTimesVector() {
    assertMatmul(NdArray.randn(5, 9), ONE_MATRIX, NdArray.randn(9), x -> x.reshape(1, 9, 1), 5);
  }

  @Test
  void vectorDotVector() {
    assertMatmul(
        NdArray.randn(17), x -> x.reshape(1, 1, 17), NdArray.randn(17), x -> x.reshape(1, 17, 1));
  }

  @Test
  void transposedOperands() {
    assertMatmul(
        NdArray.randn(13, 7), NdArray::t, ONE_MATRIX,
        NdArray.randn(5, 13), NdArray::t, ONE_MATRIX,
        7, 5);
  }

  @Test
  void transposedBatchedOperandAndSlicedOperand() {
    assertMatmul(
        NdArray.randn(4, 9, 6), x -> x.transpose(1, 2), AS_IS,
        NdArray.randn(4, 10, 11), x -> x.slice(1, 1, 10, 1).slice(2, 0, 11, 2), AS_IS,
        4, 6, 6);
  }

  /**
   * {@code addmmInPlace} on device arrays: the backend has no accumulating kernel, so NdArray adds
   * a fresh product into the target, which stays on the device.
   */
  @Test
  void addmmInPlaceAddsTheProductIntoTheTarget() {
    NdArray target = NdArray.randn(7, 5);
    NdArray a = NdArray.randn(7, 9);
    NdArray b = NdArray.randn(5, 9).t();
    NdArray onDevice = target.to(device);
    onDevice.addmmInPlace(a.to(device), b.to(device));
    assertEquals(device, onDevice.device());
    double[] product = reference(a.unsqueeze(0), b.unsqueeze(0));
    double[] before = target.toDoubleArray();
    double[] values = onDevice.to(Device.CPU).toDoubleArray();
    for (int i = 0; i < values.length; i++) {
      double expected = before[i] + product[i];
      assertTrue(Math.abs(values[i] - expected) <= ATOL + RTOL * Math.abs(expected),
          "element " + i + ": " + values[i] + " vs " + expected);
    }
  }

  @Test
  void emptyInnerDimensionGivesZeros() {
    assertMatmul(NdArray.randn(3, 0), ONE_MATRIX, NdArray.randn(0, 4), ONE_MATRIX, 3, 4);
    assertMatmul(NdArray.randn(0, 2), ONE_MATRIX, NdArray.randn(2, 4), ONE_MATRIX, 0, 4);
  }

  @Test
  void float64WhereTheDeviceHasIt() {
    assumeTrue(OpenClTesting.supportsFloat64(device), "the device lacks cl_khr_fp64");
    assertMatmul(
        NdArray.randn(Shape.of(2, 8, 3), DType.F64), x -> x.transpose(1, 2), AS_IS,
        NdArray.randn(Shape.of(8, 4), DType.F64), AS_IS, x -> x.expand(2, 8, 4),
        2, 3, 4);
  }

  @Test
  void mixedPrecisionComputesInFloat64() {
    assumeTrue(OpenClTesting.supportsFloat64(device), "the device lacks cl_khr_fp64");
    assertMatmul(
        NdArray.randn(Shape.of(3, 4), DType.F32), ONE_MATRIX,
        NdArray.randn(Shape.of(4, 2), DType.F64), ONE_MATRIX,
        3, 2);
  }
}
