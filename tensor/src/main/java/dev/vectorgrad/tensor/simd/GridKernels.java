package dev.vectorgrad.tensor.simd;

import static dev.vectorgrad.tensor.simd.FloatMath.S;

import jdk.incubator.vector.FloatVector;

/**
 * The two register-blocked micro-kernels of {@link GridConvolution}: up to 14 rows of two vectors of
 * channels, like {@link SgemmKernel}'s register block (two FMAs per broadcast, 175 GFLOP/s in L1 on
 * this machine), but with one operand read straight from an image's padded planes instead of from a
 * packed panel.
 *
 * <p>On the grid of a convolution (see {@link GridConvolution}), the input under tap {@code t} of
 * grid cell {@code g} is {@code planes[g + t]}. So {@link #cells} (the product over taps) reads 14
 * consecutive cells at one tap offset per step, and {@link #taps} (the sum over cells) reads one
 * cell at 12 tap offsets fixed for the whole loop. Neither needs the unfolded columns of im2col,
 * nor a packed copy of them.
 */
final class GridKernels {
  /** Rows of {@link #cells}' register block: grid cells. */
  static final int MR = 14;
  /**
   * Rows of {@link #taps}' register block. Its tap offsets live in registers beside the
   * accumulators: with 14 rows C2 sometimes gave up allocating them ("failed spill-split-recycle
   * sanity check"), leaving the kernel to C1 and 60 times slower; 12 rows were also about 20 %
   * faster in a micro-benchmark (fewer spills).
   */
  static final int TAP_ROWS = 12;
  /** Channels of both register blocks: two vectors. */
  static final int NR = 2 * S.length();
  private static final int L = S.length();

  private GridKernels() {}

  /**
   * {@code out[to + i * ldo + j] = sum over p of planes[g0 + i + taps[p]] * weights[wo + p * NR + j]}
   * for {@code i < MR}, {@code j < NR} and {@code from <= p < end}: cells {@code g0..g0+13} of the
   * grid times a tap-major panel of {@code NR} output channels, summed over the taps in order, one
   * FMA chain per element from 0.
   */
  static void cells(float[] planes, int g0, int[] taps, int from, int end, float[] weights, int wo, float[] out,
      int to, int ldo) {
    FloatVector r0lo = FloatVector.zero(S);
    FloatVector r0hi = r0lo;
    FloatVector r1lo = FloatVector.zero(S);
    FloatVector r1hi = r1lo;
    FloatVector r2lo = FloatVector.zero(S);
    FloatVector r2hi = r2lo;
    FloatVector r3lo = FloatVector.zero(S);
    FloatVector r3hi = r3lo;
    FloatVector r4lo = FloatVector.zero(S);
    FloatVector r4hi = r4lo;
    FloatVector r5lo = FloatVector.zero(S);
    FloatVector r5hi = r5lo;
    FloatVector r6lo = FloatVector.zero(S);
    FloatVector r6hi = r6lo;
    FloatVector r7lo = FloatVector.zero(S);
    FloatVector r7hi = r7lo;
    FloatVector r8lo = FloatVector.zero(S);
    FloatVector r8hi = r8lo;
    FloatVector r9lo = FloatVector.zero(S);
    FloatVector r9hi = r9lo;
    FloatVector r10lo = FloatVector.zero(S);
    FloatVector r10hi = r10lo;
    FloatVector r11lo = FloatVector.zero(S);
    FloatVector r11hi = r11lo;
    FloatVector r12lo = FloatVector.zero(S);
    FloatVector r12hi = r12lo;
    FloatVector r13lo = FloatVector.zero(S);
    FloatVector r13hi = r13lo;
    for (int p = from; p < end; p++) {
      int at = g0 + taps[p];
      int bt = wo + p * NR;
      FloatVector lo = FloatVector.fromArray(S, weights, bt);
      FloatVector hi = FloatVector.fromArray(S, weights, bt + L);
      FloatVector a0 = FloatVector.broadcast(S, planes[at + 0]);
      r0lo = a0.fma(lo, r0lo);
      r0hi = a0.fma(hi, r0hi);
      FloatVector a1 = FloatVector.broadcast(S, planes[at + 1]);
      r1lo = a1.fma(lo, r1lo);
      r1hi = a1.fma(hi, r1hi);
      FloatVector a2 = FloatVector.broadcast(S, planes[at + 2]);
      r2lo = a2.fma(lo, r2lo);
      r2hi = a2.fma(hi, r2hi);
      FloatVector a3 = FloatVector.broadcast(S, planes[at + 3]);
      r3lo = a3.fma(lo, r3lo);
      r3hi = a3.fma(hi, r3hi);
      FloatVector a4 = FloatVector.broadcast(S, planes[at + 4]);
      r4lo = a4.fma(lo, r4lo);
      r4hi = a4.fma(hi, r4hi);
      FloatVector a5 = FloatVector.broadcast(S, planes[at + 5]);
      r5lo = a5.fma(lo, r5lo);
      r5hi = a5.fma(hi, r5hi);
      FloatVector a6 = FloatVector.broadcast(S, planes[at + 6]);
      r6lo = a6.fma(lo, r6lo);
      r6hi = a6.fma(hi, r6hi);
      FloatVector a7 = FloatVector.broadcast(S, planes[at + 7]);
      r7lo = a7.fma(lo, r7lo);
      r7hi = a7.fma(hi, r7hi);
      FloatVector a8 = FloatVector.broadcast(S, planes[at + 8]);
      r8lo = a8.fma(lo, r8lo);
      r8hi = a8.fma(hi, r8hi);
      FloatVector a9 = FloatVector.broadcast(S, planes[at + 9]);
      r9lo = a9.fma(lo, r9lo);
      r9hi = a9.fma(hi, r9hi);
      FloatVector a10 = FloatVector.broadcast(S, planes[at + 10]);
      r10lo = a10.fma(lo, r10lo);
      r10hi = a10.fma(hi, r10hi);
      FloatVector a11 = FloatVector.broadcast(S, planes[at + 11]);
      r11lo = a11.fma(lo, r11lo);
      r11hi = a11.fma(hi, r11hi);
      FloatVector a12 = FloatVector.broadcast(S, planes[at + 12]);
      r12lo = a12.fma(lo, r12lo);
      r12hi = a12.fma(hi, r12hi);
      FloatVector a13 = FloatVector.broadcast(S, planes[at + 13]);
      r13lo = a13.fma(lo, r13lo);
      r13hi = a13.fma(hi, r13hi);
    }
    r0lo.intoArray(out, to + 0 * ldo);
    r0hi.intoArray(out, to + 0 * ldo + L);
    r1lo.intoArray(out, to + 1 * ldo);
    r1hi.intoArray(out, to + 1 * ldo + L);
    r2lo.intoArray(out, to + 2 * ldo);
    r2hi.intoArray(out, to + 2 * ldo + L);
    r3lo.intoArray(out, to + 3 * ldo);
    r3hi.intoArray(out, to + 3 * ldo + L);
    r4lo.intoArray(out, to + 4 * ldo);
    r4hi.intoArray(out, to + 4 * ldo + L);
    r5lo.intoArray(out, to + 5 * ldo);
    r5hi.intoArray(out, to + 5 * ldo + L);
    r6lo.intoArray(out, to + 6 * ldo);
    r6hi.intoArray(out, to + 6 * ldo + L);
    r7lo.intoArray(out, to + 7 * ldo);
    r7hi.intoArray(out, to + 7 * ldo + L);
    r8lo.intoArray(out, to + 8 * ldo);
    r8hi.intoArray(out, to + 8 * ldo + L);
    r9lo.intoArray(out, to + 9 * ldo);
    r9hi.intoArray(out, to + 9 * ldo + L);
    r10lo.intoArray(out, to + 10 * ldo);
    r10hi.intoArray(out, to + 10 * ldo + L);
    r11lo.intoArray(out, to + 11 * ldo);
    r11hi.intoArray(out, to + 11 * ldo + L);
    r12lo.intoArray(out, to + 12 * ldo);
    r12hi.intoArray(out, to + 12 * ldo + L);
    r13lo.intoArray(out, to + 13 * ldo);
    r13hi.intoArray(out, to + 13 * ldo + L);
  }

  /**
   * {@code acc[ao + i * NR + j] += sum over s of planes[image + taps[k0 + i] + cells[s]] * grad[go + s
   * * ldg + j]} for {@code i < TAP_ROWS}, {@code j < NR} and positions {@code s < positions}: the gradient of
   * position {@code s} is a row of {@code NR} channels, its grid cell {@code cells[s]}. Each element
   * continues its FMA chain from {@code acc}. One flat loop over positions: with a loop over rows and
   * one over the row's cells, C2 compiled the kernel at half speed in about half the runs.
   */
  static void taps(float[] planes, int image, int[] taps, int k0, int[] cells, int positions, float[] grad, int go,
      int ldg, float[] acc, int ao) {
    int t0 = image + taps[k0];
    int t1 = image + taps[k0 + 1];
    int t2 = image + taps[k0 + 2];
    int t3 = image + taps[k0 + 3];
    int t4 = image + taps[k0 + 4];
    int t5 = image + taps[k0 + 5];
    int t6 = image + taps[k0 + 6];
    int t7 = image + taps[k0 + 7];
    int t8 = image + taps[k0 + 8];
    int t9 = image + taps[k0 + 9];
    int t10 = image + taps[k0 + 10];
    int t11 = image + taps[k0 + 11];
    FloatVector r0lo = FloatVector.fromArray(S, acc, ao);
    FloatVector r0hi = FloatVector.fromArray(S, acc, ao + L);
    FloatVector r1lo = FloatVector.fromArray(S, acc, ao + 1 * NR);
    FloatVector r1hi = FloatVector.fromArray(S, acc, ao + 1 * NR + L);
    FloatVector r2lo = FloatVector.fromArray(S, acc, ao + 2 * NR);
    FloatVector r2hi = FloatVector.fromArray(S, acc, ao + 2 * NR + L);
    FloatVector r3lo = FloatVector.fromArray(S, acc, ao + 3 * NR);
    FloatVector r3hi = FloatVector.fromArray(S, acc, ao + 3 * NR + L);
    FloatVector r4lo = FloatVector.fromArray(S, acc, ao + 4 * NR);
    FloatVector r4hi = FloatVector.fromArray(S, acc, ao + 4 * NR + L);
    FloatVector r5lo = FloatVector.fromArray(S, acc, ao + 5 * NR);
    FloatVector r5hi = FloatVector.fromArray(S, acc, ao + 5 * NR + L);
    FloatVector r6lo = FloatVector.fromArray(S, acc, ao + 6 * NR);
    FloatVector r6hi = FloatVector.fromArray(S, acc, ao + 6 * NR + L);
    FloatVector r7lo = FloatVector.fromArray(S, acc, ao + 7 * NR);
    FloatVector r7hi = FloatVector.fromArray(S, acc, ao + 7 * NR + L);
    FloatVector r8lo = FloatVector.fromArray(S, acc, ao + 8 * NR);
    FloatVector r8hi = FloatVector.fromArray(S, acc, ao + 8 * NR + L);
    FloatVector r9lo = FloatVector.fromArray(S, acc, ao + 9 * NR);
    FloatVector r9hi = FloatVector.fromArray(S, acc, ao + 9 * NR + L);
    FloatVector r10lo = FloatVector.fromArray(S, acc, ao + 10 * NR);
    FloatVector r10hi = FloatVector.fromArray(S, acc, ao + 10 * NR + L);
    FloatVector r11lo = FloatVector.fromArray(S, acc, ao + 11 * NR);
    FloatVector r11hi = FloatVector.fromArray(S, acc, ao + 11 * NR + L);
    for (int s = 0; s < positions; s++) {
      int g = cells[s];
      int bt = go + s * ldg;
      FloatVector lo = FloatVector.fromArray(S, grad, bt);
      FloatVector hi = FloatVector.fromArray(S, grad, bt + L);
      FloatVector a0 = FloatVector.broadcast(S, planes[t0 + g]);
      r0lo = a0.fma(lo, r0lo);
      r0hi = a0.fma(hi, r0hi);
      FloatVector a1 = FloatVector.broadcast(S, planes[t1 + g]);
      r1lo = a1.fma(lo, r1lo);
      r1hi = a1.fma(hi, r1hi);
      FloatVector a2 = FloatVector.broadcast(S, planes[t2 + g]);
      r2lo = a2.fma(lo, r2lo);
      r2hi = a2.fma(hi, r2hi);
      FloatVector a3 = FloatVector.broadcast(S, planes[t3 + g]);
      r3lo = a3.fma(lo, r3lo);
      r3hi = a3.fma(hi, r3hi);
      FloatVector a4 = FloatVector.broadcast(S, planes[t4 + g]);
      r4lo = a4.fma(lo, r4lo);
      r4hi = a4.fma(hi, r4hi);
      FloatVector a5 = FloatVector.broadcast(S, planes[t5 + g]);
      r5lo = a5.fma(lo, r5lo);
      r5hi = a5.fma(hi, r5hi);
      FloatVector a6 = FloatVector.broadcast(S, planes[t6 + g]);
      r6lo = a6.fma(lo, r6lo);
      r6hi = a6.fma(hi, r6hi);
      FloatVector a7 = FloatVector.broadcast(S, planes[t7 + g]);
      r7lo = a7.fma(lo, r7lo);
      r7hi = a7.fma(hi, r7hi);
      FloatVector a8 = FloatVector.broadcast(S, planes[t8 + g]);
      r8lo = a8.fma(lo, r8lo);
      r8hi = a8.fma(hi, r8hi);
      FloatVector a9 = FloatVector.broadcast(S, planes[t9 + g]);
      r9lo = a9.fma(lo, r9lo);
      r9hi = a9.fma(hi, r9hi);
      FloatVector a10 = FloatVector.broadcast(S, planes[t10 + g]);
      r10lo = a10.fma(lo, r10lo);
      r10hi = a10.fma(hi, r10hi);
      FloatVector a11 = FloatVector.broadcast(S, planes[t11 + g]);
      r11lo = a11.fma(lo, r11lo);
      r11hi = a11.fma(hi, r11hi);
    }
    r0lo.intoArray(acc, ao);
    r0hi.intoArray(acc, ao + L);
    r1lo.intoArray(acc, ao + 1 * NR);
    r1hi.intoArray(acc, ao + 1 * NR + L);
    r2lo.intoArray(acc, ao + 2 * NR);
    r2hi.intoArray(acc, ao + 2 * NR + L);
    r3lo.intoArray(acc, ao + 3 * NR);
    r3hi.intoArray(acc, ao + 3 * NR + L);
    r4lo.intoArray(acc, ao + 4 * NR);
    r4hi.intoArray(acc, ao + 4 * NR + L);
    r5lo.intoArray(acc, ao + 5 * NR);
    r5hi.intoArray(acc, ao + 5 * NR + L);
    r6lo.intoArray(acc, ao + 6 * NR);
    r6hi.intoArray(acc, ao + 6 * NR + L);
    r7lo.intoArray(acc, ao + 7 * NR);
    r7hi.intoArray(acc, ao + 7 * NR + L);
    r8lo.intoArray(acc, ao + 8 * NR);
    r8hi.intoArray(acc, ao + 8 * NR + L);
    r9lo.intoArray(acc, ao + 9 * NR);
    r9hi.intoArray(acc, ao + 9 * NR + L);
    r10lo.intoArray(acc, ao + 10 * NR);
    r10hi.intoArray(acc, ao + 10 * NR + L);
    r11lo.intoArray(acc, ao + 11 * NR);
    r11hi.intoArray(acc, ao + 11 * NR + L);
  }
}
