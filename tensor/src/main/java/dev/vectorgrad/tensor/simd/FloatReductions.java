package dev.vectorgrad.tensor.simd;

import static dev.vectorgrad.tensor.simd.FloatMath.S;
import static dev.vectorgrad.tensor.simd.WideMath.D;
import static dev.vectorgrad.tensor.simd.WideMath.HALF;

import dev.vectorgrad.tensor.ops.ReduceOp;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * F32 reduction kernels over one contiguous block {@code a[o .. o + n)}. Sums round in float only
 * within groups of 16 elements per lane and accumulate in double lanes (the scalar backend
 * accumulates everything in double); products stay in double lanes. Lanes are combined in lane
 * order through an array, never with {@code reduceLanes(ADD)}, whose order is unspecified and
 * could differ between the interpreter and compiled code.
 */
final class FloatReductions {
  private FloatReductions() {}

  private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, S.vectorShape());
  private static final int L = S.length();
  private static final int H = HALF.length();

  /**
   * Sums {@code 64 L} elements at a time in four float accumulators, sixteen vectors deep, adds
   * those pairwise and widens the result into double accumulators. An element meets at most 17
   * float roundings before it is widened, so |error| <= 17 * 2^-24 * sum |x| (1e-6 of the sum of
   * magnitudes; it matters only where the sum cancels), and the error does not grow with n: on 16M
   * normal values it measured 2e-13 of sum |x|, plain float accumulation 1e-9. Widening every
   * vector instead (error 1e-16) measured 25-35% slower on one core, below PyTorch's float sum.
   * Rows shorter than a group (a convolution's bias gradient sums rows of 121 or 676) are one
   * partial group: widening their every vector also made the sum depend on a JIT accident, about
   * one run in four compiling {@code DoubleVector.add} as a virtual call on boxed vectors, 10x
   * slower (docs/SIMD.md).
   */
  static double sum(float[] a, int o, int n) {
    DoubleVector low = DoubleVector.zero(D);
    DoubleVector high = DoubleVector.zero(D);
    int end = o + n;
    int i = o;
    while (i + 4 * L <= end) { // groups of 64 vectors; the last may be shorter, in steps of 4
      int stop = Math.min(i + 64 * L, end - (end - i) % (4 * L));
      FloatVector s0 = FloatVector.fromArray(S, a, i);
      FloatVector s1 = FloatVector.fromArray(S, a, i + L);
      FloatVector s2 = FloatVector.fromArray(S, a, i + 2 * L);
      FloatVector s3 = FloatVector.fromArray(S, a, i + 3 * L);
      for (int j = i + 4 * L; j < stop; j += 4 * L) {
        s0 = s0.add(FloatVector.fromArray(S, a, j));
        s1 = s1.add(FloatVector.fromArray(S, a, j + L));
        s2 = s2.add(FloatVector.fromArray(S, a, j + 2 * L));
        s3 = s3.add(FloatVector.fromArray(S, a, j + 3 * L));
      }
      FloatVector s = s0.add(s1).add(s2.add(s3));
      low = low.add((DoubleVector) s.convertShape(VectorOperators.F2D, D, 0));
      high = high.add((DoubleVector) s.convertShape(VectorOperators.F2D, D, 1));
      i = stop;
    }
    for (; i + H <= end; i += H) { // fewer than four vectors left: widen each
      low = low.add(WideMath.load(a, i));
    }
    double sum = 0;
    for (double lane : low.add(high).toArray()) {
      sum += lane;
    }
    for (; i < end; i++) {
      sum += a[i];
    }
    return sum;
  }

  /** Products in double lanes (a float product of a block under- or overflows far too easily). */
  static double prod(float[] a, int o, int n) {
    DoubleVector acc0 = DoubleVector.broadcast(D, 1.0);
    DoubleVector acc1 = DoubleVector.broadcast(D, 1.0);
    DoubleVector acc2 = DoubleVector.broadcast(D, 1.0);
    DoubleVector acc3 = DoubleVector.broadcast(D, 1.0);
    int bound = n - n % (4 * H);
    for (int i = 0; i < bound; i += 4 * H) {
      acc0 = acc0.mul(WideMath.load(a, o + i));
      acc1 = acc1.mul(WideMath.load(a, o + i + H));
      acc2 = acc2.mul(WideMath.load(a, o + i + 2 * H));
      acc3 = acc3.mul(WideMath.load(a, o + i + 3 * H));
    }
    double prod = 1;
    for (double lane : acc0.mul(acc1).mul(acc2.mul(acc3)).toArray()) {
      prod *= lane;
    }
    for (int i = bound; i < n; i++) {
      prod *= a[o + i];
    }
    return prod;
  }

  /**
   * Max or min; NaN propagates. Four accumulators, since one would wait on the latency of {@code
   * max} (several instructions for Java's NaN and -0.0 rules). They start from -inf (+inf), which
   * Math.max (min) with any float replaces.
   */
  static double extreme(boolean max, float[] a, int o, int n) {
    float identity = max ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
    FloatVector acc0 = FloatVector.broadcast(S, identity);
    FloatVector acc1 = acc0;
    FloatVector acc2 = acc0;
    FloatVector acc3 = acc0;
    int bound = n - n % (4 * L);
    if (max) {
      for (int i = 0; i < bound; i += 4 * L) {
        acc0 = acc0.max(FloatVector.fromArray(S, a, o + i));
        acc1 = acc1.max(FloatVector.fromArray(S, a, o + i + L));
        acc2 = acc2.max(FloatVector.fromArray(S, a, o + i + 2 * L));
        acc3 = acc3.max(FloatVector.fromArray(S, a, o + i + 3 * L));
      }
      acc0 = acc0.max(acc1).max(acc2.max(acc3));
    } else {
      for (int i = 0; i < bound; i += 4 * L) {
        acc0 = acc0.min(FloatVector.fromArray(S, a, o + i));
        acc1 = acc1.min(FloatVector.fromArray(S, a, o + i + L));
        acc2 = acc2.min(FloatVector.fromArray(S, a, o + i + 2 * L));
        acc3 = acc3.min(FloatVector.fromArray(S, a, o + i + 3 * L));
      }
      acc0 = acc0.min(acc1).min(acc2.min(acc3));
    }
    float best = identity;
    for (float lane : acc0.toArray()) {
      best = max ? Math.max(best, lane) : Math.min(best, lane);
    }
    for (int i = bound; i < n; i++) {
      best = max ? Math.max(best, a[o + i]) : Math.min(best, a[o + i]);
    }
    return best;
  }

  /**
   * Index (from {@code o}) of the first maximum (minimum); the first NaN wins. Each lane keeps its
   * own best and where it was, replacing it only when strictly better, so it holds the first
   * occurrence in its lane; the lowest index among the lanes holding the overall best is then
   * the first occurrence overall.
   */
  static int arg(boolean max, float[] a, int o, int n) {
    int bound = S.loopBound(n);
    int bestIndex = 0;
    if (bound > 0) {
      FloatVector best = FloatVector.fromArray(S, a, o);
      IntVector where = IntVector.zero(INTS).addIndex(1);
      // two loops, so that each names its comparison as a constant (see FloatKernels.compare)
      if (max) {
        for (int i = L; i < bound; i += L) {
          FloatVector v = FloatVector.fromArray(S, a, o + i);
          VectorMask<Float> better = best.lt(v).or(v.test(VectorOperators.IS_NAN).andNot(best.test(VectorOperators.IS_NAN)));
          best = best.blend(v, better);
          where = where.blend(IntVector.zero(INTS).addIndex(1).add(i), better.cast(INTS));
        }
      } else {
        for (int i = L; i < bound; i += L) {
          FloatVector v = FloatVector.fromArray(S, a, o + i);
          VectorMask<Float> better = v.lt(best).or(v.test(VectorOperators.IS_NAN).andNot(best.test(VectorOperators.IS_NAN)));
          best = best.blend(v, better);
          where = where.blend(IntVector.zero(INTS).addIndex(1).add(i), better.cast(INTS));
        }
      }
      float[] values = best.toArray();
      int[] indices = where.toArray();
      bestIndex = indices[0];
      for (int k = 1; k < L; k++) {
        if (ReduceKernels.beats(max, values[k], indices[k], a[o + bestIndex], bestIndex)) {
          bestIndex = indices[k];
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

  /**
   * Column sums: {@code acc[r] += x[o + i * stride + r]} for {@code i < inner}, {@code r < rows},
   * in order of {@code i}, vectorised across {@code r}: the reduction of a {@code [rows, inner]}
   * view whose rows are adjacent (stride 1) and whose reduced axis is strided, e.g. a sum over
   * the batch axis.
   */
  static void columns(ReduceOp op, float[] x, int o, int stride, int inner, double[] acc, int rows) {
    int bound = rows - rows % H;
    for (int i = 0; i < inner; i++) {
      int base = o + i * stride;
      switch (op) {
        case SUM:
          for (int r = 0; r < bound; r += H) {
            DoubleVector.fromArray(D, acc, r).add(WideMath.load(x, base + r)).intoArray(acc, r);
          }
          for (int r = bound; r < rows; r++) {
            acc[r] += x[base + r];
          }
          break;
        case PROD:
          for (int r = 0; r < bound; r += H) {
            DoubleVector.fromArray(D, acc, r).mul(WideMath.load(x, base + r)).intoArray(acc, r);
          }
          for (int r = bound; r < rows; r++) {
            acc[r] *= x[base + r];
          }
          break;
        case MAX:
          for (int r = 0; r < bound; r += H) {
            DoubleVector.fromArray(D, acc, r).max(WideMath.load(x, base + r)).intoArray(acc, r);
          }
          for (int r = bound; r < rows; r++) {
            acc[r] = Math.max(acc[r], x[base + r]);
          }
          break;
        case MIN:
          for (int r = 0; r < bound; r += H) {
            DoubleVector.fromArray(D, acc, r).min(WideMath.load(x, base + r)).intoArray(acc, r);
          }
          for (int r = bound; r < rows; r++) {
            acc[r] = Math.min(acc[r], x[base + r]);
          }
          break;
      }
    }
  }
}
