package dev.vectorgrad.tensor.scalar;

import dev.vectorgrad.tensor.IndexOutOfRangeException;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.ops.BinaryOp;
import dev.vectorgrad.tensor.ops.ReduceOp;
import dev.vectorgrad.tensor.ops.UnaryOp;
import dev.vectorgrad.tensor.spi.HeapStorage;
import dev.vectorgrad.tensor.spi.HostBackend;
import java.util.Arrays;

/**
 * The plain-Java reference backend: every kernel is the obvious loop, floating math in double,
 * integer math in long. Other backends are tested against it, and it is what runs where the Vector
 * API is absent (Android).
 */
public final class ScalarBackend implements HostBackend {
  @Override
  public String name() {
    return "scalar";
  }

  private static HeapStorage heap(NdArray x) {
    return (HeapStorage) x.storage();
  }

  @Override
  public void copy(NdArray src, NdArray dst) {
    HeapStorage in = heap(src);
    HeapStorage out = heap(dst);
    boolean exactIntegers = !src.dtype().isFloating() && !dst.dtype().isFloating();
    OffsetWalker w = OffsetWalker.over(src, dst);
    for (int i = 0; i < dst.numel(); i++, w.next()) {
      if (exactIntegers) {
        out.setLong(w.offsets[1], in.getLong(w.offsets[0]));
      } else {
        out.set(w.offsets[1], in.get(w.offsets[0]));
      }
    }
  }

  @Override
  public void unary(UnaryOp op, NdArray x, NdArray out) {
    HeapStorage in = heap(x);
    HeapStorage result = heap(out);
    boolean floating = x.dtype().isFloating();
    OffsetWalker w = OffsetWalker.over(x, out);
    for (int i = 0; i < out.numel(); i++, w.next()) {
      if (floating) {
        result.set(w.offsets[1], ScalarMath.unary(op, in.get(w.offsets[0])));
      } else {
        result.setLong(w.offsets[1], ScalarMath.unary(op, in.getLong(w.offsets[0])));
      }
    }
  }

  @Override
  public void binary(BinaryOp op, NdArray a, NdArray b, NdArray out) {
    HeapStorage left = heap(a);
    HeapStorage right = heap(b);
    HeapStorage result = heap(out);
    boolean floating = a.dtype().isFloating();
    OffsetWalker w = OffsetWalker.over(a, b, out);
    for (int i = 0; i < out.numel(); i++, w.next()) {
      int[] o = w.offsets;
      if (floating) {
        result.set(o[2], ScalarMath.binary(op, left.get(o[0]), right.get(o[1])));
      } else {
        result.setLong(o[2], ScalarMath.binary(op, left.getLong(o[0]), right.getLong(o[1])));
      }
    }
  }

  @Override
  public void where(NdArray cond, NdArray a, NdArray b, NdArray out) {
    HeapStorage mask = heap(cond);
    HeapStorage left = heap(a);
    HeapStorage right = heap(b);
    HeapStorage result = heap(out);
    boolean floating = a.dtype().isFloating();
    OffsetWalker w = OffsetWalker.over(cond, a, b, out);
    for (int i = 0; i < out.numel(); i++, w.next()) {
      int[] o = w.offsets;
      HeapStorage chosen = mask.getLong(o[0]) != 0 ? left : right;
      int at = chosen == left ? o[1] : o[2];
      if (floating) {
        result.set(o[3], chosen.get(at));
      } else {
        result.setLong(o[3], chosen.getLong(at));
      }
    }
  }

  @Override
  public void reduce(ReduceOp op, NdArray x, NdArray out) {
    HeapStorage in = heap(x);
    HeapStorage result = heap(out);
    int outer = x.size(0);
    int inner = x.size(1);
    int rowStride = x.stride(0);
    int colStride = x.stride(1);
    for (int r = 0; r < outer; r++) {
      int base = x.offset() + r * rowStride;
      if (x.dtype().isFloating()) {
        result.set(r, Reduction.ofDoubles(op, in, base, colStride, inner));
      } else {
        result.setLong(r, Reduction.ofLongs(op, in, base, colStride, inner));
      }
    }
  }

  /**
   * Per batch, packs both operands into row-major double arrays (any strides, broadcast batches
   * included) and accumulates rows {@code c[i,:] += a[i,k] * b[k,:]}: plain loops over arrays that
   * the JIT vectorizes, with double accumulation as a reference should have.
   */
  @Override
  public void matmul(NdArray a, NdArray b, NdArray out) {
    HeapStorage result = heap(out);
    int m = out.size(1);
    int n = out.size(2);
    int k = a.size(2);
    double[] left = new double[m * k];
    double[] right = new double[k * n];
    double[] row = new double[n];
    for (int p = 0; p < out.size(0); p++) {
      pack(a.select(0, p), left);
      pack(b.select(0, p), right);
      for (int i = 0; i < m; i++) {
        Arrays.fill(row, 0);
        for (int q = 0; q < k; q++) {
          double aiq = left[i * k + q];
          int base = q * n;
          for (int j = 0; j < n; j++) {
            row[j] += aiq * right[base + j];
          }
        }
        for (int j = 0; j < n; j++) {
          result.set((p * m + i) * n + j, row[j]);
        }
      }
    }
  }

  /**
   * Copies a matrix view into {@code packed} in row-major order; float and double storage are read
   * straight from their arrays, since this copy runs once per product and must stay cheap.
   */
  private static void pack(NdArray matrix, double[] packed) {
    int rows = matrix.size(0);
    int cols = matrix.size(1);
    int rowStride = matrix.stride(0);
    int colStride = matrix.stride(1);
    int offset = matrix.offset();
    if (matrix.storage() instanceof HeapStorage.Floats) {
      float[] data = ((HeapStorage.Floats) matrix.storage()).array();
      for (int i = 0; i < rows; i++) {
        for (int j = 0, at = offset + i * rowStride; j < cols; j++, at += colStride) {
          packed[i * cols + j] = data[at];
        }
      }
    } else if (matrix.storage() instanceof HeapStorage.Doubles) {
      double[] data = ((HeapStorage.Doubles) matrix.storage()).array();
      for (int i = 0; i < rows; i++) {
        for (int j = 0, at = offset + i * rowStride; j < cols; j++, at += colStride) {
          packed[i * cols + j] = data[at];
        }
      }
    } else {
      throw new AssertionError("matmul of " + matrix.dtype());
    }
  }

  /**
   * Walks {@code index} and {@code other} together with a third view: {@code base} seen with
   * index's shape and the stride of {@code axis} zeroed, so its offset plus {@code i * stride}
   * addresses entry {@code i} along the axis.
   */
  private static OffsetWalker withAxisFree(NdArray index, NdArray other, NdArray base, int axis) {
    int[] baseStrides = base.strides();
    baseStrides[axis] = 0;
    return new OffsetWalker(
        index.shape().toArray(),
        new int[][] {index.strides(), other.strides(), baseStrides},
        new int[] {index.offset(), other.offset(), base.offset()});
  }

  static int checkedIndex(String op, long i, int size, int axis) {
    if (i < -size || i >= size) {
      throw new IndexOutOfRangeException(
          op + ": index " + i + " is out of bounds for axis " + axis + " with size " + size);
    }
    return (int) (i < 0 ? i + size : i);
  }

  @Override
  public void gather(NdArray x, int axis, NdArray index, NdArray out) {
    HeapStorage in = heap(x);
    HeapStorage indices = heap(index);
    HeapStorage result = heap(out);
    boolean floating = x.dtype().isFloating();
    if (floating && RowwiseIndexing.applies(x, axis, index, out)) {
      RowwiseIndexing.gather(x, index, out);
      return;
    }
    int stride = x.stride(axis);
    OffsetWalker w = withAxisFree(index, out, x, axis);
    for (int i = 0; i < out.numel(); i++, w.next()) {
      int[] o = w.offsets;
      int at = o[2] + stride * checkedIndex("gather", indices.getLong(o[0]), x.size(axis), axis);
      if (floating) {
        result.set(o[1], in.get(at));
      } else {
        result.setLong(o[1], in.getLong(at));
      }
    }
  }

  @Override
  public void scatterAdd(NdArray target, int axis, NdArray index, NdArray src) {
    HeapStorage result = heap(target);
    HeapStorage indices = heap(index);
    HeapStorage values = heap(src);
    boolean floating = target.dtype().isFloating();
    if (floating && RowwiseIndexing.applies(target, axis, index, src)) {
      RowwiseIndexing.scatterAdd(target, index, src);
      return;
    }
    int stride = target.stride(axis);
    OffsetWalker w = withAxisFree(index, src, target, axis);
    for (int i = 0; i < index.numel(); i++, w.next()) {
      int[] o = w.offsets;
      int at = o[2] + stride * checkedIndex("scatterAdd", indices.getLong(o[0]), target.size(axis), axis);
      if (floating) {
        result.set(at, result.get(at) + values.get(o[1]));
      } else {
        result.setLong(at, result.getLong(at) + values.getLong(o[1]));
      }
    }
  }
}
