package dev.vectorgrad.tensor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * F32 transcendentals on whole vectors, computed in float lanes: range reduction, then a minimax
 * polynomial, using FMA throughout. Polynomial coefficients come from a Remez exchange (mpmath, 60
 * digits) for the relative error on the stated interval, rounded to float.
 *
 * <p>Maximum error against {@code Math} in double, in ulps of the float result, measured over
 * all 2^32 float inputs: <b>exp 1.014</b> (9 inputs above 1 ulp), <b>log 0.937</b>, <b>tanh
 * 1.332</b> (just above the 0.625 switch). {@code TranscendentalAccuracyTest} re-checks a dense
 * sweep against these bounds. Special values follow {@code Math}: NaN propagates, exp(-inf) = 0,
 * exp(x > 88.72284) = +inf, subnormal results down to exp(-103.97), log(0) = -inf, log(x < 0) =
 * NaN, log(+inf) = +inf, log of subnormals exact to the same bound, tanh(-0.0) = -0.0.
 *
 * <p>The JDK's own {@code VectorOperators.EXP}/{@code TANH} are deliberately not used: where the
 * JDK has no vector math library for the platform they fall back to per-lane {@code Math} calls.
 * (On JDK 25 on x86-64 Linux it ships SVML, and its EXP measured about 2x faster than {@link
 * #exp} on cache-resident data; at 16M elements both are memory-bound.)
 */
final class FloatMath {
  private FloatMath() {}

  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  private static final float LOG2E = 1.442695040888963f;
  /** ln 2 as float plus the rest; with FMA, {@code x - n * LN2_HI} is exact in the reduction. */
  private static final float LN2_HI = 0.6931471824645996f;

  private static final float LN2_LO = -1.9046542121259336e-09f;
  /** 1.5 * 2^23: adding it rounds a float of magnitude below 2^22 to an integer in the low bits. */
  private static final float ROUND = 12582912f;

  private static final int ROUND_BITS = 0x4B400000;

  /** (e^r - 1 - r) / r^2 on [-ln2/2, ln2/2]; e^r's relative error 3.1e-9. */
  private static final float[] EXP = {
    0.4999999403953552f, 0.1666652113199234f, 0.04166838526725769f, 0.008368714712560177f,
    0.0013815333368256688f
  };

  /**
   * e^x. Reduction x = n ln2 + r with |r| <= ln2/2; 2^n is applied in two halves, so results
   * that are subnormal round once and overflow gives +inf.
   */
  static FloatVector exp(FloatVector x) {
    // Beyond these the result is 0 or +inf. Compare and blend, not max/min: NaN stays, and Java's
    // max semantics cost several instructions (measured 1.8x slower for the whole function).
    FloatVector clamped = x.blend(-104f, x.lt(-104f)).blend(89f, x.compare(VectorOperators.GT, 89f));
    FloatVector shifted = clamped.fma(LOG2E, ROUND);
    FloatVector n = shifted.sub(ROUND);
    FloatVector r = n.fma(FloatVector.broadcast(S, -LN2_HI), clamped);
    r = n.fma(FloatVector.broadcast(S, -LN2_LO), r);
    FloatVector er = r.mul(r).fma(polynomial(r, EXP), r).add(1f);
    IntVector ni = shifted.reinterpretAsInts().sub(ROUND_BITS);
    IntVector half = ni.lanewise(VectorOperators.ASHR, 1);
    return er.mul(powerOfTwo(half)).mul(powerOfTwo(ni.sub(half)));
  }

  /** 2^k for k in [-126, 127]. */
  private static FloatVector powerOfTwo(IntVector k) {
    return k.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
  }

  /** (log1p(f) - f + f^2/2) / f^3 on [sqrt(1/2) - 1, sqrt(2) - 1]; log1p's relative error 5.8e-9. */
  private static final float[] LOG = {
    0.3333333134651184f, -0.2500081956386566f, 0.20001226663589478f, -0.16623356938362122f,
    0.14201757311820984f, -0.13160182535648346f, 0.1276157796382904f, -0.07634499669075012f
  };

  /** Bits of sqrt(1/2): subtracting them centres the mantissa on [sqrt(1/2), sqrt(2)). */
  private static final int SQRT_HALF_BITS = 0x3f3504f3;

  /** log x = e ln2 + log1p(f) with x = 2^e (1 + f), 1 + f in [sqrt(1/2), sqrt(2)). */
  static FloatVector log(FloatVector x) {
    VectorMask<Float> subnormal = x.lt(Float.MIN_NORMAL);
    FloatVector scaled = x.blend(x.mul(8388608f), subnormal); // 2^23 makes subnormals normal
    IntVector bits = scaled.reinterpretAsInts().sub(SQRT_HALF_BITS);
    IntVector exponent = bits.lanewise(VectorOperators.ASHR, 23);
    FloatVector f = bits.and(0x007fffff).add(SQRT_HALF_BITS).reinterpretAsFloats().sub(1f);
    FloatVector e = ((FloatVector) exponent.convert(VectorOperators.I2F, 0))
        .sub(FloatVector.zero(S).blend(23f, subnormal));
    FloatVector f2 = f.mul(f);
    FloatVector log1pf = f2.fma(f.fma(polynomial(f, LOG), FloatVector.broadcast(S, -0.5f)), f);
    FloatVector ln2Lo = e.fma(FloatVector.broadcast(S, LN2_LO), log1pf);
    FloatVector result = e.fma(FloatVector.broadcast(S, LN2_HI), ln2Lo);
    result = result.blend(Float.NEGATIVE_INFINITY, x.eq(0f));
    result = result.blend(Float.NaN, x.lt(0f));
    return result.blend(x, x.eq(Float.POSITIVE_INFINITY).or(x.test(VectorOperators.IS_NAN)));
  }

  /** (tanh(x) - x) / x^3 as a polynomial in x^2 on [0, 0.625]; relative error 4.4e-9. */
  private static final float[] TANH = {
    -0.3333328068256378f, 0.13331441581249237f, -0.05373971536755562f, 0.0206390880048275f,
    -0.005704987328499556f
  };

  private static final float TANH_SMALL = 0.625f;

  /** Odd polynomial below 0.625, where 1 - 2/(e^2|x| + 1) would cancel; that formula above. */
  static FloatVector tanh(FloatVector x) {
    FloatVector a = x.abs();
    FloatVector x2 = x.mul(x);
    FloatVector small = x.mul(x2).fma(polynomial(x2, TANH), x);
    FloatVector large = FloatVector.broadcast(S, 1f).sub(
        FloatVector.broadcast(S, 2f).div(exp(a.add(a)).add(1f)));
    large = large.blend(large.neg(), x.lt(0f));
    // x + x^3 p would turn -0.0 into 0.0
    return large.blend(small, a.lt(TANH_SMALL)).blend(x, x.eq(0f));
  }

  /** Horner's rule for {@code c[0] + c[1] t + c[2] t^2 + ...}; C2 unrolls it, the array is constant. */
  private static FloatVector polynomial(FloatVector t, float[] c) {
    FloatVector p = FloatVector.broadcast(S, c[c.length - 1]);
    for (int i = c.length - 2; i >= 0; i--) {
      p = p.fma(t, FloatVector.broadcast(S, c[i]));
    }
    return p;
  }
}
