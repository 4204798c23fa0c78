package dev.vectorgrad.tensor.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * F32 functions evaluated in double lanes: each float is widened, the function is computed to
 * about 1e-9 relative error or better in double, and the result is rounded to float once. Nothing
 * but that final rounding is left, so results are within about half an ulp, at twice the vector
 * work of float lanes. Used for the functions whose float-lane versions measured above 2 ulp
 * (sigmoid 2.3, log1p 2.4, softplus 2.6: an exp's error plus two roundings) or would lose the
 * tails (gelu's {@code x Phi(x)} needs erfc to full relative precision far below 0), and for
 * rsqrt, which this way equals the scalar backend's {@code 1.0 / Math.sqrt(x)} bit for bit.
 *
 * <p>Maximum error against float64 in ulps of the float result, measured over all 2^32 float
 * inputs: <b>sigmoid 0.500, log1p 0.500, softplus 0.500, erf 0.512, gelu 0.530</b>; rsqrt is
 * exact. Coefficients come from a Remez exchange (mpmath, 60 digits) for relative error on the
 * stated interval. Each function must stay small enough for C2 to inline all of it into one loop
 * (see {@code FloatKernels}); that is why softplus does not reuse {@link #log1p}.
 */
final class WideMath {
  private WideMath() {}

  static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
  /** Floats with as many lanes as {@link #D}: one load widens into one double vector. */
  static final VectorSpecies<Float> HALF =
      VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));

  /** Widens {@code HALF.length()} floats from {@code a[i...]} to doubles. */
  static DoubleVector load(float[] a, int i) {
    return (DoubleVector) FloatVector.fromArray(HALF, a, i).convertShape(VectorOperators.F2D, D, 0);
  }

  /** Rounds to float and stores at {@code a[i...]}. */
  static void store(DoubleVector v, float[] a, int i) {
    ((FloatVector) v.convertShape(VectorOperators.D2F, HALF, 0)).intoArray(a, i);
  }

  /** {@code 1 / sqrt(x)} in double, as the scalar backend computes it. */
  static DoubleVector rsqrt(DoubleVector x) {
    return DoubleVector.broadcast(D, 1.0).div(x.sqrt());
  }

  private static final double LOG2E = 1.4426950408889634;
  private static final double LN2_HI = 0.6931471805599453;
  private static final double LN2_LO = 2.3190468138462996e-17;
  /** 1.5 * 2^52: adding it rounds to an integer held in the low mantissa bits. */
  private static final double ROUND = 6755399441055744.0;

  private static final long ROUND_BITS = Double.doubleToRawLongBits(ROUND);

  /** (e^r - 1 - r) / r^2 on [-ln2/2, ln2/2]; e^r's relative error 1.1e-12. */
  private static final double[] EXP = {
    0.500000000042681, 0.16666666784441886, 0.041666664405074993, 0.008333281808073169,
    0.0013889197131173607, 0.00019908938947229494, 2.470828821285067e-05
  };

  /** e^x to 1.2e-12 relative for x in [-708, 709]; 0 below (only used for arguments <= 0 here). */
  static DoubleVector exp(DoubleVector x) {
    DoubleVector clamped = x.blend(-708.0, x.lt(-708.0)).blend(709.0, x.compare(VectorOperators.GT, 709.0));
    DoubleVector shifted = clamped.fma(LOG2E, ROUND);
    DoubleVector n = shifted.sub(ROUND);
    DoubleVector r = n.fma(DoubleVector.broadcast(D, -LN2_HI), clamped);
    r = n.fma(DoubleVector.broadcast(D, -LN2_LO), r);
    DoubleVector er = r.mul(r).fma(polynomial(r, EXP), r).add(1.0);
    LongVector k = shifted.reinterpretAsLongs().sub(ROUND_BITS);
    DoubleVector scale = k.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
    return er.mul(scale).blend(0.0, x.lt(-708.0));
  }

  /** (log1p(f) - f + f^2/2) / f^3 on [sqrt(1/2) - 1, sqrt(2) - 1]; relative error 2.0e-11. */
  private static final double[] LOG = {
    0.333333338924159, -0.2499999707633686, 0.1999991124990229, -0.16666855070663072,
    0.14290174600162311, -0.12498287300178908, 0.1101478937549329, -0.09924536494709257,
    0.09988484019345484, -0.09863083039525927, 0.053867797654247616
  };

  /** Bits of sqrt(1/2): subtracting them centres the mantissa on [sqrt(1/2), sqrt(2)). */
  private static final long SQRT_HALF_BITS = 0x3FE6A09E667F3BCDL;

  /**
   * log x = e ln2 + log1p(f) with x = 2^e (1 + f), 1 + f in [sqrt(1/2), sqrt(2)), for normal x
   * (every widened float is normal in double). A polynomial rather than the atanh series, whose
   * division costs more than the extra FMAs.
   */
  static DoubleVector log(DoubleVector x) {
    LongVector bits = x.reinterpretAsLongs().sub(SQRT_HALF_BITS);
    DoubleVector e = (DoubleVector) bits.lanewise(VectorOperators.ASHR, 52).convert(VectorOperators.L2D, 0);
    DoubleVector f = bits.and(0x000FFFFFFFFFFFFFL).add(SQRT_HALF_BITS).reinterpretAsDoubles().sub(1.0);
    DoubleVector log1pf = f.mul(f).fma(f.fma(polynomial(f, LOG), DoubleVector.broadcast(D, -0.5)), f);
    DoubleVector result = e.fma(DoubleVector.broadcast(D, LN2_HI), e.fma(DoubleVector.broadcast(D, LN2_LO), log1pf));
    result = result.blend(Double.NEGATIVE_INFINITY, x.eq(0.0));
    result = result.blend(Double.NaN, x.lt(0.0));
    return result.blend(x, x.eq(Double.POSITIVE_INFINITY).or(x.test(VectorOperators.IS_NAN)));
  }

  /**
   * log(1 + x) = log(u) + c / u, where u = 1 + x rounded and c = (1 + x) - u is its rounding error,
   * computed exactly ({@code x - (u - 1)} below 1, {@code 1 - (u - x)} above, both exact by
   * Sterbenz's lemma); this also gives x itself where u rounds to 1.
   */
  static DoubleVector log1p(DoubleVector x) {
    DoubleVector u = x.add(1.0);
    DoubleVector c = x.sub(u.sub(1.0)).blend(DoubleVector.broadcast(D, 1.0).sub(u.sub(x)), x.lt(1.0).not());
    DoubleVector result = log(u).add(c.div(u)).blend(Double.NEGATIVE_INFINITY, u.eq(0.0)); // not 0/0
    return result.blend(x, x.eq(0.0).or(x.eq(Double.POSITIVE_INFINITY)));
  }

  /** 1/(1 + t) for x >= 0 and t/(1 + t) below, with t = e^-|x| <= 1: no overflow, no cancellation. */
  static DoubleVector sigmoid(DoubleVector x) {
    DoubleVector t = exp(x.abs().neg());
    DoubleVector numerator = DoubleVector.broadcast(D, 1.0).blend(t, x.lt(0.0));
    return numerator.div(t.add(1.0));
  }

  /** (2 atanh(s) - 2s) / s^3 as a polynomial in s^2 on [0, 1/3]; relative error 2.7e-12. */
  private static final double[] ATANH = {
    0.666666663635595, 0.4000005243626715, 0.28568419431038716, 0.22301078536036523,
    0.1715130902395891, 0.21781841075717498
  };

  /**
   * max(x, 0) + log1p(t) with t = e^-|x| in (0, 1], which never overflows; log1p(t) = 2 atanh(s)
   * with s = t / (2 + t) in (0, 1/3] needs one division and a short odd polynomial, cheaper than
   * {@link #log1p} (exp and the general log1p in one loop outgrow C2's inlining budget).
   */
  static DoubleVector softplus(DoubleVector x) {
    DoubleVector t = exp(x.abs().neg());
    DoubleVector s = t.div(t.add(2.0));
    DoubleVector s2 = s.mul(s);
    return x.max(0.0).add(s.fma(s2.mul(polynomial(s2, ATANH)), s.add(s)));
  }

  /** erfc(z) e^(z^2) / t with t = 1/(1 + 0.3 z), a polynomial in t on [0, 1]; relative error 1.8e-9. */
  private static final double[] ERFC = {
    0.16925687536456488, 0.1692568202298835, 0.16164171985864004, 0.14640336515382665,
    0.12438820565387718, 0.10086824643616399, 0.05443053586662477, 0.0980310842491764,
    -0.09360971025305864, 0.1550420082782527, -0.11111940207498221, 0.025410253010890654
  };

  /**
   * erfc(z) for z >= 0, +inf and NaN included, to 1.8e-9 relative: one formula for every z, so no
   * branch is computed twice, and relative accuracy holds deep in the tail where erfc is tiny.
   */
  static DoubleVector erfc(DoubleVector z) {
    DoubleVector t = DoubleVector.broadcast(D, 1.0).div(z.fma(0.3, 1.0));
    return t.mul(exp(z.mul(z).neg())).mul(polynomial(t, ERFC));
  }

  /** erf(z) / z as a polynomial in z^2 on [0, 1/2]; relative error 1.2e-11. */
  private static final double[] ERF = {
    1.1283791670820784, -0.37612638519105107, 0.11283773805326207, -0.026863119879815954,
    0.005200308317641236, -0.0007692853134834964
  };

  /**
   * The Gauss error function: an odd polynomial below 1/2 (where 1 - erfc would cancel), {@code
   * sign(x) (1 - erfc(|x|))} above, whose absolute error 1.8e-9 erfc is below 2e-9 of erf there.
   */
  static DoubleVector erf(DoubleVector x) {
    DoubleVector a = x.abs();
    DoubleVector large = DoubleVector.broadcast(D, 1.0).sub(erfc(a));
    large = large.blend(large.neg(), x.lt(0.0));
    return large.blend(x.mul(polynomial(x.mul(x), ERF)), a.lt(0.5));
  }

  /**
   * x Phi(x) with Phi(x) = erfc(|x|/sqrt 2)/2 for x < 0 and 1 - that for x >= 0: the negative tail
   * never subtracts, so gelu keeps its relative accuracy down to where it underflows F32.
   */
  static DoubleVector gelu(DoubleVector x) {
    DoubleVector halfErfc = erfc(x.abs().mul(0.7071067811865476)).mul(0.5);
    VectorMask<Double> negative = x.lt(0.0);
    return x.mul(DoubleVector.broadcast(D, 1.0).sub(halfErfc).blend(halfErfc, negative));
  }

  /** Horner's rule for {@code c[0] + c[1] t + c[2] t^2 + ...}. */
  private static DoubleVector polynomial(DoubleVector t, double[] c) {
    DoubleVector p = DoubleVector.broadcast(D, c[c.length - 1]);
    for (int i = c.length - 2; i >= 0; i--) {
      p = p.fma(t, DoubleVector.broadcast(D, c[i]));
    }
    return p;
  }
}
