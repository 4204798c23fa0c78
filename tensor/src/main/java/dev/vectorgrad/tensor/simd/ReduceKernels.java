package dev.vectorgrad.tensor.simd;

import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.ops.ReduceOp;
import dev.vectorgrad.tensor.spi.Parallel;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Floating reductions of a {@code [outer, inner]} view along its inner axis, split into work whose
 * boundaries depend only on the shape, so results are bit-identical for any thread count.
 *
 * <p><b>Rows</b> (the general case): each row is cut into pieces of {@link #CHUNK} elements; a
 * piece is reduced by one vector kernel call (gathered into scratch first when the row is
 * strided), and piece results are combined in piece order. Rows shorter than a chunk are grouped
 * into tasks of about a chunk of elements; longer rows give one task per piece. A row gives the
 * same result whatever its stride.
 *
 * <p><b>Columns</b>: when rows are adjacent in memory (row stride 1) and the reduced axis is
 * strided, as in a sum over the batch axis of {@code [batch, features]}, vectors run across rows
 * and each output accumulates its elements in order; tasks are groups of rows.
 */
final class ReduceKernels {
  private ReduceKernels() {}

  /** Elements per parallel task; fixed, so partial results never depend on the thread count. */
  static final int CHUNK = 1 << 16;
  /** Rows per column task at most: their double accumulators stay within L1. */
  private static final int MAX_COLUMN_ROWS = 2048;

  /**
   * Whether element {@code v} at {@code i} replaces the current best {@code (best, at)}: the first
   * NaN wins, then strictly larger (smaller) values, then equal values at a lower index (lanes and
   * blocks may be visited out of index order).
   */
  static boolean beats(boolean max, double v, int i, double best, int at) {
    if (Double.isNaN(best)) {
      return Double.isNaN(v) && i < at;
    }
    if (Double.isNaN(v)) {
      return true;
    }
    if (v == best) {
      return i < at;
    }
    return max ? v > best : v < best;
  }

  static void reduce(ReduceOp op, NdArray x, NdArray out) {
    int outer = x.size(0);
    int inner = x.size(1);
    Object data = Source.array(x);
    Object result = Source.array(out);
    if (outer == 0) {
      return;
    }
    if (inner == 0) { // only sums and products reach here; sums are already zero
      if (op == ReduceOp.PROD) {
        fill(result, 1);
      }
      return;
    }
    int lanes = data instanceof float[] ? WideMath.HALF.length() : WideMath.D.length();
    boolean arg = op == ReduceOp.ARGMAX || op == ReduceOp.ARGMIN;
    if (!arg && inner > 1 && x.stride(1) != 1 && x.stride(0) == 1 && outer >= lanes) {
      columns(op, data, x.offset(), x.stride(1), outer, inner, result, lanes);
    } else {
      rows(op, data, x.offset(), x.stride(0), x.stride(1), outer, inner, result);
    }
  }

  private static void rows(ReduceOp op, Object data, int offset, int rowStride, int stride,
      int outer, int inner, Object result) {
    int pieces = (inner + CHUNK - 1) / CHUNK;
    BlockReducer reducer = reducer(op, data instanceof float[]);
    if (pieces == 1) {
      int rowsPerTask = Math.max(1, CHUNK / inner);
      Parallel.forRange((outer + rowsPerTask - 1) / rowsPerTask, t -> {
        double[] value = new double[1];
        int[] index = new int[1];
        @Nullable Object scratch = stride == 1 ? null : newScratch(data, inner);
        for (int r = t * rowsPerTask; r < Math.min(outer, (t + 1) * rowsPerTask); r++) {
          piece(op, reducer, data, offset + r * rowStride, stride, 0, inner, scratch, value, index, 0);
          store(op, result, r, value[0], index[0]);
        }
      });
      return;
    }
    double[] values = new double[outer * pieces];
    int[] indices = new int[outer * pieces];
    Parallel.forRange(outer * pieces, t -> {
      int from = (t % pieces) * CHUNK;
      int length = Math.min(CHUNK, inner - from);
      @Nullable Object scratch = stride == 1 ? null : newScratch(data, length);
      int rowBase = offset + (t / pieces) * rowStride;
      piece(op, reducer, data, rowBase, stride, from, length, scratch, values, indices, t);
    });
    for (int r = 0; r < outer; r++) {
      double value = values[r * pieces];
      int index = indices[r * pieces];
      for (int p = 1; p < pieces; p++) {
        int t = r * pieces + p;
        switch (op) {
          case SUM: value += values[t]; break;
          case PROD: value *= values[t]; break;
          case MAX: value = Math.max(value, values[t]); break;
          case MIN: value = Math.min(value, values[t]); break;
          case ARGMAX:
          case ARGMIN:
            if (beats(op == ReduceOp.ARGMAX, values[t], indices[t], value, index)) {
              value = values[t];
              index = indices[t];
            }
            break;
        }
      }
      store(op, result, r, value, index);
    }
  }

  /**
   * One contiguous block reduced to a value (sum, product, max, min) or, for the arg ops, to the
   * index of its best element. Chosen once per call and invoked through this interface: with every
   * kernel inlined into one method C2 ran out of inlining budget and boxed the vectors (argmax
   * measured 8x slower once the other reductions had run).
   */
  private interface BlockReducer {
    double apply(Object block, int o, int n);
  }

  private static BlockReducer reducer(ReduceOp op, boolean f32) {
    boolean max = op == ReduceOp.MAX || op == ReduceOp.ARGMAX;
    switch (op) {
      case SUM:
        return f32 ? (b, o, n) -> FloatReductions.sum((float[]) b, o, n)
            : (b, o, n) -> DoubleReductions.sum((double[]) b, o, n);
      case PROD:
        return f32 ? (b, o, n) -> FloatReductions.prod((float[]) b, o, n)
            : (b, o, n) -> DoubleReductions.prod((double[]) b, o, n);
      case MAX:
      case MIN:
        return f32 ? (b, o, n) -> FloatReductions.extreme(max, (float[]) b, o, n)
            : (b, o, n) -> DoubleReductions.extreme(max, (double[]) b, o, n);
      case ARGMAX:
      case ARGMIN:
        return f32 ? (b, o, n) -> FloatReductions.arg(max, (float[]) b, o, n)
            : (b, o, n) -> DoubleReductions.arg(max, (double[]) b, o, n);
    }
    throw new AssertionError(op);
  }

  /**
   * Reduces elements {@code [from, from + length)} of the row at {@code rowBase} with one kernel
   * call into {@code values[slot]} (and, for arg ops, the element's row index into {@code
   * indices[slot]}); a strided piece is gathered into {@code scratch} first, so the kernel sees
   * the same contiguous elements either way.
   */
  private static void piece(ReduceOp op, BlockReducer reducer, Object data, int rowBase, int stride,
      int from, int length, @Nullable Object scratch, double[] values, int[] indices, int slot) {
    Object block = data;
    int o = rowBase + from * stride;
    if (stride != 1 && scratch != null) {
      gather(data, o, stride, length, scratch);
      block = scratch;
      o = 0;
    }
    double result = reducer.apply(block, o, length);
    if (op == ReduceOp.ARGMAX || op == ReduceOp.ARGMIN) {
      int k = (int) result;
      values[slot] = block instanceof float[] ? ((float[]) block)[o + k] : ((double[]) block)[o + k];
      indices[slot] = from + k;
    } else {
      values[slot] = result;
    }
  }

  private static void columns(ReduceOp op, Object data, int offset, int stride, int outer, int inner,
      Object result, int lanes) {
    int rowsPerTask = Math.max(lanes, Math.min(MAX_COLUMN_ROWS, CHUNK / inner) / lanes * lanes);
    Parallel.forRange((outer + rowsPerTask - 1) / rowsPerTask, t -> {
      int first = t * rowsPerTask;
      int rows = Math.min(rowsPerTask, outer - first);
      double[] acc = new double[rows];
      Arrays.fill(acc, op == ReduceOp.PROD ? 1 : op == ReduceOp.MAX ? Double.NEGATIVE_INFINITY
          : op == ReduceOp.MIN ? Double.POSITIVE_INFINITY : 0);
      if (data instanceof float[]) {
        FloatReductions.columns(op, (float[]) data, offset + first, stride, inner, acc, rows);
      } else {
        DoubleReductions.columns(op, (double[]) data, offset + first, stride, inner, acc, rows);
      }
      for (int r = 0; r < rows; r++) {
        store(op, result, first + r, acc[r], 0);
      }
    });
  }

  private static void store(ReduceOp op, Object result, int r, double value, int index) {
    if (op == ReduceOp.ARGMAX || op == ReduceOp.ARGMIN) {
      ((long[]) result)[r] = index;
    } else if (result instanceof float[]) {
      ((float[]) result)[r] = (float) value;
    } else {
      ((double[]) result)[r] = value;
    }
  }

  private static void fill(Object result, double value) {
    if (result instanceof float[]) {
      Arrays.fill((float[]) result, (float) value);
    } else {
      Arrays.fill((double[]) result, value);
    }
  }

  private static Object newScratch(Object data, int length) {
    return data instanceof float[] ? new float[length] : new double[length];
  }

  private static void gather(Object data, int at, int stride, int n, Object scratch) {
    if (data instanceof float[]) {
      float[] src = (float[]) data;
      float[] dst = (float[]) scratch;
      for (int i = 0; i < n; i++, at += stride) {
        dst[i] = src[at];
      }
    } else {
      double[] src = (double[]) data;
      double[] dst = (double[]) scratch;
      for (int i = 0; i < n; i++, at += stride) {
        dst[i] = src[at];
      }
    }
  }
}
