package dev.vectorgrad.tensor.scalar;

import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.spi.HeapStorage;
import dev.vectorgrad.tensor.spi.Parallel;

/**
 * Gather and scatterAdd whose index picks along the last axis of a contiguous base, row for row
 * (pooling indices, class labels): row {@code r} of the index addresses row {@code r} of the base
 * only, so the rows run in parallel blocks without a walker, tasks write disjoint rows, and each
 * row is summed in index order whatever the thread count (max pooling's gather and its gradient's
 * scatter were most of a CNN step's serial time otherwise).
 */
final class RowwiseIndexing {
  /** Index entries per parallel task. */
  private static final int TASK = 1 << 14;

  private RowwiseIndexing() {}

  /** Whether the op fits: {@code index} and {@code other} contiguous too, with the base's leading sizes. */
  static boolean applies(NdArray base, int axis, NdArray index, NdArray other) {
    if (axis != base.rank() - 1 || index.size(axis) == 0 || !base.isContiguous() || !index.isContiguous()
        || !other.isContiguous()) {
      return false;
    }
    for (int d = 0; d < axis; d++) {
      if (index.size(d) != base.size(d)) {
        return false;
      }
    }
    return true;
  }

  static void gather(NdArray x, NdArray index, NdArray out) {
    HeapStorage in = (HeapStorage) x.storage();
    HeapStorage indices = (HeapStorage) index.storage();
    HeapStorage result = (HeapStorage) out.storage();
    int axis = index.rank() - 1;
    int length = index.size(axis);
    int size = x.size(axis);
    forEachRowBlock(index, (first, last) -> {
      for (int r = first; r < last; r++) {
        int row = x.offset() + r * size;
        for (int i = r * length, end = i + length; i < end; i++) {
          long at = indices.getLong(index.offset() + i);
          result.set(out.offset() + i, in.get(row + ScalarBackend.checkedIndex("gather", at, size, axis)));
        }
      }
    });
  }

  /**
   * In a typed loop per dtype (indices come as I64, {@code src} in the target's dtype, F32 or F64
   * here), not through the storage interface: with calls to several receiver classes at one site,
   * the fused convolution's scatter written that way was compiled late in about one run in three
   * (BENCHMARKS.md, training steps). This one, the pooling gradient, is about 3 % of a CNN step.
   */
  static void scatterAdd(NdArray target, NdArray index, NdArray src) {
    int axis = index.rank() - 1;
    int length = index.size(axis);
    int size = target.size(axis);
    long[] at = ((HeapStorage.Longs) index.storage()).array();
    int a0 = index.offset();
    int t0 = target.offset();
    int s0 = src.offset();
    if (target.storage() instanceof HeapStorage.Floats t) {
      float[] sums = t.array();
      float[] values = ((HeapStorage.Floats) src.storage()).array();
      forEachRowBlock(index, (first, last) -> {
        for (int r = first; r < last; r++) {
          for (int i = r * length, end = i + length; i < end; i++) {
            int column = ScalarBackend.checkedIndex("scatterAdd", at[a0 + i], size, axis);
            sums[t0 + r * size + column] += values[s0 + i];
          }
        }
      });
    } else {
      double[] sums = ((HeapStorage.Doubles) target.storage()).array();
      double[] values = ((HeapStorage.Doubles) src.storage()).array();
      forEachRowBlock(index, (first, last) -> {
        for (int r = first; r < last; r++) {
          for (int i = r * length, end = i + length; i < end; i++) {
            int column = ScalarBackend.checkedIndex("scatterAdd", at[a0 + i], size, axis);
            sums[t0 + r * size + column] += values[s0 + i];
          }
        }
      });
    }
  }

  /** Rows {@code [first, last)} of the index. */
  private interface RowBlock {
    void run(int first, int last);
  }

  private static void forEachRowBlock(NdArray index, RowBlock block) {
    int length = index.size(index.rank() - 1);
    int rows = index.numel() / length;
    int rowsPerTask = Math.max(1, TASK / length);
    Parallel.forRange((rows + rowsPerTask - 1) / rowsPerTask,
        t -> block.run(t * rowsPerTask, Math.min(rows, t * rowsPerTask + rowsPerTask)));
  }
}
