package dev.vectorgrad.tensor.simd;

import static dev.vectorgrad.tensor.simd.FloatMath.S;
import static dev.vectorgrad.tensor.simd.WideMath.HALF;

import dev.vectorgrad.tensor.ops.BinaryOp;
import dev.vectorgrad.tensor.ops.UnaryOp;
import dev.vectorgrad.tensor.scalar.ScalarMath;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * F32 elementwise kernels over contiguous blocks: {@code y[yo + i] = op(x[xo + i])} for {@code i <
 * n}. One loop per op keeps each loop free of branches, so C2 keeps the vectors in registers. The
 * last {@code n % L} elements are copied into lane-sized arrays and run through the same vector
 * code, so every element gets the same result wherever it sits (no scalar tail that could round
 * differently).
 *
 * <p>Bit-exact with the scalar backend (which computes in double and rounds once): neg, abs, sign,
 * relu, sqrt, rsqrt, add, sub, mul, div, maximum, minimum, comparisons, and sin, cos, pow, rem,
 * which call the same {@code Math} functions per element. The others are the approximations of
 * {@link FloatMath} and {@link WideMath}.
 */
final class FloatKernels {
  private FloatKernels() {}

  private static final int L = S.length();

  /** {@code y[yo + i] = f(x[xo + i])} for {@code i < n}, n a multiple of the loop's step. */
  private interface Loop {
    void run(float[] x, int xo, float[] y, int yo, int n);
  }

  /**
   * One method per op, called through this table: a single method holding every loop outgrows
   * C2's inlining budget, and vectors in code that is not inlined are boxed objects (measured 4-5x
   * slower). Through the table each loop is compiled on its own.
   */
  private static final Loop[] UNARY = new Loop[UnaryOp.values().length];

  static {
    for (UnaryOp op : UnaryOp.values()) {
      UNARY[op.ordinal()] = loop(op);
    }
  }

  private static Loop loop(UnaryOp op) {
    switch (op) {
      case NEG: return FloatKernels::neg;
      case ABS: return FloatKernels::abs;
      case SIGN: return FloatKernels::sign;
      case RELU: return FloatKernels::relu;
      case EXP: return FloatKernels::exp;
      case LOG: return FloatKernels::log;
      case LOG1P: return FloatKernels::log1p;
      case SQRT: return FloatKernels::sqrt;
      case RSQRT: return FloatKernels::rsqrt;
      case SIN: return (x, xo, y, yo, n) -> scalar(UnaryOp.SIN, x, xo, y, yo, n);
      case COS: return (x, xo, y, yo, n) -> scalar(UnaryOp.COS, x, xo, y, yo, n);
      case TANH: return FloatKernels::tanh;
      case SIGMOID: return FloatKernels::sigmoid;
      case GELU: return FloatKernels::gelu;
      case SOFTPLUS: return FloatKernels::softplus;
      case ERF: return FloatKernels::erf;
    }
    throw new AssertionError(op);
  }

  static void unary(UnaryOp op, float[] x, int xo, float[] y, int yo, int n) {
    Loop loop = UNARY[op.ordinal()];
    int bound = S.loopBound(n);
    loop.run(x, xo, y, yo, bound);
    if (bound < n) {
      float[] tail = new float[L];
      loop.run(Arrays.copyOfRange(x, xo + bound, xo + bound + L), 0, tail, 0, L);
      System.arraycopy(tail, 0, y, yo + bound, n - bound);
    }
  }

  private static void neg(float[] x, int xo, float[] y, int yo, int n) {
    for (int i = 0; i < n; i += L) {
      FloatVector.fromArray(S, x, xo + i).neg().intoArray(y, yo + i);
    }
  }

  private static void abs(float[] x, int xo, float[] y, int yo, int n) {
    for (int i = 0; i < n; i += L) {
      FloatVector.fromArray(S, x, xo + i).abs().intoArray(y, yo + i);
    }
  }

  /** signum: +-1, and x itself for +-0 and NaN. */
  private static void sign(float[] x, int xo, float[] y, int yo, int n) {
    for (int i = 0; i < n; i += L) {
      FloatVector v = FloatVector.fromArray(S, x, xo + i);
      FloatVector unit = FloatVector.broadcast(S, 1f).blend(-1f, v.lt(0f));
      unit.blend(v, v.eq(0f).or(v.test(VectorOperators.IS_NAN))).intoArray(y, yo + i);
    }
  }

  /** x < 0 ? 0 : x, which keeps NaN and -0.0 as the scalar backend does (max(x, 0) would not). */
  private static void relu(float[] x, int xo, float[] y, int yo, int n) {
    for (int i = 0; i < n; i += L) {
      FloatVector v = FloatVector.fromArray(S, x, xo + i);
      v.blend(0f, v.lt(0f)).intoArray(y, yo + i);
    }
  }

  private static void exp(float[] x, int xo, float[] y, int yo, int n) {
    for (int i = 0; i < n; i += L) {
      FloatMath.exp(FloatVector.fromArray(S, x, xo + i)).intoArray(y, yo + i);
    }
  }

  private static void log(float[] x, int xo, float[] y, int yo, int n) {
    for (int i = 0; i < n; i += L) {
      FloatMath.log(FloatVector.fromArray(S, x, xo + i)).intoArray(y, yo + i);
    }
  }

  private static void tanh(float[] x, int xo, float[] y, int yo, int n) {
    for (int i = 0; i < n; i += L) {
      FloatMath.tanh(FloatVector.fromArray(S, x, xo + i)).intoArray(y, yo + i);
    }
  }

  /** Float sqrt is correctly rounded, like {@code (float) Math.sqrt(double)}. */
  private static void sqrt(float[] x, int xo, float[] y, int yo, int n) {
    for (int i = 0; i < n; i += L) {
      FloatVector.fromArray(S, x, xo + i).sqrt().intoArray(y, yo + i);
    }
  }

  private static void rsqrt(float[] x, int xo, float[] y, int yo, int n) {
    for (int i = 0; i < n; i += HALF.length()) {
      WideMath.store(WideMath.rsqrt(WideMath.load(x, xo + i)), y, yo + i);
    }
  }

  private static void log1p(float[] x, int xo, float[] y, int yo, int n) {
    for (int i = 0; i < n; i += HALF.length()) {
      WideMath.store(WideMath.log1p(WideMath.load(x, xo + i)), y, yo + i);
    }
  }

  private static void sigmoid(float[] x, int xo, float[] y, int yo, int n) {
    for (int i = 0; i < n; i += HALF.length()) {
      WideMath.store(WideMath.sigmoid(WideMath.load(x, xo + i)), y, yo + i);
    }
  }

  private static void softplus(float[] x, int xo, float[] y, int yo, int n) {
    for (int i = 0; i < n; i += HALF.length()) {
      WideMath.store(WideMath.softplus(WideMath.load(x, xo + i)), y, yo + i);
    }
  }

  private static void gelu(float[] x, int xo, float[] y, int yo, int n) {
    for (int i = 0; i < n; i += HALF.length()) {
      WideMath.store(WideMath.gelu(WideMath.load(x, xo + i)), y, yo + i);
    }
  }

  private static void erf(float[] x, int xo, float[] y, int yo, int n) {
    for (int i = 0; i < n; i += HALF.length()) {
      WideMath.store(WideMath.erf(WideMath.load(x, xo + i)), y, yo + i);
    }
  }

  /** Not worth a vector version: Math.sin and Math.cos are intrinsics, called per element. */
  private static void scalar(UnaryOp op, float[] x, int xo, float[] y, int yo, int n) {
    for (int i = 0; i < n; i++) {
      y[yo + i] = (float) ScalarMath.unary(op, x[xo + i]);
    }
  }

  /** {@code y[yo + i] = op(a[ao + i], b[bo + i])}; comparisons write {@code boolean[] y}. */
  static void binary(BinaryOp op, float[] a, int ao, float[] b, int bo, Object y, int yo, int n) {
    if (op.isComparison()) {
      compare(op, a, ao, b, bo, (boolean[]) y, yo, n);
      return;
    }
    float[] out = (float[]) y;
    int bound = S.loopBound(n);
    switch (op) {
      case ADD:
        for (int i = 0; i < bound; i += L) {
          FloatVector.fromArray(S, a, ao + i).add(FloatVector.fromArray(S, b, bo + i)).intoArray(out, yo + i);
        }
        break;
      case SUB:
        for (int i = 0; i < bound; i += L) {
          FloatVector.fromArray(S, a, ao + i).sub(FloatVector.fromArray(S, b, bo + i)).intoArray(out, yo + i);
        }
        break;
      case MUL:
        for (int i = 0; i < bound; i += L) {
          FloatVector.fromArray(S, a, ao + i).mul(FloatVector.fromArray(S, b, bo + i)).intoArray(out, yo + i);
        }
        break;
      case DIV:
        for (int i = 0; i < bound; i += L) {
          FloatVector.fromArray(S, a, ao + i).div(FloatVector.fromArray(S, b, bo + i)).intoArray(out, yo + i);
        }
        break;
      case MAXIMUM: // lanewise MAX is Math.max: NaN wins, max(-0.0, 0.0) = 0.0
        for (int i = 0; i < bound; i += L) {
          FloatVector.fromArray(S, a, ao + i).max(FloatVector.fromArray(S, b, bo + i)).intoArray(out, yo + i);
        }
        break;
      case MINIMUM:
        for (int i = 0; i < bound; i += L) {
          FloatVector.fromArray(S, a, ao + i).min(FloatVector.fromArray(S, b, bo + i)).intoArray(out, yo + i);
        }
        break;
      case RELU_GRAD: // a where b > 0 (false for NaN), else +0
        for (int i = 0; i < bound; i += L) {
          VectorMask<Float> positive = FloatVector.fromArray(S, b, bo + i).compare(VectorOperators.GT, 0f);
          FloatVector.zero(S).blend(FloatVector.fromArray(S, a, ao + i), positive).intoArray(out, yo + i);
        }
        break;
      case POW: // Math.pow in double, per element, as the scalar backend
      case REM:
        for (int i = 0; i < n; i++) {
          out[yo + i] = (float) ScalarMath.binary(op, a[ao + i], b[bo + i]);
        }
        return;
      default:
        throw new AssertionError(op);
    }
    if (bound < n) {
      float[] tail = new float[L];
      binary(op, Arrays.copyOfRange(a, ao + bound, ao + bound + L), 0,
          Arrays.copyOfRange(b, bo + bound, bo + bound + L), 0, tail, 0, L);
      System.arraycopy(tail, 0, out, yo + bound, n - bound);
    }
  }

  /**
   * Comparisons as LT, LE, EQ and NE with the operands swapped for GT and GE (NaN compares false
   * either way, and NE true). Each loop names its operator as a constant: the Vector API compiles
   * an operator passed in a variable to a per-lane fallback (measured 30x slower).
   */
  private static void compare(BinaryOp op, float[] a, int ao, float[] b, int bo, boolean[] y, int yo, int n) {
    int bound = S.loopBound(n);
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
          FloatVector.fromArray(S, a, ao + i).eq(FloatVector.fromArray(S, b, bo + i)).intoArray(y, yo + i);
        }
        break;
      default: // NE
        for (int i = 0; i < bound; i += L) {
          FloatVector.fromArray(S, a, ao + i).compare(VectorOperators.NE, FloatVector.fromArray(S, b, bo + i))
              .intoArray(y, yo + i);
        }
    }
    for (int i = bound; i < n; i++) { // comparisons are exact: a scalar tail gives the same answer
      y[yo + i] = ScalarMath.binary(op, a[ao + i], b[bo + i]) != 0;
    }
  }

  private static void less(float[] a, int ao, float[] b, int bo, boolean[] y, int yo, int n) {
    for (int i = 0; i < n; i += L) {
      FloatVector.fromArray(S, a, ao + i).lt(FloatVector.fromArray(S, b, bo + i)).intoArray(y, yo + i);
    }
  }

  private static void lessOrEqual(float[] a, int ao, float[] b, int bo, boolean[] y, int yo, int n) {
    for (int i = 0; i < n; i += L) {
      FloatVector.fromArray(S, a, ao + i).compare(VectorOperators.LE, FloatVector.fromArray(S, b, bo + i))
          .intoArray(y, yo + i);
    }
  }

  /** {@code y[yo + i] = c[co + i] ? a[ao + i] : b[bo + i]}. */
  static void where(boolean[] c, int co, float[] a, int ao, float[] b, int bo, float[] y, int yo, int n) {
    int bound = S.loopBound(n);
    for (int i = 0; i < bound; i += L) {
      VectorMask<Float> m = VectorMask.fromArray(S, c, co + i);
      FloatVector.fromArray(S, b, bo + i).blend(FloatVector.fromArray(S, a, ao + i), m).intoArray(y, yo + i);
    }
    for (int i = bound; i < n; i++) {
      y[yo + i] = c[co + i] ? a[ao + i] : b[bo + i];
    }
  }
}
