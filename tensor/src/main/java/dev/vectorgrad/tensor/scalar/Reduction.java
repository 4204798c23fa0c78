package dev.vectorgrad.tensor.scalar;

import dev.vectorgrad.tensor.ops.ReduceOp;
import dev.vectorgrad.tensor.spi.HeapStorage;

/** One row of a reduction: {@code n} elements of {@code data} from {@code start}, {@code stride} apart. */
final class Reduction {
  private Reduction() {}

  static double ofDoubles(ReduceOp op, HeapStorage data, int start, int stride, int n) {
    switch (op) {
      case SUM: {
        double sum = 0;
        for (int i = 0; i < n; i++) {
          sum += data.get(start + i * stride);
        }
        return sum;
      }
      case PROD: {
        double prod = 1;
        for (int i = 0; i < n; i++) {
          prod *= data.get(start + i * stride);
        }
        return prod;
      }
      case MAX:
      case MIN: {
        double best = data.get(start);
        for (int i = 1; i < n; i++) {
          double v = data.get(start + i * stride);
          best = op == ReduceOp.MAX ? Math.max(best, v) : Math.min(best, v);
        }
        return best;
      }
      case ARGMAX:
      case ARGMIN: {
        int best = 0;
        double bestValue = data.get(start);
        for (int i = 1; i < n && !Double.isNaN(bestValue); i++) {
          double v = data.get(start + i * stride);
          if (Double.isNaN(v) || (op == ReduceOp.ARGMAX ? v > bestValue : v < bestValue)) {
            best = i;
            bestValue = v;
          }
        }
        return best;
      }
    }
    throw new AssertionError(op);
  }

  static long ofLongs(ReduceOp op, HeapStorage data, int start, int stride, int n) {
    switch (op) {
      case SUM:
      case PROD: {
        long acc = op == ReduceOp.SUM ? 0 : 1;
        for (int i = 0; i < n; i++) {
          long v = data.getLong(start + i * stride);
          acc = op == ReduceOp.SUM ? acc + v : acc * v;
        }
        return acc;
      }
      case MAX:
      case MIN:
      case ARGMAX:
      case ARGMIN: {
        int best = 0;
        long bestValue = data.getLong(start);
        boolean wantsMax = op == ReduceOp.MAX || op == ReduceOp.ARGMAX;
        for (int i = 1; i < n; i++) {
          long v = data.getLong(start + i * stride);
          if (wantsMax ? v > bestValue : v < bestValue) {
            best = i;
            bestValue = v;
          }
        }
        return op == ReduceOp.MAX || op == ReduceOp.MIN ? bestValue : best;
      }
    }
    throw new AssertionError(op);
  }
}
