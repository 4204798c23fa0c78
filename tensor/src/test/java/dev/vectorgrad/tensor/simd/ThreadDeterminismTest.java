package dev.vectorgrad.tensor.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.IndexOutOfRangeException;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.Window2d;
import dev.vectorgrad.tensor.ops.BinaryOp;
import dev.vectorgrad.tensor.ops.ReduceOp;
import dev.vectorgrad.tensor.ops.UnaryOp;
import dev.vectorgrad.tensor.spi.Parallel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simd kernels give bit-identical results for 1, 2, 3 and 16 threads on arrays large enough
 * to be split into many parallel chunks: work boundaries depend on the shape only, and partial
 * results are combined in chunk order. Runs the kernels directly, so it tests simd even when
 * {@code -Dvectorgrad.backend=scalar} picks the default backend.
 */
class ThreadDeterminismTest {
  private static final int[] THREADS = {1, 2, 3, 16};
  /** About 16 chunks of {@link ReduceKernels#CHUNK}, so sums combine many partial results. */
  private static final int N = (1 << 20) + 3;

  private final SimdBackend simd = new SimdBackend();
  private int savedThreads;

  @BeforeEach
  void saveThreads() {
    savedThreads = Parallel.numThreads();
  }

  @AfterEach
  void restoreThreads() {
    Parallel.setNumThreads(savedThreads);
  }

  /** Runs {@code compute} at every thread count and checks each result's bits against 1 thread's. */
  private static void assertSameForAllThreadCounts(String what, Supplier<NdArray> compute) {
    List<NdArray> results = new ArrayList<>();
    for (int threads : THREADS) {
      Parallel.setNumThreads(threads);
      results.add(compute.get());
    }
    for (int k = 1; k < THREADS.length; k++) {
      SimdVsScalarTest.assertSameBits(results.get(0), results.get(k), what + " with " + THREADS[k] + " threads");
    }
  }

  private static NdArray floats(int n, long seed) {
    return Views.array(Views.values(n, new Random(seed), 3, false), DType.F32, n);
  }

  @Test
  void sumsAreBitIdentical() {
    NdArray x = floats(N, 1);
    for (int[] shape : new int[][] {{1, N}, {1021, (N - 3) / 1024}}) {
      NdArray rows = x.narrow(0, 0, shape[0] * shape[1]).view(shape);
      assertSameForAllThreadCounts("sum of " + rows.shape(), () -> reduce(ReduceOp.SUM, rows, DType.F32));
      NdArray columns = rows.t(); // a reduction over the leading axis: the column kernel
      assertSameForAllThreadCounts("sum of " + columns.shape() + " columns", () -> reduce(ReduceOp.SUM, columns, DType.F32));
    }
    NdArray wide = Views.array(Views.values(N, new Random(2), 3, false), DType.F64, 1, N);
    assertSameForAllThreadCounts("F64 sum", () -> reduce(ReduceOp.SUM, wide, DType.F64));
  }

  @Test
  void maxAndArgmaxAreBitIdentical() {
    double[] values = Views.values(N, new Random(3), 3, false);
    for (int i = 0; i < N; i++) {
      values[i] = Math.rint(values[i]); // many ties, so the first-index rule matters
    }
    values[N / 2] = 40;
    values[N / 2 + 7 * ReduceKernels.CHUNK] = 40; // the same maximum in a later chunk
    NdArray x = Views.array(values, DType.F32, 1, N);
    assertSameForAllThreadCounts("max", () -> reduce(ReduceOp.MAX, x, DType.F32));
    assertSameForAllThreadCounts("argmax", () -> reduce(ReduceOp.ARGMAX, x, DType.I64));
    assertSameForAllThreadCounts("argmin", () -> reduce(ReduceOp.ARGMIN, x, DType.I64));
  }

  @Test
  void expAndAddAreBitIdentical() {
    NdArray a = floats(N, 4);
    NdArray b = floats(N, 5);
    assertSameForAllThreadCounts("exp", () -> {
      NdArray out = NdArray.zeros(Shape.of(N), DType.F32);
      simd.unary(UnaryOp.EXP, a, out);
      return out;
    });
    assertSameForAllThreadCounts("add", () -> {
      NdArray out = NdArray.zeros(Shape.of(N), DType.F32);
      simd.binary(BinaryOp.ADD, a, b, out);
      return out;
    });
  }

  /** Fused softmax rows: short rows grouped into tasks, and rows longer than a task's chunk. */
  @Test
  void softmaxRowsAreBitIdentical() {
    NdArray x = floats(N, 9);
    for (int[] shape : new int[][] {{1, N}, {1021, (N - 3) / 1021}, {(N - 3) / 10, 10}}) {
      NdArray rows = x.narrow(0, 0, shape[0] * shape[1]).view(shape);
      for (boolean log : new boolean[] {false, true}) {
        assertSameForAllThreadCounts((log ? "logSoftmax of " : "softmax of ") + rows.shape(), () -> {
          NdArray out = NdArray.zeros(rows.shape(), DType.F32);
          simd.softmax(rows, log, out);
          return out;
        });
      }
    }
  }

  /**
   * A CNN's pooling path: max-pool indices, the gather of the values and the scatter of their
   * gradient, whose rows collect many repeated indices and are split over tasks.
   */
  @Test
  void poolingGatherAndScatterAreBitIdentical() {
    NdArray images = floats(64 * 8 * 26 * 26, 6).view(64, 8, 26, 26);
    Window2d pool = Window2d.of(2, 2, 0, 1);
    assertSameForAllThreadCounts("maxPool2d", () -> images.maxPool2d(pool));
    NdArray planes = images.view(64 * 8, 26 * 26);
    NdArray index = NdArray.randint(0, 26 * 26, Shape.of(64 * 8, 400));
    NdArray values = floats(64 * 8 * 400, 7).view(64 * 8, 400);
    assertSameForAllThreadCounts("gather", () -> planes.gather(1, index));
    assertSameForAllThreadCounts("scatterAdd", () -> planes.scatterAdd(1, index, values));
  }

  @Test
  void anIndexOutOfRangeInAnyTaskIsReportedAsSuch() {
    NdArray planes = floats(512 * 100, 8).view(512, 100);
    NdArray index = NdArray.zeros(Shape.of(512, 100), DType.I64);
    index.set(500, 3, 100);
    Parallel.setNumThreads(2);
    IndexOutOfRangeException e = assertThrows(IndexOutOfRangeException.class, () -> planes.gather(1, index));
    assertEquals("gather: index 100 is out of bounds for axis 1 with size 100", e.getMessage());
  }

  private NdArray reduce(ReduceOp op, NdArray x, DType result) {
    NdArray out = NdArray.zeros(Shape.of(x.size(0)), result);
    simd.reduce(op, x, out);
    return out;
  }
}
