package dev.vectorgrad.tensor.simd;

import static dev.vectorgrad.tensor.simd.WideMath.D;

import dev.vectorgrad.tensor.ops.ReduceOp;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * F64 reduction kernels over one contiguous block {@code a[o .. o + n)}, like {@link
 * FloatReductions}: four vector accumulators, lanes combined in lane order, a scalar tail.
 */
final class DoubleReductions {
  private DoubleReductions() {}

  private static final int L = D.length();

  static double sum(double[] a, int o, int n) {
    DoubleVector acc0 = DoubleVector.zero(D);
    DoubleVector acc1 = DoubleVector.zero(D);
    DoubleVector acc2 = DoubleVector.zero(D);
    DoubleVector acc3 = DoubleVector.zero(D);
    int bound = n - n % (4 * L);
    for (int i = 0; i < bound; i += 4 * L) {
      acc0 = acc0.add(DoubleVector.fromArray(D, a, o + i));
      acc1 = acc1.add(DoubleVector.fromArray(D, a, o + i + L));
      acc2 = acc2.add(DoubleVector.fromArray(D, a, o + i + 2 * L));
      acc3 = acc3.add(DoubleVector.fromArray(D, a, o + i + 3 * L));
    }
    double sum = 0;
    for (double lane : acc0.add(acc1).add(acc2.add(acc3)).toArray()) {
      sum += lane;
    }
    for (int i = bound; i < n; i++) {
      sum += a[o + i];
    }
    return sum;
  }

  static double prod(double[] a, int o, int n) {
    DoubleVector acc0 = DoubleVector.broadcast(D, 1.0);
    DoubleVector acc1 = DoubleVector.broadcast(D, 1.0);
    int bound = n - n % (2 * L);
    for (int i = 0; i < bound; i += 2 * L) {
      acc0 = acc0.mul(DoubleVector.fromArray(D, a, o + i));
      acc1 = acc1.mul(DoubleVector.fromArray(D, a, o + i + L));
    }
    double prod = 1;
    for (double lane : acc0.mul(acc1).toArray()) {
      prod *= lane;
    }
    for (int i = bound; i < n; i++) {
      prod *= a[o + i];
    }
    return prod;
  }

  static double extreme(boolean max, double[] a, int o, int n) {
    double identity = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    DoubleVector acc0 = DoubleVector.broadcast(D, identity);
    DoubleVector acc1 = acc0;
    DoubleVector acc2 = acc0;
    DoubleVector acc3 = acc0;
    int bound = n - n % (4 * L);
    if (max) {
      for (int i = 0; i < bound; i += 4 * L) {
        acc0 = acc0.max(DoubleVector.fromArray(D, a, o + i));
        acc1 = acc1.max(DoubleVector.fromArray(D, a, o + i + L));
        acc2 = acc2.max(DoubleVector.fromArray(D, a, o + i + 2 * L));
        acc3 = acc3.max(DoubleVector.fromArray(D, a, o + i + 3 * L));
      }
      acc0 = acc0.max(acc1).max(acc2.max(acc3));
    } else {
      for (int i = 0; i < bound; i += 4 * L) {
        acc0 = acc0.min(DoubleVector.fromArray(D, a, o + i));
        acc1 = acc1.min(DoubleVector.fromArray(D, a, o + i + L));
        acc2 = acc2.min(DoubleVector.fromArray(D, a, o + i + 2 * L));
        acc3 = acc3.min(DoubleVector.fromArray(D, a, o + i + 3 * L));
      }
      acc0 = acc0.min(acc1).min(acc2.min(acc3));
    }
    double best = identity;
    for (double lane : acc0.toArray()) {
      best = max ? Math.max(best, lane) : Math.min(best, lane);
    }
    for (int i = bound; i < n; i++) {
      best = max ? Math.max(best, a[o + i]) : Math.min(best, a[o + i]);
    }
    return best;
  }

  /** As {@link FloatReductions#arg}; lane indices are kept as doubles, exact below 2^53. */
  static int arg(boolean max, double[] a, int o, int n) {
    int bound = D.loopBound(n);
    int bestIndex = 0;
    if (bound > 0) {
      DoubleVector best = DoubleVector.fromArray(D, a, o);
      DoubleVector where = DoubleVector.zero(D).addIndex(1);
      if (max) { // two loops with constant comparisons, as in FloatReductions.arg
        for (int i = L; i < bound; i += L) {
          DoubleVector v = DoubleVector.fromArray(D, a, o + i);
          VectorMask<Double> better = best.lt(v).or(v.test(VectorOperators.IS_NAN).andNot(best.test(VectorOperators.IS_NAN)));
          best = best.blend(v, better);
          where = where.blend(DoubleVector.zero(D).addIndex(1).add(i), better);
        }
      } else {
        for (int i = L; i < bound; i += L) {
          DoubleVector v = DoubleVector.fromArray(D, a, o + i);
          VectorMask<Double> better = v.lt(best).or(v.test(VectorOperators.IS_NAN).andNot(best.test(VectorOperators.IS_NAN)));
          best = best.blend(v, better);
          where = where.blend(DoubleVector.zero(D).addIndex(1).add(i), better);
        }
      }
      double[] values = best.toArray();
      double[] indices = where.toArray();
      bestIndex = (int) indices[0];
      for (int k = 1; k < L; k++) {
        if (ReduceKernels.beats(max, values[k], (int) indices[k], a[o + bestIndex], bestIndex)) {
          bestIndex = (int) indices[k];
        }
      }
    }
    for (int i = Math.max(bound, 1); i < n; i++) {
      if (ReduceKernels.beats(max, a[o + i], i, a[o + bestIndex], bestIndex)) {
        bestIndex = i;
      }
    }
    return bestIndex;
  }

  /** Column reductions, as {@link FloatReductions#columns}. */
  static void columns(ReduceOp op, double[] x, int o, int stride, int inner, double[] acc, int rows) {
    int bound = rows - rows % L;
    for (int i = 0; i < inner; i++) {
      int base = o + i * stride;
      switch (op) {
        case SUM:
          for (int r = 0; r < bound; r += L) {
            DoubleVector.fromArray(D, acc, r).add(DoubleVector.fromArray(D, x, base + r)).intoArray(acc, r);
          }
          for (int r = bound; r < rows; r++) {
            acc[r] += x[base + r];
          }
          break;
        case PROD:
          for (int r = 0; r < bound; r += L) {
            DoubleVector.fromArray(D, acc, r).mul(DoubleVector.fromArray(D, x, base + r)).intoArray(acc, r);
          }
          for (int r = bound; r < rows; r++) {
            acc[r] *= x[base + r];
          }
          break;
        case MAX:
          for (int r = 0; r < bound; r += L) {
            DoubleVector.fromArray(D, acc, r).max(DoubleVector.fromArray(D, x, base + r)).intoArray(acc, r);
          }
          for (int r = bound; r < rows; r++) {
            acc[r] = Math.max(acc[r], x[base + r]);
          }
          break;
        case MIN:
          for (int r = 0; r < bound; r += L) {
            DoubleVector.fromArray(D, acc, r).min(DoubleVector.fromArray(D, x, base + r)).intoArray(acc, r);
          }
          for (int r = bound; r < rows; r++) {
            acc[r] = Math.min(acc[r], x[base + r]);
          }
          break;
        default:
          throw new AssertionError(op);
      }
    }
  }
}
