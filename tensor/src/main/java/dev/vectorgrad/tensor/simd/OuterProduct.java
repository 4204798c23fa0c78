package dev.vectorgrad.tensor.simd;

import static dev.vectorgrad.tensor.simd.FloatMath.S;

import dev.vectorgrad.tensor.spi.Parallel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * F32 products of depth one, {@code c[b, i, j] = a[b, i, 0] * b[b, 0, j]}: the weight gradient of a
 * linear layer at batch 1. The packed GEMM ran its micro-kernel one step deep per tile, loading
 * every tile of the fresh output and storing it back around one multiply-add, and packed both
 * operands; here each output row is written once. Each element is {@code fma(a, b, 0)}, the
 * kernel's one step, so the bits are the GEMM's (a product of -0 comes out +0 in both). F64 keeps
 * the GEMM: the case that matters is F32 training.
 */
final class OuterProduct {
  private OuterProduct() {}

  private static final int L = S.length();
  /**
   * Output elements per task (whole rows, bounds from the shape alone), the elementwise kernels'
   * chunk: with 64 rows per task whatever their length, a batch-1 MLP step on two threads split
   * its [256, 128] and [128, 10] weight gradients too, and took 0.15-0.17 ms against 0.10 on one
   * thread; now 0.10-0.13.
   */
  private static final int TASK_ELEMENTS = ReduceKernels.CHUNK;

  /** {@code c = a b}, or {@code c += a b} with {@code accumulate} (each element {@code fma(a, b, c)}). */
  static void multiply(float[] a, Gemm.Operand left, float[] b, Gemm.Operand right, float[] c, int c0,
      int batches, int m, int n, boolean accumulate) {
    float[] rows = new float[batches * n]; // each batch's row of b, contiguous
    for (int s = 0; s < batches; s++) {
      for (int j = 0; j < n; j++) {
        rows[s * n + j] = b[right.offset() + s * right.batchStride() + j * right.colStride()];
      }
    }
    int rowsPerTask = Math.max(1, TASK_ELEMENTS / n);
    int tasksPerBatch = (m + rowsPerTask - 1) / rowsPerTask;
    Parallel.forRange(batches * tasksPerBatch, t -> {
      int s = t / tasksPerBatch;
      int first = t % tasksPerBatch * rowsPerTask;
      for (int i = first; i < Math.min(m, first + rowsPerTask); i++) {
        FloatVector av = FloatVector.broadcast(S, a[left.offset() + s * left.batchStride() + i * left.rowStride()]);
        int row = c0 + (s * m + i) * n;
        if (accumulate) {
          addRow(av, rows, s * n, c, row, n);
        } else {
          writeRow(av, rows, s * n, c, row, n);
        }
      }
    });
  }

  /**
   * {@code c[co + j] = fma(a, b[bo + j], 0)} for {@code j < n}. The two row loops are methods of
   * their own so that each is compiled for its own case: with one loop testing the flag, a JVM
   * that had run only writes recompiled it after the first accumulation into code 5x slower (155
   * against 29 us for a [784, 256] weight gradient at batch 1).
   */
  private static void writeRow(FloatVector a, float[] b, int bo, float[] c, int co, int n) {
    FloatVector zero = FloatVector.zero(S);
    int j = 0;
    for (; j + L <= n; j += L) {
      a.fma(FloatVector.fromArray(S, b, bo + j), zero).intoArray(c, co + j);
    }
    if (j < n) {
      VectorMask<Float> rest = S.indexInRange(j, n);
      a.fma(FloatVector.fromArray(S, b, bo + j, rest), zero).intoArray(c, co + j, rest);
    }
  }

  /** {@code c[co + j] = fma(a, b[bo + j], c[co + j])} for {@code j < n}. */
  private static void addRow(FloatVector a, float[] b, int bo, float[] c, int co, int n) {
    int j = 0;
    for (; j + L <= n; j += L) {
      a.fma(FloatVector.fromArray(S, b, bo + j), FloatVector.fromArray(S, c, co + j)).intoArray(c, co + j);
    }
    if (j < n) {
      VectorMask<Float> rest = S.indexInRange(j, n);
      a.fma(FloatVector.fromArray(S, b, bo + j, rest), FloatVector.fromArray(S, c, co + j, rest)).intoArray(c, co + j, rest);
    }
  }
}
