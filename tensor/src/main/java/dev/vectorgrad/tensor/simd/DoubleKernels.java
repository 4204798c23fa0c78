package dev.vectorgrad.tensor.simd;

import dev.vectorgrad.tensor.ops.BinaryOp;
import dev.vectorgrad.tensor.ops.UnaryOp;
import dev.vectorgrad.tensor.scalar.ScalarMath;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * F64 elementwise kernels over contiguous blocks, like {@link FloatKernels}. F64 is the dtype of
 * references and gradient checks, so every result is bit-exact with the scalar backend: the
 * exactly rounded ops are vector loops with a scalar tail, and the transcendentals call the scalar
 * backend's {@code Math}-based definitions per element (still split into parallel chunks). A
 * vector double-precision exp would be several times faster, but no longer identical.
 */
final class DoubleKernels {
  private DoubleKernels() {}

  static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
  private static final int L = D.length();

  static void unary(UnaryOp op, double[] x, int xo, double[] y, int yo, int n) {
    int bound = D.loopBound(n);
    switch (op) {
      case NEG:
        for (int i = 0; i < bound; i += L) {
          DoubleVector.fromArray(D, x, xo + i).neg().intoArray(y, yo + i);
        }
        break;
      case ABS:
        for (int i = 0; i < bound; i += L) {
          DoubleVector.fromArray(D, x, xo + i).abs().intoArray(y, yo + i);
        }
        break;
      case SIGN:
        for (int i = 0; i < bound; i += L) {
          DoubleVector v = DoubleVector.fromArray(D, x, xo + i);
          DoubleVector unit = DoubleVector.broadcast(D, 1.0).blend(-1.0, v.lt(0.0));
          unit.blend(v, v.eq(0.0).or(v.test(VectorOperators.IS_NAN)))
              .intoArray(y, yo + i);
        }
        break;
      case RELU:
        for (int i = 0; i < bound; i += L) {
          DoubleVector v = DoubleVector.fromArray(D, x, xo + i);
          v.blend(0.0, v.lt(0.0)).intoArray(y, yo + i);
        }
        break;
      case SQRT:
        for (int i = 0; i < bound; i += L) {
          DoubleVector.fromArray(D, x, xo + i).sqrt().intoArray(y, yo + i);
        }
        break;
      case RSQRT:
        for (int i = 0; i < bound; i += L) {
          WideMath.rsqrt(DoubleVector.fromArray(D, x, xo + i)).intoArray(y, yo + i);
        }
        break;
      case EXP:
      case LOG:
      case LOG1P:
      case SIN:
      case COS:
      case TANH:
      case SIGMOID:
      case GELU:
      case SOFTPLUS:
      case ERF:
        bound = 0; // per element below
        break;
    }
    for (int i = bound; i < n; i++) {
      y[yo + i] = ScalarMath.unary(op, x[xo + i]);
    }
  }

  /** {@code y[yo + i] = op(a[ao + i], b[bo + i])}; comparisons write {@code boolean[] y}. */
  static void binary(BinaryOp op, double[] a, int ao, double[] b, int bo, Object y, int yo, int n) {
    int bound = D.loopBound(n);
    if (op.isComparison()) {
      compare(op, a, ao, b, bo, (boolean[]) y, yo, n);
      return;
    }
    double[] out = (double[]) y;
    switch (op) {
      case ADD:
        for (int i = 0; i < bound; i += L) {
          DoubleVector.fromArray(D, a, ao + i).add(DoubleVector.fromArray(D, b, bo + i)).intoArray(out, yo + i);
        }
        break;
      case SUB:
        for (int i = 0; i < bound; i += L) {
          DoubleVector.fromArray(D, a, ao + i).sub(DoubleVector.fromArray(D, b, bo + i)).intoArray(out, yo + i);
        }
        break;
      case MUL:
        for (int i = 0; i < bound; i += L) {
          DoubleVector.fromArray(D, a, ao + i).mul(DoubleVector.fromArray(D, b, bo + i)).intoArray(out, yo + i);
        }
        break;
      case DIV:
        for (int i = 0; i < bound; i += L) {
          DoubleVector.fromArray(D, a, ao + i).div(DoubleVector.fromArray(D, b, bo + i)).intoArray(out, yo + i);
        }
        break;
      case MAXIMUM:
        for (int i = 0; i < bound; i += L) {
          DoubleVector.fromArray(D, a, ao + i).max(DoubleVector.fromArray(D, b, bo + i)).intoArray(out, yo + i);
        }
        break;
      case MINIMUM:
        for (int i = 0; i < bound; i += L) {
          DoubleVector.fromArray(D, a, ao + i).min(DoubleVector.fromArray(D, b, bo + i)).intoArray(out, yo + i);
        }
        break;
      case RELU_GRAD:
        for (int i = 0; i < bound; i += L) {
          VectorMask<Double> positive = DoubleVector.fromArray(D, b, bo + i).compare(VectorOperators.GT, 0d);
          DoubleVector.zero(D).blend(DoubleVector.fromArray(D, a, ao + i), positive).intoArray(out, yo + i);
        }
        break;
      default: // POW and REM: per element below
        bound = 0;
    }
    for (int i = bound; i < n; i++) {
      out[yo + i] = ScalarMath.binary(op, a[ao + i], b[bo + i]);
    }
  }

  /** As {@code FloatKernels.compare}: constant operators, GT and GE by swapping operands. */
  private static void compare(BinaryOp op, double[] a, int ao, double[] b, int bo, boolean[] y, int yo, int n) {
    int bound = D.loopBound(n);
    switch (op) {
      case GT:
        less(b, bo, a, ao, y, yo, bound);
        break;
      case LT:
        less(a, ao, b, bo, y, yo, bound);
        break;
      case GE:
        lessOrEqual(b, bo, a, ao, y, yo, bound);
        break;
      case LE:
        lessOrEqual(a, ao, b, bo, y, yo, bound);
        break;
      case EQ:
        for (int i = 0; i < bound; i += L) {
          DoubleVector.fromArray(D, a, ao + i).eq(DoubleVector.fromArray(D, b, bo + i)).intoArray(y, yo + i);
        }
        break;
      default: // NE
        for (int i = 0; i < bound; i += L) {
          DoubleVector.fromArray(D, a, ao + i).compare(VectorOperators.NE, DoubleVector.fromArray(D, b, bo + i))
              .intoArray(y, yo + i);
        }
    }
    for (int i = bound; i < n; i++) {
      y[yo + i] = ScalarMath.binary(op, a[ao + i], b[bo + i]) != 0;
    }
  }

  private static void less(double[] a, int ao, double[] b, int bo, boolean[] y, int yo, int n) {
    for (int i = 0; i < n; i += L) {
      DoubleVector.fromArray(D, a, ao + i).lt(DoubleVector.fromArray(D, b, bo + i)).intoArray(y, yo + i);
    }
  }

  private static void lessOrEqual(double[] a, int ao, double[] b, int bo, boolean[] y, int yo, int n) {
    for (int i = 0; i < n; i += L) {
      DoubleVector.fromArray(D, a, ao + i).compare(VectorOperators.LE, DoubleVector.fromArray(D, b, bo + i))
          .intoArray(y, yo + i);
    }
  }

  /** {@code y[yo + i] = c[co + i] ? a[ao + i] : b[bo + i]}. */
  static void where(boolean[] c, int co, double[] a, int ao, double[] b, int bo, double[] y, int yo, int n) {
    int bound = D.loopBound(n);
    for (int i = 0; i < bound; i += L) {
      VectorMask<Double> m = VectorMask.fromArray(D, c, co + i);
      DoubleVector.fromArray(D, b, bo + i).blend(DoubleVector.fromArray(D, a, ao + i), m).intoArray(y, yo + i);
    }
    for (int i = bound; i < n; i++) {
      y[yo + i] = c[co + i] ? a[ao + i] : b[bo + i];
    }
  }
}
