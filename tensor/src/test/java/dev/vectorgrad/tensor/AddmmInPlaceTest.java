package dev.vectorgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link NdArray#addmmInPlace} against a float64 reference on the current backend: the simd GEMM
 * accumulating into its target (packed products, products of depth one), the composed fallback
 * (matrix-vector shapes, a non-contiguous target, operands sharing the target's memory, and every
 * product on the scalar backend), and the errors. Tolerance: the bound of any summation order over
 * the {@code k + 1} terms, as in {@code GemmTest}.
 */
class AddmmInPlaceTest {
  /** {M, K, N}: packed with edges and two passes over k, depth one, matrix-vector both ways, empty k. */
  private static final int[][] SHAPES = {{37, 300, 71}, {130, 1, 257}, {1, 50, 40}, {60, 50, 1}, {5, 0, 7}};

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"F32", "F64"})
  void accumulatesTheProductIntoTheTarget(DType dtype) {
    for (int[] s : SHAPES) {
      NdArray target = NdArray.randn(Shape.of(s[0], s[2]), dtype);
      NdArray a = NdArray.randn(Shape.of(s[0], s[1]), dtype);
      NdArray b = NdArray.randn(Shape.of(s[2], s[1]), dtype).t(); // a transposed operand
      check(target, a, b);
    }
  }

  @Test
  void aTransposedTargetIsUpdatedThroughItsStrides() {
    NdArray base = NdArray.randn(Shape.of(40, 30), DType.F32);
    check(base.t(), NdArray.randn(Shape.of(30, 20), DType.F32), NdArray.randn(Shape.of(20, 40), DType.F32));
  }

  @Test
  void operandsSharingTheTargetsMemoryAreReadBeforeItChanges() {
    NdArray x = NdArray.randn(Shape.of(33, 33), DType.F32);
    check(x, x, NdArray.randn(Shape.of(33, 33), DType.F32));
    check(x, NdArray.randn(Shape.of(33, 33), DType.F32), x.t());
  }

  /** Accumulating into zeros gives the product's own values: the first step of each chain is exact. */
  @Test
  void intoZerosItEqualsTheProduct() {
    NdArray a = NdArray.randn(Shape.of(50, 70), DType.F32);
    NdArray b = NdArray.randn(Shape.of(70, 90), DType.F32);
    NdArray outer = NdArray.randn(Shape.of(64, 1), DType.F32);
    NdArray row = NdArray.randn(Shape.of(1, 48), DType.F32);
    assertArrayEquals(a.matmul(b).toFloatArray(), NdArray.zeros(50, 90).addmmInPlace(a, b).toFloatArray());
    assertArrayEquals(outer.matmul(row).toFloatArray(), NdArray.zeros(64, 48).addmmInPlace(outer, row).toFloatArray());
  }

  @Test
  void badShapesAndDtypesAreRefusedByName() {
    NdArray target = NdArray.zeros(3, 4);
    ShapeMismatchException inner = assertThrows(ShapeMismatchException.class,
        () -> target.addmmInPlace(NdArray.zeros(3, 5), NdArray.zeros(6, 4)));
    assertTrue(inner.getMessage().contains("addmmInPlace: [3, 4] += [3, 5] x [6, 4]"), inner.getMessage());
    assertThrows(ShapeMismatchException.class, () -> target.addmmInPlace(NdArray.zeros(4, 5), NdArray.zeros(5, 4)));
    assertThrows(ShapeMismatchException.class, () -> target.addmmInPlace(NdArray.zeros(2, 3, 5), NdArray.zeros(5, 4)));
    DTypeMismatchException mixed = assertThrows(DTypeMismatchException.class,
        () -> target.addmmInPlace(NdArray.zeros(Shape.of(3, 5), DType.F64), NdArray.zeros(5, 4)));
    assertTrue(mixed.getMessage().contains("addmmInPlace: F32 += F64 x F32"), mixed.getMessage());
    NdArray integers = NdArray.zeros(Shape.of(3, 4), DType.I32);
    assertThrows(DTypeMismatchException.class,
        () -> integers.addmmInPlace(NdArray.zeros(Shape.of(3, 5), DType.I32), NdArray.zeros(Shape.of(5, 4), DType.I32)));
  }

  /** Runs {@code target.addmmInPlace(a, b)} and checks every element against float64. */
  private static void check(NdArray target, NdArray a, NdArray b) {
    int m = target.size(0);
    int n = target.size(1);
    int k = a.size(1);
    double[] before = target.toDoubleArray();
    double[] x = a.toDoubleArray();
    double[] y = b.toDoubleArray();
    assertSame(target, target.addmmInPlace(a, b));
    double[] got = target.toDoubleArray();
    double u = target.dtype() == DType.F32 ? 0x1p-24 : 0x1p-53;
    double gamma = (k + 1) * u / (1 - (k + 1) * u) * 2;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double exact = before[i * n + j];
        double magnitude = Math.abs(exact);
        for (int p = 0; p < k; p++) {
          exact += x[i * k + p] * y[p * n + j];
          magnitude += Math.abs(x[i * k + p] * y[p * n + j]);
        }
        double error = Math.abs(got[i * n + j] - exact);
        assertTrue(error <= gamma * magnitude + Double.MIN_NORMAL, String.format(
            "%s [%d, %d] += [%d, %d] x [%d, %d]: element (%d, %d) = %s, reference %s",
            target.dtype(), m, n, m, k, k, n, i, j, got[i * n + j], exact));
      }
    }
  }
}
