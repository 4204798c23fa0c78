package dev.vectorgrad.tensor.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.tensor.ops.UnaryOp;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The maximum error of every F32 approximation of the simd backend over a dense sweep of all
 * floats (every 1021st bit pattern: 4.2 million inputs, both signs, subnormals to infinities) and
 * the edge cases, against a float64 reference, must stay within the bound documented in {@link
 * FloatMath} and {@link WideMath} (kept in {@link Ulps#bound}). Special values must match {@code
 * Math}: NaN for NaN, infinities and signed zeros exactly.
 */
class TranscendentalAccuracyTest {
  private static final UnaryOp[] APPROXIMATED = {
    UnaryOp.EXP, UnaryOp.LOG, UnaryOp.LOG1P, UnaryOp.TANH, UnaryOp.SIGMOID, UnaryOp.SOFTPLUS,
    UnaryOp.GELU, UnaryOp.ERF, UnaryOp.RSQRT
  };

  private static final float[] EDGES = {
    0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL, 1e-40f, -1e-40f,
    1e-30f, -1e-30f, 1e-10f, -1e-10f, 1e-7f, 0.5f, -0.5f, 1f, -1f, 2f, -2f, 10f, -10f, 1e10f, -1e10f,
    Float.MAX_VALUE, -Float.MAX_VALUE, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
    // exp: the last finite result, overflow, the first subnormal results, underflow to zero
    88.72283f, 88.722839f, 88.72284f, 89f, -87.33654f, -87.33655f, -87.3366f, -100f, -103.27893f,
    -103.97207f, -103.97208f, -104f, -150f,
    // log and log1p: around 1, sqrt(2) and sqrt(1/2) (the reduction's seam), -1, below -1
    0.99999994f, 1.0000001f, 1.4142135f, 1.4142137f, 0.70710677f, 0.7071068f, -0.99999994f, -1.0000001f,
    // tanh's and erf's switches between formulas, and where gelu underflows
    0.625f, 0.62499994f, -0.625f, 9f, -9f, 0.49999997f, 0.5000001f, 2.828427f, -13.5f, -14.5f, -20f
  };

  /** Every 1021st float bit pattern, then the edge cases. */
  private static float[] inputs() {
    int stride = 1021;
    int dense = (int) ((1L << 32) / stride);
    float[] x = new float[dense + EDGES.length];
    for (int i = 0; i < dense; i++) {
      x[i] = Float.intBitsToFloat((int) ((long) i * stride));
    }
    System.arraycopy(EDGES, 0, x, dense, EDGES.length);
    return x;
  }

  @Test
  void everyApproximationStaysWithinItsDocumentedBound() {
    float[] x = inputs();
    float[] y = new float[x.length];
    StringBuilder report = new StringBuilder();
    for (UnaryOp op : APPROXIMATED) {
      FloatKernels.unary(op, x, 0, y, 0, x.length);
      DoubleUnaryOperator reference = Ulps.reference(op);
      double worst = 0;
      float worstAt = 0;
      for (int i = 0; i < x.length; i++) {
        double ulps = Ulps.distance(y[i], reference.applyAsDouble(x[i]));
        if (!(ulps <= worst)) {
          worst = ulps;
          worstAt = x[i];
        }
      }
      report.append(String.format("%s: max %.3f ulp at %s (bound %.2f)%n", op, worst, worstAt, Ulps.bound(op)));
      assertTrue(worst <= Ulps.bound(op), op + ": " + worst + " ulps at x = " + worstAt + "\n" + report);
    }
  }

  @Test
  void specialValuesFollowMath() {
    float[] x = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, -1f};
    float nan = Float.NaN;
    float inf = Float.POSITIVE_INFINITY;
    assertBits(UnaryOp.EXP, x, new float[] {nan, inf, 0f, 1f, 1f, nan}, 5);
    assertBits(UnaryOp.LOG, x, new float[] {nan, inf, nan, -inf, -inf, nan}, 6);
    assertBits(UnaryOp.LOG1P, x, new float[] {nan, inf, nan, 0f, -0f, -inf}, 6);
    assertBits(UnaryOp.TANH, x, new float[] {nan, 1f, -1f, 0f, -0f, nan}, 5);
    assertBits(UnaryOp.SIGMOID, x, new float[] {nan, 1f, 0f, 0.5f, 0.5f, nan}, 5);
    assertBits(UnaryOp.SOFTPLUS, x, new float[] {nan, inf, 0f, (float) Math.log(2), (float) Math.log(2), nan}, 5);
    assertBits(UnaryOp.ERF, x, new float[] {nan, 1f, -1f, 0f, -0f, nan}, 5);
    // gelu(-inf) = -inf * Phi(-inf) = -inf * 0 is NaN, as in the scalar backend
    assertBits(UnaryOp.GELU, x, new float[] {nan, inf, nan, 0f, -0f, nan}, 5);
    assertBits(UnaryOp.RSQRT, x, new float[] {nan, 0f, nan, inf, -inf, nan}, 6);
  }

  /** {@code op(x[i])} has the bits of {@code expected[i]} for the first {@code count} inputs. */
  private static void assertBits(UnaryOp op, float[] x, float[] expected, int count) {
    float[] actual = new float[x.length];
    FloatKernels.unary(op, x, 0, actual, 0, x.length);
    for (int i = 0; i < count; i++) {
      assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(actual[i]),
          op + "(" + x[i] + "): expected " + expected[i] + ", got " + actual[i]);
    }
  }
}
