package dev.vectorgrad.tensor.spi;

import dev.vectorgrad.tensor.NdArray;

/**
 * Host kernels over the rows of a contiguous {@code [rows, n]} array, in double precision: the
 * reference the scalar backend uses and the default of {@link Backend#softmax}. Rows are split into
 * {@link Parallel} tasks of a fixed number of rows, and each row is computed by one task in index
 * order, so results do not depend on the thread count.
 */
public final class RowKernels {
  private RowKernels() {}

  /** Elements per parallel task, about; rows are never split. */
  private static final int CHUNK = 1 << 16;

  /**
   * Softmax or log-softmax along the last axis of a contiguous {@code x} {@code [rows, n]} into a
   * contiguous {@code out} of the same shape: {@code e = exp(x - shift)} with {@code shift} the row's
   * maximum when finite and 0 otherwise, then {@code e / sum(e)} or {@code (x - shift) - log(sum(e))}.
   */
  public static void softmax(NdArray x, boolean log, NdArray out) {
    int rows = x.size(0);
    int n = x.size(1);
    if (rows == 0 || n == 0) {
      return;
    }
    HeapStorage in = (HeapStorage) x.storage();
    HeapStorage result = (HeapStorage) out.storage();
    int xo = x.offset();
    int yo = out.offset();
    int rowsPerTask = Math.max(1, CHUNK / n);
    Parallel.forRange((rows + rowsPerTask - 1) / rowsPerTask, t -> {
      double[] e = new double[n];
      int end = Math.min(rows, (t + 1) * rowsPerTask);
      for (int r = t * rowsPerTask; r < end; r++) {
        int xr = xo + r * n;
        int yr = yo + r * n;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
          double v = in.get(xr + i);
          if (v > max) { // NaN never compares greater; it makes the sum NaN below
            max = v;
          }
        }
        double shift = Math.abs(max) < Double.POSITIVE_INFINITY ? max : 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
          e[i] = Math.exp(in.get(xr + i) - shift);
          sum += e[i];
        }
        if (log) {
          double logSum = Math.log(sum);
          for (int i = 0; i < n; i++) {
            result.set(yr + i, (in.get(xr + i) - shift) - logSum);
          }
        } else {
          for (int i = 0; i < n; i++) {
            result.set(yr + i, e[i] / sum);
          }
        }
      }
    });
  }
}
