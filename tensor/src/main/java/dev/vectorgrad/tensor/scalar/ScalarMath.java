package dev.vectorgrad.tensor.scalar;

import dev.vectorgrad.tensor.VectorgradException;
import dev.vectorgrad.tensor.ops.BinaryOp;
import dev.vectorgrad.tensor.ops.UnaryOp;

/**
 * The elementwise math of the reference backend: floating ops in double (F32 results are rounded
 * once, at the store), integer ops in long. Each switch lists every op, so a new op fails to
 * compile here until it has a definition.
 */
public final class ScalarMath {
  private ScalarMath() {}

  public static double unary(UnaryOp op, double x) {
    switch (op) {
      case NEG: return -x;
      case ABS: return Math.abs(x);
      case SIGN: return Math.signum(x);
      case RELU: return x < 0 ? 0.0 : x; // NaN passes through, as in PyTorch
      case EXP: return Math.exp(x);
      case LOG: return Math.log(x);
      case LOG1P: return Math.log1p(x);
      case SQRT: return Math.sqrt(x);
      case RSQRT: return 1.0 / Math.sqrt(x);
      case SIN: return Math.sin(x);
      case COS: return Math.cos(x);
      case TANH: return Math.tanh(x);
      case SIGMOID: return SpecialFunctions.sigmoid(x);
      case GELU: return SpecialFunctions.gelu(x);
      case SOFTPLUS: return SpecialFunctions.softplus(x);
      case ERF: return SpecialFunctions.erf(x);
    }
    throw new AssertionError(op);
  }

  /** Integer form of the ops that keep integer dtypes; the others never receive integers. */
  public static long unary(UnaryOp op, long x) {
    switch (op) {
      case NEG: return -x;
      case ABS: return Math.abs(x);
      case SIGN: return Long.signum(x);
      case RELU: return Math.max(x, 0);
      default: throw new AssertionError(op + " computes in floating point");
    }
  }

  public static double binary(BinaryOp op, double a, double b) {
    switch (op) {
      case ADD: return a + b;
      case SUB: return a - b;
      case MUL: return a * b;
      case DIV: return a / b;
      case POW: return Math.pow(a, b);
      case MAXIMUM: return Math.max(a, b);
      case MINIMUM: return Math.min(a, b);
      case REM: return floorRemainder(a, b);
      case RELU_GRAD: return b > 0 ? a : 0;
      case GT: return a > b ? 1 : 0;
      case GE: return a >= b ? 1 : 0;
      case LT: return a < b ? 1 : 0;
      case LE: return a <= b ? 1 : 0;
      case EQ: return a == b ? 1 : 0;
      case NE: return a != b ? 1 : 0;
    }
    throw new AssertionError(op);
  }

  public static long binary(BinaryOp op, long a, long b) {
    switch (op) {
      case ADD: return a + b;
      case SUB: return a - b;
      case MUL: return a * b;
      case MAXIMUM: return Math.max(a, b);
      case MINIMUM: return Math.min(a, b);
      case REM:
        if (b == 0) {
          throw new VectorgradException("rem: integer division by zero");
        }
        return Math.floorMod(a, b);
      case RELU_GRAD: return b > 0 ? a : 0;
      case GT: return a > b ? 1 : 0;
      case GE: return a >= b ? 1 : 0;
      case LT: return a < b ? 1 : 0;
      case LE: return a <= b ? 1 : 0;
      case EQ: return a == b ? 1 : 0;
      case NE: return a != b ? 1 : 0;
      case DIV:
      case POW:
        throw new AssertionError(op + " computes in floating point");
    }
    throw new AssertionError(op);
  }

  /** Remainder with the sign of the divisor; from fmod so it stays exact. */
  private static double floorRemainder(double a, double b) {
    double r = a % b;
    return r != 0 && (r < 0) != (b < 0) ? r + b : r;
  }
}
