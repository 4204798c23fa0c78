package dev.vectorgrad.tensor.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

/** The special functions against Apache Commons Math and closed forms, in double precision. */
class SpecialFunctionsTest {
  private static final double SQRT_2 = Math.sqrt(2);

  @Test
  void erfMatchesCommonsMathOverMinusSevenToSeven() {
    double worst = 0;
    double worstAt = 0;
    for (int i = -7000; i <= 7000; i++) {
      double x = i / 1000.0;
      double error = Math.abs(SpecialFunctions.erf(x) - Erf.erf(x));
      if (error > worst) {
        worst = error;
        worstAt = x;
      }
    }
    assertTrue(worst <= 1e-14, "largest |erf - Erf.erf| is " + worst + " at x = " + worstAt);
  }

  @Test
  void erfNearZeroKeepsRelativeAccuracy() {
    for (double x : new double[] {1e-300, 1e-20, 1e-8, -3e-5}) {
      double expected = 2 / Math.sqrt(Math.PI) * (x - x * x * x / 3); // Taylor; x^5 is below an ulp
      assertEquals(expected, SpecialFunctions.erf(x), 1e-15 * Math.abs(expected));
    }
  }

  @Test
  void erfHasItsLimitsSymmetryAndNaN() {
    assertEquals(0.0, SpecialFunctions.erf(0.0));
    assertEquals(1.0, SpecialFunctions.erf(Double.POSITIVE_INFINITY));
    assertEquals(-1.0, SpecialFunctions.erf(Double.NEGATIVE_INFINITY));
    assertEquals(1.0, SpecialFunctions.erf(40));
    assertTrue(Double.isNaN(SpecialFunctions.erf(Double.NaN)));
    for (double x = 0.05; x < 7; x += 0.37) {
      assertEquals(-SpecialFunctions.erf(x), SpecialFunctions.erf(-x));
    }
  }

  @Test
  void geluIsXTimesTheNormalCdf() {
    for (int i = -800; i <= 800; i++) {
      double x = i / 100.0;
      double expected = 0.5 * x * Erf.erfc(-x / SQRT_2);
      assertEquals(expected, SpecialFunctions.gelu(x), 1e-14, "gelu(" + x + ")");
    }
    assertEquals(0.0, SpecialFunctions.gelu(0.0));
  }

  @Test
  void softplusIsLog1pExpAndNeverOverflows() {
    for (int i = -300; i <= 300; i++) {
      double x = i / 10.0;
      double expected = Math.log1p(Math.exp(x));
      assertEquals(expected, SpecialFunctions.softplus(x), 1e-15 * Math.max(1, expected),
          "softplus(" + x + ")");
    }
    assertEquals(1000.0, SpecialFunctions.softplus(1000));
    assertEquals(0.0, SpecialFunctions.softplus(-1000));
    assertEquals(Math.log(2), SpecialFunctions.softplus(0), 1e-16);
  }

  @Test
  void sigmoidStaysWithinZeroAndOne() {
    for (int i = -300; i <= 300; i++) {
      double x = i / 10.0;
      assertEquals(1 / (1 + Math.exp(-x)), SpecialFunctions.sigmoid(x), 1e-16, "sigmoid(" + x + ")");
    }
    assertEquals(0.0, SpecialFunctions.sigmoid(-1000));
    assertEquals(1.0, SpecialFunctions.sigmoid(1000));
    assertEquals(0.5, SpecialFunctions.sigmoid(0));
  }
}
