package dev.vectorgrad.tensor.simd;

import dev.vectorgrad.tensor.ops.UnaryOp;
import dev.vectorgrad.tensor.scalar.SpecialFunctions;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.special.Erf;

/**
 * Float64 references for the approximated F32 functions and the distance of a float result from
 * them in ulps of the correctly rounded float. The references are accurate to a few double ulps
 * over the whole float range, tails included (gelu's reference uses erfc, not 1 + erf, which the
 * scalar backend's gelu loses to cancellation below about -6).
 */
final class Ulps {
  private Ulps() {}

  /** Documented maximum errors, in float ulps; the exhaustive sweep measured them over all floats. */
  static double bound(UnaryOp op) {
    switch (op) {
      case EXP:
        return 1.02;
      case LOG:
        return 1.0;
      case TANH:
        return 1.5;
      case LOG1P:
      case SIGMOID:
      case SOFTPLUS:
      case ERF:
      case GELU:
      case RSQRT:
        return 0.6;
      default:
        return 0; // every other op is exact: the correctly rounded result
    }
  }

  static DoubleUnaryOperator reference(UnaryOp op) {
    switch (op) {
      case SIGMOID:
        return x -> x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
      case ERF: // 1 - erfc keeps full precision once erf is near 1; the series is fine below
        return x -> x == 0 ? x : Math.abs(x) < 0.5 ? Erf.erf(x) : Math.signum(x) * (1 - Erf.erfc(Math.abs(x)));
      case GELU:
        return x -> 0.5 * x * Erf.erfc(-x / Math.sqrt(2));
      case SOFTPLUS:
        return SpecialFunctions::softplus;
      default:
        return x -> dev.vectorgrad.tensor.scalar.ScalarMath.unary(op, x);
    }
  }

  /**
   * |y - r| in ulps of the float nearest r; 0 when both are the same NaN, infinity or signed
   * zero, infinite when one is NaN or infinite and the other not, or zeros differ in sign.
   */
  static double distance(float y, double r) {
    if (Double.isNaN(r) || Float.isNaN(y)) {
      return Double.isNaN(r) && Float.isNaN(y) ? 0 : Double.POSITIVE_INFINITY;
    }
    if (Double.isInfinite(r) || Float.isInfinite(y)) {
      return (float) r == y ? 0 : Double.POSITIVE_INFINITY;
    }
    if (r == 0 && y == 0) {
      return Math.copySign(1.0, r) == Math.copySign(1.0, y) ? 0 : Double.POSITIVE_INFINITY;
    }
    float nearest = (float) r;
    double ulp = Float.isInfinite(nearest) ? Math.ulp(Float.MAX_VALUE) : Math.ulp(nearest);
    return Math.abs(y - r) / ulp;
  }
}
