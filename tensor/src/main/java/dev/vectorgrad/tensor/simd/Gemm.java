package dev.vectorgrad.tensor.simd;

import dev.vectorgrad.tensor.DTypeMismatchException;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.spi.HeapStorage;

/**
 * The simd backend's matrix product: {@code out[b] = a[b] · b[b]}, {@code [B, M, K] x [B, K, N] ->
 * [B, M, N]}, for F32 (SGEMM) and F64 (DGEMM).
 *
 * <p>{@code a} and {@code b} are strided views of one floating dtype (a transposed operand simply
 * has a row stride of 1, a broadcast batch a batch stride of 0); {@code out} is contiguous, and
 * fresh and zero for {@link #matmul}. A product with one output row or column (batch-1 inference,
 * matrix-vector) goes to {@link Gemv}, which streams the matrix once; an F32 product of depth one (a
 * batch-1 weight gradient) to {@link OuterProduct}; everything else goes through the packed,
 * cache-blocked kernels ({@link GemmDriver}, {@link SgemmKernel}, {@link DgemmKernel}).
 *
 * <p>Work is split over {@link dev.vectorgrad.tensor.spi.Parallel} into tasks whose bounds depend
 * only on the shape, and each output element is summed over k in one fixed order, so results are
 * bit-identical for any thread count.
 */
public final class Gemm {
  private Gemm() {}

  /** Element {@code (batch, row, col)} of a 3-d view is {@code offset + batch * batchStride + ...}. */
  record Operand(int offset, int batchStride, int rowStride, int colStride) {
    static Operand of(NdArray x) {
      return new Operand(x.offset(), x.size(0) == 1 ? 0 : x.stride(0), x.stride(1), x.stride(2));
    }
  }

  /** {@code out[b, i, j] = sum over p of a[b, i, p] * b[b, p, j]}. */
  public static void matmul(NdArray a, NdArray b, NdArray out) {
    multiply(a, b, out, false);
  }

  /**
   * {@code out[b, i, j] += sum over p of a[b, i, p] * b[b, p, j]}, {@code out} contiguous: the packed
   * kernels load C and continue from it anyway, and products of depth one add to it. Returns false
   * for a matrix-vector product, whose kernels write their result.
   */
  public static boolean accumulate(NdArray a, NdArray b, NdArray out) {
    if (out.size(1) == 1 || out.size(2) == 1) {
      return false;
    }
    multiply(a, b, out, true);
    return true;
  }

  private static void multiply(NdArray a, NdArray b, NdArray out, boolean accumulate) {
    int batches = out.size(0);
    int m = out.size(1);
    int n = out.size(2);
    int k = a.size(2);
    if (batches == 0 || m == 0 || n == 0 || k == 0) {
      return; // nothing to add: out is already the result
    }
    Operand left = Operand.of(a);
    Operand right = Operand.of(b);
    int c0 = out.offset();
    if (out.storage() instanceof HeapStorage.Floats) {
      float[] x = ((HeapStorage.Floats) operand(a, out)).array();
      float[] y = ((HeapStorage.Floats) operand(b, out)).array();
      float[] c = ((HeapStorage.Floats) out.storage()).array();
      if (m == 1) {
        Gemv.multiply(x, left.offset(), left.batchStride(), left.colStride(),
            y, right.offset(), right.batchStride(), right.rowStride(), right.colStride(), c, c0, batches, k, n);
      } else if (n == 1) {
        Gemv.multiply(y, right.offset(), right.batchStride(), right.rowStride(),
            x, left.offset(), left.batchStride(), left.colStride(), left.rowStride(), c, c0, batches, k, m);
      } else if (k == 1) {
        OuterProduct.multiply(x, left, y, right, c, c0, batches, m, n, accumulate);
      } else {
        new SgemmKernel(x, left, y, right, c, c0, batches, m, n, k).run();
      }
    } else if (out.storage() instanceof HeapStorage.Doubles) {
      double[] x = ((HeapStorage.Doubles) operand(a, out)).array();
      double[] y = ((HeapStorage.Doubles) operand(b, out)).array();
      double[] c = ((HeapStorage.Doubles) out.storage()).array();
      if (m == 1) {
        Gemv.multiply(x, left.offset(), left.batchStride(), left.colStride(),
            y, right.offset(), right.batchStride(), right.rowStride(), right.colStride(), c, c0, batches, k, n);
      } else if (n == 1) {
        Gemv.multiply(y, right.offset(), right.batchStride(), right.rowStride(),
            x, left.offset(), left.batchStride(), left.colStride(), left.rowStride(), c, c0, batches, k, m);
      } else {
        new DgemmKernel(x, left, y, right, c, c0, batches, m, n, k).run();
      }
    } else {
      throw new DTypeMismatchException("matmul: the simd GEMM takes F32 or F64, got " + out.dtype());
    }
  }

  /** The storage of an operand, checked to have out's dtype. */
  private static HeapStorage operand(NdArray x, NdArray out) {
    if (x.dtype() != out.dtype() || !(x.storage() instanceof HeapStorage)) {
      throw new DTypeMismatchException(
          "matmul: operands must be " + out.dtype() + " host arrays, got " + x.dtype() + " on " + x.device());
    }
    return (HeapStorage) x.storage();
  }
}
