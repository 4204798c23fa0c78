package dev.vectorgrad.tensor.scalar;

/** Double-precision special functions the JDK lacks. */
public final class SpecialFunctions {
  private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
  private static final double ONE_OVER_SQRT_PI = 0.5641895835477563;
  /** erfc(6) is about 2e-17, below half an ulp of 1. */
  private static final double SATURATION = 6.0;

  private SpecialFunctions() {}

  /**
   * The Gauss error function, to about 1e-15 absolute. Below 3 it sums the all-positive series
   * {@code erf(x) = 2/sqrt(pi) exp(-x^2) sum 2^n x^(2n+1) / (1*3*...*(2n+1))}, which has no
   * cancellation; above, it uses the continued fraction for {@code erfc}, which converges fast there.
   */
  public static double erf(double x) {
    if (Double.isNaN(x)) {
      return x;
    }
    double a = Math.abs(x);
    double result;
    if (a >= SATURATION) {
      result = 1.0;
    } else if (a < 3.0) {
      double term = a;
      double sum = a;
      for (int n = 1; term > 1e-17 * sum; n++) {
        term *= 2 * a * a / (2 * n + 1);
        sum += term;
      }
      result = TWO_OVER_SQRT_PI * Math.exp(-a * a) * sum;
    } else {
      // erfc(a) = exp(-a^2)/sqrt(pi) / (a + (1/2)/(a + 1/(a + (3/2)/(a + 2/(a + ...))))), evaluated from the tail.
      double tail = a;
      for (int k = 60; k >= 1; k--) {
        tail = a + (k / 2.0) / tail;
      }
      result = 1.0 - ONE_OVER_SQRT_PI * Math.exp(-a * a) / tail;
    }
    return x < 0 ? -result : result;
  }

  /** {@code x * Phi(x)}, the exact GELU. */
  public static double gelu(double x) {
    return 0.5 * x * (1.0 + erf(x * 0.7071067811865476));
  }

  /** {@code log(1 + exp(x))} as {@code max(x, 0) + log1p(exp(-|x|))}, which never overflows. */
  public static double softplus(double x) {
    return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
  }

  /** {@code 1 / (1 + exp(-x))}, finite for every finite {@code x}. */
  public static double sigmoid(double x) {
    return 1.0 / (1.0 + Math.exp(-x));
  }
}
