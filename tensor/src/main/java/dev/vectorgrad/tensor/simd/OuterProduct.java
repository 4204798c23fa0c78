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
  /** Output rows per task: a fixed count, so task bounds depend only on the shape. */
  private static final int ROWS = 64;

  static void multiply(float[] a, Gemm.Operand left, float[] b, Gemm.Operand right, float[] c, int c0,
      int batches, int m, int n) {
    float[] rows = new float[batches * n]; // each batch's row of b, contiguous
    for (int s = 0; s < batches; s++) {
      for (int j = 0; j < n; j++) {
        rows[s * n + j] = b[right.offset() + s * right.batchStride() + j * right.colStride()];
      }
    }
    int tasksPerBatch = (m + ROWS - 1) / ROWS;
    FloatVector zero = FloatVector.zero(S);
    Parallel.forRange(batches * tasksPerBatch, t -> {
      int s = t / tasksPerBatch;
      int first = t % tasksPerBatch * ROWS;
      for (int i = first; i < Math.min(m, first + ROWS); i++) {
        float ai = a[left.offset() + s * left.batchStride() + i * left.rowStride()];
        FloatVector av = FloatVector.broadcast(S, ai);
        int row = c0 + (s * m + i) * n;
        int j = 0;
        for (; j + L <= n; j += L) {
          av.fma(FloatVector.fromArray(S, rows, s * n + j), zero).intoArray(c, row + j);
        }
        if (j < n) {
          VectorMask<Float> rest = S.indexInRange(j, n);
          av.fma(FloatVector.fromArray(S, rows, s * n + j, rest), zero).intoArray(c, row + j, rest);
        }
      }
    });
  }
}
