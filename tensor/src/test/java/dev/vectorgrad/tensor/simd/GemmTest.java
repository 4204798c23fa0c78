package dev.vectorgrad.tensor.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.spi.Parallel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Gemm#matmul} against a float64 reference over shapes that hit every path: matrix-vector
 * (axpy and dot forms), small products with B read in place, packed products with edge tiles and
 * several passes over k, every operand layout, batches and broadcast batches; and bit-identical
 * results for 1, 2, 3 and 16 threads.
 *
 * <p>Tolerance: the forward error bound of any summation order, {@code |got - exact| <= K u
 * sum|a||b| / (1 - K u)} with {@code u} the unit roundoff of the dtype, doubled to cover the
 * reference's own rounding in F64. A wrong index shows up as an error of order {@code |a||b|}.
 */
class GemmTest {
  /** How an operand is laid out in storage. */
  enum Layout {
    /** Row-major, offset 0. */
    PLAIN,
    /** Stored as its transpose and viewed through {@code transpose(1, 2)}: row stride 1. */
    TRANSPOSED,
    /** A window of a larger array: non-zero offset, unit column stride, row stride > cols. */
    WINDOW,
    /** Every other column of a window: non-zero offset, neither stride is 1. */
    STRIDED
  }

  /** A {@code [batches, rows, cols]} operand; with {@code broadcast} one batch repeated (stride 0). */
  static NdArray operand(int batches, int rows, int cols, Layout layout, boolean broadcast, DType dtype) {
    int stored = broadcast ? 1 : batches;
    NdArray x;
    switch (layout) {
      case PLAIN:
        x = NdArray.randn(Shape.of(stored, rows, cols), dtype);
        break;
      case TRANSPOSED:
        x = NdArray.randn(Shape.of(stored, cols, rows), dtype).transpose(1, 2);
        break;
      case WINDOW:
        x = NdArray.randn(Shape.of(stored, rows + 3, cols + 5), dtype).slice(1, 2, 2 + rows, 1).slice(2, 1, 1 + cols, 1);
        break;
      case STRIDED:
        x = NdArray.randn(Shape.of(stored, rows + 1, 2 * cols + 3), dtype).slice(1, 1, 1 + rows, 1).slice(2, 3, 3 + 2 * cols, 2);
        break;
      default:
        throw new AssertionError(layout);
    }
    return broadcast ? x.expand(batches, rows, cols) : x;
  }

  /** Multiplies with Gemm and checks every element against the float64 reference. */
  static void check(NdArray a, NdArray b, DType dtype) {
    int batches = a.size(0);
    int m = a.size(1);
    int k = a.size(2);
    int n = b.size(2);
    NdArray out = NdArray.zeros(Shape.of(batches, m, n), dtype);
    Gemm.matmul(a, b, out);
    double[] x = a.toDoubleArray();
    double[] y = b.toDoubleArray();
    double[] got = out.toDoubleArray();
    double u = dtype == DType.F32 ? 0x1p-24 : 0x1p-53;
    double gamma = k * u / (1 - k * u) * (dtype == DType.F32 ? 1 : 2);
    for (int s = 0; s < batches; s++) {
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double exact = 0;
          double magnitude = 0;
          for (int p = 0; p < k; p++) {
            double term = x[(s * m + i) * k + p] * y[(s * k + p) * n + j];
            exact += term;
            magnitude += Math.abs(term);
          }
          double error = Math.abs(got[(s * m + i) * n + j] - exact);
          double bound = gamma * magnitude + Double.MIN_NORMAL;
          if (!(error <= bound)) {
            throw new AssertionError(String.format(
                "%s [%d, %d, %d] x [%d, %d, %d]: out[%d, %d, %d] = %s, reference %s, error %.3g > bound %.3g",
                dtype, batches, m, k, batches, k, n, s, i, j, got[(s * m + i) * n + j], exact, error, bound));
          }
        }
      }
    }
  }

  static void check(int batches, int m, int k, int n, Layout left, Layout right, DType dtype) {
    check(operand(batches, m, k, left, false, dtype), operand(batches, k, n, right, false, dtype), dtype);
  }

  /** {M, K, N} triples covering each path and edge. */
  static final int[][] SHAPES = {
    {1, 1, 1}, {1, 100, 1}, {1, 37, 53}, {37, 53, 1}, {1, 300, 700}, {700, 300, 1}, // matrix-vector
    {1, 800, 701}, {701, 800, 1}, // matrix-vector, W beyond L2
    {2, 3, 2}, {37, 53, 71}, {64, 64, 64}, {50, 60, 70}, {128, 96, 128}, // small, B in place
    {300, 257, 129}, {29, 600, 45}, {140, 20, 600}, // packed, edges, two passes over k
    {2, 1, 2}, {37, 1, 53}, {130, 1, 257}, // depth one: outer products, partial row tasks and vectors
  };

  static Stream<Arguments> shapesAndLayouts() {
    List<Arguments> cases = new ArrayList<>();
    for (DType dtype : new DType[] {DType.F32, DType.F64}) {
      for (int[] s : SHAPES) {
        for (Layout left : Layout.values()) {
          for (Layout right : Layout.values()) {
            cases.add(Arguments.of(s[0], s[1], s[2], left, right, dtype));
          }
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{5} [{0} x {1}] {3} . [{1} x {2}] {4}")
  @MethodSource("shapesAndLayouts")
  void everyLayoutMatchesTheReference(int m, int k, int n, Layout left, Layout right, DType dtype) {
    check(1, m, k, n, left, right, dtype);
  }

  /** Every M, K, N in {L - 1, L, L + 1} for L = 8 and 16, the F64 and F32 lane counts. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dtypes")
  void sizesAroundLaneMultiplesMatchTheReference(DType dtype) {
    int[] sizes = {7, 8, 9, 15, 16, 17};
    for (int m : sizes) {
      for (int k : sizes) {
        for (int n : sizes) {
          check(1, m, k, n, Layout.PLAIN, Layout.PLAIN, dtype);
          check(1, m, k, n, Layout.TRANSPOSED, Layout.TRANSPOSED, dtype);
        }
      }
    }
  }

  static Stream<DType> dtypes() {
    return Stream.of(DType.F32, DType.F64);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dtypes")
  void batchesMatchTheReference(DType dtype) {
    for (int[] s : new int[][] {{1, 40, 30}, {30, 40, 1}, {33, 47, 65}, {70, 300, 90}, {300, 50, 70}, {70, 1, 40}}) {
      check(3, s[0], s[1], s[2], Layout.PLAIN, Layout.TRANSPOSED, dtype);
      check(3, s[0], s[1], s[2], Layout.STRIDED, Layout.WINDOW, dtype);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dtypes")
  void broadcastBatchesMatchTheReference(DType dtype) {
    for (int[] s : new int[][] {{1, 40, 30}, {30, 40, 1}, {33, 47, 65}, {70, 300, 90}, {300, 50, 70}, {70, 1, 40}}) {
      int m = s[0];
      int k = s[1];
      int n = s[2];
      check(operand(4, m, k, Layout.PLAIN, true, dtype), operand(4, k, n, Layout.PLAIN, false, dtype), dtype);
      check(operand(4, m, k, Layout.TRANSPOSED, false, dtype), operand(4, k, n, Layout.PLAIN, true, dtype), dtype);
      check(operand(4, m, k, Layout.WINDOW, true, dtype), operand(4, k, n, Layout.TRANSPOSED, true, dtype), dtype);
    }
  }

  /**
   * Three batches whose packed B (2048 x 1376 each) overflow one group: two passes of packing; also
   * with a broadcast A, packed once for both groups.
   */
  @Test
  void batchesBeyondOnePackingGroupMatchTheReference() {
    check(3, 20, 2048, 1376, Layout.PLAIN, Layout.PLAIN, DType.F32);
    check(operand(3, 20, 2048, Layout.PLAIN, true, DType.F32), operand(3, 2048, 1376, Layout.PLAIN, false, DType.F32),
        DType.F32);
  }

  /**
   * A last row panel of 1 to 13 rows (batches of 32, 64 and 128 leave 4, 8 and 2) goes four rows at
   * a time through its own kernel, with full and partial column panels and two passes over k:
   * checked against the reference, and each row must carry the bits it has inside a full panel,
   * since every element is the same FMA chain whichever kernel computes it. Run on a fresh thread,
   * whose packing buffers are sized to the product, so that a read past the last panel fails.
   */
  @Test
  void shortRowPanelsMatchTheReferenceAndTheBitsOfFullPanels() throws InterruptedException {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread fresh = new Thread(this::checkShortRowPanels);
    fresh.setUncaughtExceptionHandler((thread, e) -> failure.set(e));
    fresh.start();
    fresh.join();
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
  }

  private void checkShortRowPanels() {
    int mr = SgemmKernel.MR;
    int k = 300;
    for (int n : new int[] {2 * SgemmKernel.NR, 2 * SgemmKernel.NR + 5}) {
      NdArray a = operand(1, 3 * mr, k, Layout.PLAIN, false, DType.F32);
      NdArray b = operand(1, k, n, Layout.PLAIN, false, DType.F32);
      NdArray full = NdArray.zeros(Shape.of(1, 3 * mr, n));
      Gemm.matmul(a, b, full);
      for (int rows = 1; rows < mr; rows++) {
        int m = 2 * mr + rows;
        NdArray shortA = a.slice(1, 0, m, 1);
        check(shortA, b, DType.F32);
        NdArray out = NdArray.zeros(Shape.of(1, m, n));
        Gemm.matmul(shortA, b, out);
        assertArrayEquals(full.slice(1, 0, m, 1).toFloatArray(), out.toFloatArray(), m + " rows, " + n + " columns");
      }
    }
  }

  @Test
  void emptyProductsLeaveZeros() {
    NdArray out = NdArray.zeros(Shape.of(2, 3, 4));
    Gemm.matmul(NdArray.randn(2, 3, 0), NdArray.randn(2, 0, 4), out);
    assertArrayEquals(new float[24], out.toFloatArray());
    Gemm.matmul(NdArray.randn(2, 0, 5), NdArray.randn(2, 5, 4), NdArray.zeros(Shape.of(2, 0, 4)));
  }

  /** Products big enough to be split into many tasks, in every path, at several thread counts. */
  @Test
  void resultsAreBitIdenticalForAnyThreadCount() {
    List<NdArray[]> products = new ArrayList<>();
    products.add(new NdArray[] {operand(2, 300, 500, Layout.PLAIN, false, DType.F32), operand(2, 500, 260, Layout.PLAIN, false, DType.F32)});
    products.add(new NdArray[] {operand(1, 256, 300, Layout.TRANSPOSED, false, DType.F32), operand(1, 300, 250, Layout.TRANSPOSED, false, DType.F32)});
    products.add(new NdArray[] {operand(3, 1, 700, Layout.PLAIN, false, DType.F32), operand(3, 700, 2000, Layout.PLAIN, true, DType.F32)});
    products.add(new NdArray[] {operand(1, 1, 900, Layout.PLAIN, false, DType.F32), operand(1, 900, 1500, Layout.TRANSPOSED, false, DType.F32)});
    products.add(new NdArray[] {operand(2, 200, 300, Layout.PLAIN, false, DType.F64), operand(2, 300, 150, Layout.STRIDED, false, DType.F64)});
    int original = Parallel.numThreads();
    try {
      List<double[]> first = null;
      for (int threads : new int[] {1, 2, 3, 16}) {
        Parallel.setNumThreads(threads);
        List<double[]> results = new ArrayList<>();
        for (NdArray[] ab : products) {
          NdArray out = NdArray.zeros(Shape.of(ab[0].size(0), ab[0].size(1), ab[1].size(2)), ab[0].dtype());
          Gemm.matmul(ab[0], ab[1], out);
          results.add(out.toDoubleArray());
        }
        if (first == null) {
          first = results;
        } else {
          for (int i = 0; i < results.size(); i++) {
            assertTrue(Arrays.equals(first.get(i), results.get(i)), "product " + i + " differs with " + threads + " threads");
          }
        }
      }
    } finally {
      Parallel.setNumThreads(original);
    }
  }
}
