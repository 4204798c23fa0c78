package dev.vectorgrad.tensor.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.VectorgradException;
import dev.vectorgrad.tensor.ops.BinaryOp;
import dev.vectorgrad.tensor.ops.ReduceOp;
import dev.vectorgrad.tensor.ops.UnaryOp;
import dev.vectorgrad.tensor.scalar.ScalarBackend;
import dev.vectorgrad.tensor.simd.Views.View;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Every elementwise kernel of {@link SimdBackend} against {@link ScalarBackend}, called directly on
 * views of every layout at sizes around the vector lengths: bit-exact where the backend promises
 * it (all F64 results, and F32 but for the approximated transcendentals), within the documented
 * ulp bound of a float64 reference for those. Reductions: max, min and the arg ops bit-exact, sums
 * and products within atol 1e-6, rtol 1e-5 (F32) of the float64 result, over row, column, strided
 * and offset layouts of {@code [outer, inner]} views, including rows longer than a parallel chunk;
 * F32 sums of cancelling data within the bound {@link FloatReductions#sum} documents.
 */
class SimdVsScalarTest {
  private final ScalarBackend scalar = new ScalarBackend();
  private final SimdBackend simd = new SimdBackend();

  /** Whether the simd F32 result of {@code op} is an approximation rather than exact. */
  private static boolean approximated(UnaryOp op, DType dtype) {
    return dtype == DType.F32 && Ulps.bound(op) > 0 && op != UnaryOp.RSQRT;
  }

  @Test
  void unaryOpsMatchTheScalarBackend() {
    Random random = new Random(1);
    for (DType dtype : new DType[] {DType.F32, DType.F64}) {
      for (UnaryOp op : UnaryOp.values()) {
        for (int n : Views.sizes()) {
          for (View view : Views.layouts(n, dtype, random, 3, true)) {
            NdArray expected = NdArray.zeros(view.array().shape(), dtype);
            NdArray actual = NdArray.zeros(view.array().shape(), dtype);
            scalar.unary(op, view.array(), expected);
            simd.unary(op, view.array(), actual);
            String what = op + " of " + view;
            if (approximated(op, dtype)) {
              assertWithinUlps(op, view.array(), actual, what);
            } else {
              assertSameBits(expected, actual, what);
            }
          }
        }
      }
    }
  }

  @Test
  void integerUnaryOpsMatchTheScalarBackend() {
    Random random = new Random(2);
    for (DType dtype : new DType[] {DType.I32, DType.I64}) {
      for (UnaryOp op : new UnaryOp[] {UnaryOp.NEG, UnaryOp.ABS, UnaryOp.SIGN, UnaryOp.RELU}) {
        for (View view : Views.layouts(37, dtype, random, 100, false)) {
          NdArray expected = NdArray.zeros(view.array().shape(), dtype);
          NdArray actual = NdArray.zeros(view.array().shape(), dtype);
          scalar.unary(op, view.array(), expected);
          simd.unary(op, view.array(), actual);
          assertSameBits(expected, actual, op + " of " + view);
        }
      }
    }
  }

  @Test
  void binaryOpsMatchTheScalarBackendBitForBit() {
    Random random = new Random(3);
    for (DType dtype : new DType[] {DType.F32, DType.F64, DType.I64}) {
      for (BinaryOp op : BinaryOp.values()) {
        boolean floatingOnly = op == BinaryOp.DIV || op == BinaryOp.POW || op == BinaryOp.REM;
        if (!dtype.isFloating() && floatingOnly) {
          continue; // DIV and POW compute integers in F32; integer REM by zero throws (tested below)
        }
        for (int n : Views.sizes()) {
          int kind = 0;
          for (View view : Views.layouts(n, dtype, random, 3, dtype.isFloating())) {
            NdArray other = Views.partner(view.array(), dtype, random, 3, dtype.isFloating(), kind++);
            for (boolean swap : new boolean[] {false, true}) {
              NdArray a = swap ? other : view.array();
              NdArray b = swap ? view.array() : other;
              DType result = op.isComparison() ? DType.BOOL : dtype;
              NdArray expected = NdArray.zeros(a.shape(), result);
              NdArray actual = NdArray.zeros(a.shape(), result);
              scalar.binary(op, a, b, expected);
              simd.binary(op, a, b, actual);
              assertSameBits(expected, actual, op + " of " + view + (swap ? ", swapped" : ""));
            }
          }
        }
      }
    }
  }

  @Test
  void maximumAndMinimumFollowMathMaxForNaNAndSignedZeros() {
    NdArray a = NdArray.of(new float[] {-0f, 0f, Float.NaN, 1f, -0f}, 5);
    NdArray b = NdArray.of(new float[] {0f, -0f, 1f, Float.NaN, -0f}, 5);
    NdArray max = NdArray.zeros(Shape.of(5), DType.F32);
    NdArray min = NdArray.zeros(Shape.of(5), DType.F32);
    simd.binary(BinaryOp.MAXIMUM, a, b, max);
    simd.binary(BinaryOp.MINIMUM, a, b, min);
    float[] maxima = max.toFloatArray();
    float[] minima = min.toFloatArray();
    for (int i = 0; i < 5; i++) {
      float x = a.toFloatArray()[i];
      float y = b.toFloatArray()[i];
      assertEquals(Float.floatToIntBits(Math.max(x, y)), Float.floatToIntBits(maxima[i]), "max " + x + " " + y);
      assertEquals(Float.floatToIntBits(Math.min(x, y)), Float.floatToIntBits(minima[i]), "min " + x + " " + y);
    }
  }

  @Test
  void integerRemainderByZeroThrowsLikeTheScalarBackend() {
    NdArray a = NdArray.of(new long[] {5, 7}, 2);
    NdArray b = NdArray.of(new long[] {2, 0}, 2);
    VectorgradException e = assertThrows(VectorgradException.class,
        () -> simd.binary(BinaryOp.REM, a, b, NdArray.zeros(Shape.of(2), DType.I64)));
    assertTrue(e.getMessage().contains("rem"), e.getMessage());
  }

  @Test
  void whereMatchesTheScalarBackendBitForBit() {
    Random random = new Random(4);
    for (DType dtype : new DType[] {DType.F32, DType.F64, DType.I32}) {
      for (int n : Views.sizes()) {
        int kind = 0;
        for (View view : Views.layouts(n, DType.BOOL, random, 1, false)) {
          NdArray cond = view.array();
          NdArray a = Views.partner(cond, dtype, random, 3, dtype.isFloating(), kind++);
          NdArray b = Views.partner(cond, dtype, random, 3, dtype.isFloating(), kind + 1);
          NdArray expected = NdArray.zeros(cond.shape(), dtype);
          NdArray actual = NdArray.zeros(cond.shape(), dtype);
          scalar.where(cond, a, b, expected);
          simd.where(cond, a, b, actual);
          assertSameBits(expected, actual, "where on " + view + " choosing " + dtype);
        }
      }
    }
  }

  @Test
  void copiesAndCastsMatchTheScalarBackendBitForBit() {
    Random random = new Random(5);
    DType[][] pairs = {
      {DType.F32, DType.F32}, {DType.F64, DType.F64}, {DType.F32, DType.F64}, {DType.F64, DType.F32},
      {DType.I32, DType.I32}, {DType.I64, DType.I64}, {DType.BOOL, DType.BOOL}, {DType.F32, DType.I32},
      {DType.I64, DType.F32}, {DType.F64, DType.BOOL}, {DType.I32, DType.F64}
    };
    for (DType[] pair : pairs) {
      for (int n : Views.sizes()) {
        for (View view : Views.layouts(n, pair[0], random, 1e3, pair[0].isFloating())) {
          Shape shape = view.array().shape();
          NdArray expected = NdArray.zeros(shape, pair[1]);
          NdArray actual = NdArray.zeros(shape, pair[1]);
          scalar.copy(view.array(), expected);
          simd.copy(view.array(), actual);
          assertSameBits(expected, actual, "copy of " + view + " to " + pair[1]);
          // into a strided destination, as copyFrom writes into views
          NdArray stridedExpected = stridedZeros(shape, pair[1]);
          NdArray stridedActual = stridedZeros(shape, pair[1]);
          scalar.copy(view.array(), stridedExpected);
          simd.copy(view.array(), stridedActual);
          assertSameBits(stridedExpected.copy(), stridedActual.copy(), "copy of " + view + " into a strided " + pair[1]);
        }
      }
    }
  }

  /** A zero array of {@code shape} whose layout is not contiguous: reversed axes, or every second element. */
  private static NdArray stridedZeros(Shape shape, DType dtype) {
    int[] dims = shape.toArray();
    if (dims.length == 2) {
      return NdArray.zeros(Shape.of(dims[1], dims[0]), dtype).t();
    }
    return NdArray.zeros(Shape.of(2 * dims[0]), dtype).slice(0, 0, 2 * dims[0], 2);
  }

  @Test
  void gatherAndScatterAddMatchTheScalarBackend() {
    NdArray x = NdArray.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
    NdArray index = NdArray.of(new long[] {2, 0, -1, 1}, 2, 2);
    NdArray expected = NdArray.zeros(Shape.of(2, 2), DType.F32);
    NdArray actual = NdArray.zeros(Shape.of(2, 2), DType.F32);
    scalar.gather(x, 0, index, expected);
    simd.gather(x, 0, index, actual);
    assertSameBits(expected, actual, "gather");
    NdArray targetExpected = NdArray.zeros(Shape.of(3, 2), DType.F32);
    NdArray targetActual = NdArray.zeros(Shape.of(3, 2), DType.F32);
    scalar.scatterAdd(targetExpected, 0, index, expected);
    simd.scatterAdd(targetActual, 0, index, actual);
    assertSameBits(targetExpected, targetActual, "scatterAdd");
  }

  @Test
  void reductionsMatchTheScalarBackend() {
    Random random = new Random(6);
    int[] inners = java.util.stream.IntStream.concat(
        Arrays.stream(Views.sizes()), java.util.stream.IntStream.of(3 * ReduceKernels.CHUNK + 1)).toArray();
    for (DType dtype : new DType[] {DType.F32, DType.F64}) {
      for (ReduceOp op : ReduceOp.values()) {
        for (int inner : inners) {
          if (inner == 0 && op.needsElements()) {
            continue;
          }
          for (int outer : inner > 10_000 ? new int[] {2} : new int[] {1, 3, 37}) {
            for (NdArray x : reductionLayouts(op, dtype, outer, inner, random)) {
              DType result = op.resultType(dtype);
              NdArray expected = NdArray.zeros(Shape.of(outer), result);
              NdArray actual = NdArray.zeros(Shape.of(outer), result);
              scalar.reduce(op, x, expected);
              simd.reduce(op, x, actual);
              String what = op + " of " + x.shape() + " " + dtype + " strides " + Arrays.toString(x.strides());
              if (op == ReduceOp.SUM || op == ReduceOp.PROD) {
                assertCloseToFloat64(op, x, actual, dtype == DType.F32 ? 1e-5 : 1e-12, what);
              } else {
                assertSameBits(expected, actual, what);
              }
            }
          }
        }
      }
    }
  }

  /**
   * The fused softmax / log-softmax rows against the scalar backend's double-precision kernel, at
   * row lengths around the vector lengths, a large odd length and one longer than a parallel chunk
   * (its sum combines pieces), from an unaligned offset: within atol 1e-6, rtol 1e-5 (F32; 1e-12
   * for F64), and log-softmax within 1e-5 (1e-12) of max(1, |result|).
   */
  @Test
  void softmaxRowsMatchTheScalarBackend() {
    Random random = new Random(11);
    int[] lengths = java.util.stream.IntStream.concat(
        Arrays.stream(Views.sizes()), java.util.stream.IntStream.of(ReduceKernels.CHUNK + 5)).toArray();
    for (DType dtype : new DType[] {DType.F32, DType.F64}) {
      for (int n : lengths) {
        if (n == 0) {
          continue; // Reductions copies empty rows; the kernel is never called for them
        }
        for (int rows : n > 10_000 ? new int[] {2} : new int[] {1, 3, 37}) {
          double[] values = Views.values(rows * n + 1, random, 20, false);
          NdArray x = Views.array(values, dtype, rows * n + 1).narrow(0, 1, rows * n).view(rows, n);
          assertSoftmaxMatches(x, dtype + " " + x.shape() + " offset 1");
        }
      }
    }
  }

  /**
   * Extreme rows: +-1e4 (stable, no overflow), -inf entries (0 / -inf), all -inf (NaN, as in
   * PyTorch), NaN anywhere (the whole row NaN), +inf (NaN where the composed division gives it).
   */
  @Test
  void softmaxRowsOfExtremeValuesMatchTheScalarBackend() {
    double inf = Double.POSITIVE_INFINITY;
    int n = Views.FLOAT_LANES + 1;
    double[][] patterns = {
      {1e4, -1e4, 0, 1e4, 9999.5},
      {-1e4, -1e4 + 1, -1e4 - 3},
      {-inf, 1, 2, -inf},
      {-inf, -inf, -inf},
      {Double.NaN, 1, 2},
      {3, -inf, Double.NaN},
      {inf, 1, -inf},
      {inf, inf},
      {-inf},
      {5},
    };
    for (DType dtype : new DType[] {DType.F32, DType.F64}) {
      for (double[] pattern : patterns) {
        for (int length : new int[] {pattern.length, n, 2 * Views.FLOAT_LANES + 3}) {
          for (int at : new int[] {0, length - pattern.length}) {
            double[] values = new double[length];
            Arrays.fill(values, length > pattern.length ? pattern[pattern.length - 1] : 0);
            System.arraycopy(pattern, 0, values, at, pattern.length);
            NdArray x = Views.array(values, dtype, 1, length);
            assertSoftmaxMatches(x, dtype + " " + Arrays.toString(values));
          }
        }
      }
    }
  }

  /**
   * On finite F32 rows the fused simd kernel does the composed path's operations in its order
   * (subtract the max, {@code FloatMath.exp}, the chunked float sum, divide or subtract the log),
   * so the results agree bit for bit; the composed path is spelled out with simd kernels here.
   */
  @Test
  void fusedSoftmaxRowsEqualTheComposedSimdOpsBitForBit() {
    Random random = new Random(12);
    for (int n : new int[] {1, Views.FLOAT_LANES - 1, Views.FLOAT_LANES + 1, 4099, ReduceKernels.CHUNK + 5}) {
      int rows = n > 10_000 ? 2 : 5;
      NdArray x = Views.array(Views.values(rows * n, random, 20, false), DType.F32, rows, n);
      NdArray max = NdArray.zeros(Shape.of(rows), DType.F32);
      simd.reduce(ReduceOp.MAX, x, max);
      NdArray shifted = NdArray.zeros(x.shape(), DType.F32);
      simd.binary(BinaryOp.SUB, x, max.view(rows, 1).expand(x.shape()), shifted);
      NdArray exp = NdArray.zeros(x.shape(), DType.F32);
      simd.unary(UnaryOp.EXP, shifted, exp);
      NdArray sum = NdArray.zeros(Shape.of(rows), DType.F32);
      simd.reduce(ReduceOp.SUM, exp, sum);
      NdArray composed = NdArray.zeros(x.shape(), DType.F32);
      simd.binary(BinaryOp.DIV, exp, sum.view(rows, 1).expand(x.shape()), composed);
      NdArray fused = NdArray.zeros(x.shape(), DType.F32);
      simd.softmax(x, false, fused);
      assertSameBits(composed, fused, "softmax of " + x.shape());
      NdArray logSum = NdArray.zeros(Shape.of(rows), DType.F32);
      simd.unary(UnaryOp.LOG, sum, logSum);
      simd.binary(BinaryOp.SUB, shifted, logSum.view(rows, 1).expand(x.shape()), composed);
      simd.softmax(x, true, fused);
      assertSameBits(composed, fused, "logSoftmax of " + x.shape());
    }
  }

  private void assertSoftmaxMatches(NdArray x, String what) {
    for (boolean log : new boolean[] {false, true}) {
      NdArray expected = NdArray.zeros(x.shape(), x.dtype());
      NdArray actual = NdArray.zeros(x.shape(), x.dtype());
      scalar.softmax(x, log, expected);
      simd.softmax(x, log, actual);
      double tolerance = x.dtype() == DType.F32 ? 1e-5 : 1e-12;
      String name = (log ? "logSoftmax of " : "softmax of ") + what;
      double[] expectedValues = expected.toDoubleArray();
      double[] actualValues = actual.toDoubleArray();
      for (int i = 0; i < x.numel(); i++) {
        double e = expectedValues[i];
        double a = actualValues[i];
        if (Double.isNaN(e) || Double.isInfinite(e)) {
          assertEquals(e, a, name + " at " + i);
        } else {
          double bound = log ? tolerance * Math.max(1, Math.abs(e)) : 1e-6 + tolerance * Math.abs(e);
          assertTrue(Math.abs(a - e) <= bound, name + " at " + i + ": " + a + " vs " + e);
        }
      }
    }
  }

  /**
   * F32 row sums round in float within groups of 16 elements per lane, so where the sum cancels
   * (zero-mean data: the result far below the sum of magnitudes) their error is bounded by the
   * magnitudes, not by the result: each element meets at most 17 float roundings before the sum
   * is widened, so |error| <= 17 * 2^-24 * sum |x| plus the final rounding.
   */
  @Test
  void sumsOfCancellingDataStayWithinTheDocumentedBound() {
    Random random = new Random(7);
    for (int n : new int[] {4099, 100_003, 3 * ReduceKernels.CHUNK + 1}) {
      double[] values = Views.values(n, random, 3, false);
      NdArray x = Views.array(values, DType.F32, 1, n);
      NdArray out = NdArray.zeros(Shape.of(1), DType.F32);
      simd.reduce(ReduceOp.SUM, x, out);
      double sum = 0;
      double magnitudes = 0;
      for (double v : x.toDoubleArray()) {
        sum += v;
        magnitudes += Math.abs(v);
      }
      double error = Math.abs(out.toDoubleArray()[0] - sum);
      assertTrue(error <= 17 * Math.scalb(1.0, -24) * magnitudes + Math.ulp((float) sum),
          "sum of " + n + ": " + out.toDoubleArray()[0] + " vs float64 " + sum + ", sum |x| " + magnitudes);
    }
  }

  /**
   * {@code [outer, inner]} views of the same kind of data: contiguous rows, columns (row stride 1,
   * as a reduction over a leading axis produces), every second element, and offset by one. Max
   * and arg inputs are rounded to halves so that ties occur, and carry NaNs and signed zeros.
   */
  private static List<NdArray> reductionLayouts(ReduceOp op, DType dtype, int outer, int inner, Random random) {
    boolean sums = op == ReduceOp.SUM || op == ReduceOp.PROD;
    int n = outer * inner;
    // sums: mean 1, so that the float64 sum does not cancel (see sumsOfCancellingData...)
    DoubleUnaryOperator shape = sums
        ? (op == ReduceOp.PROD ? v -> 1 + v / 100 : v -> 1 + v)
        : v -> Double.isNaN(v) || Double.isInfinite(v) ? v : Math.rint(v * 2) / 2;
    java.util.function.IntFunction<double[]> data = m -> {
      double[] values = Views.values(m, random, 3, !sums);
      for (int i = 0; i < m; i++) {
        values[i] = shape.applyAsDouble(values[i]);
      }
      return values;
    };
    List<NdArray> views = new ArrayList<>();
    views.add(Views.array(data.apply(2 * n), dtype, outer, 2 * inner).slice(1, 0, 2 * inner, 2));
    views.add(Views.array(data.apply(n + 1), dtype, n + 1).narrow(0, 1, n).view(outer, inner));
    if (inner <= 10_000) { // long rows: the two above suffice (no column layout at outer = 2 anyway)
      views.add(Views.array(data.apply(n), dtype, outer, inner));
      views.add(Views.array(data.apply(n), dtype, inner, outer).t());
    }
    return views;
  }

  /** Each row's sum or product within {@code rtol} (and atol 1e-6) of the float64 result. */
  private static void assertCloseToFloat64(ReduceOp op, NdArray x, NdArray actual, double rtol, String what) {
    double[] values = x.toDoubleArray();
    double[] results = actual.toDoubleArray();
    int inner = x.size(1);
    for (int r = 0; r < x.size(0); r++) {
      double expected = op == ReduceOp.SUM ? 0 : 1;
      for (int i = 0; i < inner; i++) {
        expected = op == ReduceOp.SUM ? expected + values[r * inner + i] : expected * values[r * inner + i];
      }
      double error = Math.abs(results[r] - expected);
      assertTrue(error <= 1e-6 + rtol * Math.abs(expected),
          what + ": row " + r + " gives " + results[r] + ", float64 " + expected);
    }
  }

  /** Each element within {@link Ulps#bound} of the float64 reference at the input element. */
  private static void assertWithinUlps(UnaryOp op, NdArray x, NdArray actual, String what) {
    double[] inputs = x.toDoubleArray();
    float[] results = actual.toFloatArray();
    DoubleUnaryOperator reference = Ulps.reference(op);
    for (int i = 0; i < inputs.length; i++) {
      double expected = reference.applyAsDouble(inputs[i]);
      double ulps = Ulps.distance(results[i], expected);
      if (!(ulps <= Ulps.bound(op))) {
        fail(what + ": at " + i + ", x = " + (float) inputs[i] + ", got " + results[i] + ", float64 "
            + expected + ": " + ulps + " ulps > " + Ulps.bound(op));
      }
    }
  }

  /** Equal element bits (NaN compared as NaN, -0.0 and 0.0 as different). */
  static void assertSameBits(NdArray expected, NdArray actual, String what) {
    assertEquals(expected.shape(), actual.shape(), what);
    Object e = Views.data(expected);
    Object a = Views.data(actual);
    int n = expected.numel();
    for (int i = 0; i < n; i++) {
      boolean same;
      String pair;
      if (e instanceof float[]) {
        float x = ((float[]) e)[i];
        float y = ((float[]) a)[i];
        same = Float.floatToIntBits(x) == Float.floatToIntBits(y);
        pair = x + " vs " + y;
      } else if (e instanceof double[]) {
        double x = ((double[]) e)[i];
        double y = ((double[]) a)[i];
        same = Double.doubleToLongBits(x) == Double.doubleToLongBits(y);
        pair = x + " vs " + y;
      } else if (e instanceof boolean[]) {
        same = ((boolean[]) e)[i] == ((boolean[]) a)[i];
        pair = ((boolean[]) e)[i] + " vs " + ((boolean[]) a)[i];
      } else if (e instanceof int[]) {
        same = ((int[]) e)[i] == ((int[]) a)[i];
        pair = ((int[]) e)[i] + " vs " + ((int[]) a)[i];
      } else {
        same = ((long[]) e)[i] == ((long[]) a)[i];
        pair = ((long[]) e)[i] + " vs " + ((long[]) a)[i];
      }
      if (!same) {
        fail(what + ": element " + i + " differs, scalar vs simd: " + pair);
      }
    }
  }
}
