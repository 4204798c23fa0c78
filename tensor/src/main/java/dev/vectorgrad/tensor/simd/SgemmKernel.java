package dev.vectorgrad.tensor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * F32 GEMM: the register-blocked micro-kernel, and the arrays {@link GemmDriver} walks it over.
 *
 * <p>The micro-kernel holds an {@link #MR} x {@link #NR} block of C in {@code 2 * MR} vector
 * registers ({@code NR} is two vectors, 16 floats each with AVX-512) for a whole pass over k. Each
 * step of k loads the two vectors of one packed row of B, broadcasts the {@code MR} values of one
 * packed column of A, and issues {@code 2 * MR} independent fused multiply-adds, enough to hide
 * the FMA latency on both FMA units. With {@code MR = 14} the 28 accumulators, the two B vectors
 * and the broadcasts fill the 32 AVX-512 registers without spilling.
 *
 * <p>Measured in L1 on this machine (AVX-512, F32, GFLOP/s of one core whose FMA peak measures
 * about 215): 14 x 2 vectors 175, 12 x 2 175, 8 x 2 160, 6 x 2 145, 8 x 3 150, 6 x 3 155, 4 x 4
 * 155, 6 x 4 143, 9 x 3 100 (spills). Unrolling k by two or four was slower for every shape (C2
 * hoists the next step's loads and spills), so the loop stays rolled; B is read at the constant
 * stride {@code NR} so that C2 can hoist the bounds checks out of it (a variable stride cost 5 %).
 */
final class SgemmKernel extends GemmDriver {
  static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  static final int LANES = SPECIES.length();
  static final int MR = 14;
  static final int NR = 2 * LANES;

  private final float[] left;
  private final float[] right;
  private final float[] out;
  private final float[] packedB;

  SgemmKernel(float[] left, Gemm.Operand a, float[] right, Gemm.Operand b, float[] out, int outOffset, int batches, int m, int n, int k) {
    super(MR, NR, 4, batches, m, n, k, a, b, outOffset);
    this.left = left;
    this.right = right;
    this.out = out;
    packedB = takeFloats(PACKED_B, packedBLength());
  }

  @Override
  void release() {
    giveFloats(PACKED_B, packedB);
  }

  @Override
  void packBPanel(int batch, int col, int pc, int kc) {
    GemmPacking.packColumns(right, b.offset() + batch * b.batchStride() + pc * b.rowStride(), b.rowStride(), b.colStride(), n,
        kc, col, 1, NR, packedB, 0);
  }

  @Override
  void packB(int slot, int batch, int panel, int panels) {
    GemmPacking.packColumns(right, b.offset() + batch * b.batchStride(), b.rowStride(), b.colStride(), n, k,
        panel * NR, panels, NR, packedB, slot * packedBSize + panel * NR * k);
  }

  @Override
  Object takeBlock() {
    return takeFloats(PACKED_A, blockSize);
  }

  @Override
  void giveBlock(Object block) {
    giveFloats(PACKED_A, (float[]) block);
  }

  @Override
  void packA(Object block, int batch, int row0, int row1) {
    int from = a.offset() + batch * a.batchStride();
    for (int row = row0, at = 0; row < row1; row += MR, at += MR * k) {
      GemmPacking.packRows(left, from, a.rowStride(), a.colStride(), m, k, row, MR, (float[]) block, at);
    }
  }

  @Override
  void kernel(Object block, int ao, int bo, int kc, int co, int ldc) {
    kernel((float[]) block, ao, packedB, bo, kc, out, co, ldc);
  }

  /**
   * An edge tile: only {@code rows x cols} of C exist. A short row panel (the last one whenever m
   * is not a multiple of 14, as for batches of 32, 64 or 128) goes four rows at a time through
   * {@link #quadKernel}, so its cost follows its rows: the last two rows of a batch of 128 had cost
   * as much as a full panel plus the copies, 15 % of a {@code [128, 784] x [784, 256]} product.
   * What does not fill a kernel runs on a scratch copy of its corner of C; the zero padding of the
   * packed panels makes the extra rows and columns harmless.
   */
  @Override
  void edge(Object block, int ao, int bo, int kc, int co, int ldc, int rows, int cols) {
    float[] pa = (float[]) block;
    if (rows == MR) {
      float[] scratch = new float[MR * NR];
      copy(out, co, ldc, scratch, 0, NR, rows, cols);
      kernel(pa, ao, packedB, bo, kc, scratch, 0, NR);
      copy(scratch, 0, NR, out, co, ldc, rows, cols);
      return;
    }
    for (int i = 0; i < rows; i += QUAD) {
      int quad = Math.min(QUAD, rows - i);
      if (quad == QUAD && cols == NR) {
        quadKernel(pa, ao + i, packedB, bo, kc, out, co + i * ldc, ldc);
      } else {
        // The four panel rows ending at row i + 3 or at the panel's last row, whichever is first,
        // so that the kernel never reads past the panel (nor past a block that ends with it).
        int first = Math.min(i, MR - QUAD);
        int skip = (i - first) * NR;
        float[] scratch = new float[QUAD * NR];
        copy(out, co + i * ldc, ldc, scratch, skip, NR, quad, cols);
        quadKernel(pa, ao + first, packedB, bo, kc, scratch, 0, NR);
        copy(scratch, skip, NR, out, co + i * ldc, ldc, quad, cols);
      }
    }
  }

  /** Copies {@code rows x cols} values between two row-major blocks. */
  private static void copy(float[] from, int at, int stride, float[] to, int to0, int toStride, int rows, int cols) {
    for (int i = 0; i < rows; i++) {
      System.arraycopy(from, at + i * stride, to, to0 + i * toStride, cols);
    }
  }

  /** Rows of {@link #quadKernel}. */
  static final int QUAD = 4;

  /**
   * {@link #kernel} for the first {@link #QUAD} rows of a packed row panel (A at {@code pa[ao + p
   * * MR + i]}, {@code i < 4}): the same FMA chain per element, so the same bits. Eight
   * accumulators are just enough to cover the FMA latency on both units.
   */
  static void quadKernel(float[] pa, int ao, float[] pb, int bo, int kc, float[] c, int co, int ldc) {
    int row0 = co;
    int row1 = co + ldc;
    int row2 = co + 2 * ldc;
    int row3 = co + 3 * ldc;
    FloatVector r0lo = FloatVector.fromArray(SPECIES, c, row0);
    FloatVector r0hi = FloatVector.fromArray(SPECIES, c, row0 + LANES);
    FloatVector r1lo = FloatVector.fromArray(SPECIES, c, row1);
    FloatVector r1hi = FloatVector.fromArray(SPECIES, c, row1 + LANES);
    FloatVector r2lo = FloatVector.fromArray(SPECIES, c, row2);
    FloatVector r2hi = FloatVector.fromArray(SPECIES, c, row2 + LANES);
    FloatVector r3lo = FloatVector.fromArray(SPECIES, c, row3);
    FloatVector r3hi = FloatVector.fromArray(SPECIES, c, row3 + LANES);
    for (int p = 0; p < kc; p++) {
      int at = ao + p * MR;
      int bt = bo + p * NR;
      FloatVector lo = FloatVector.fromArray(SPECIES, pb, bt);
      FloatVector hi = FloatVector.fromArray(SPECIES, pb, bt + LANES);
      FloatVector a0 = FloatVector.broadcast(SPECIES, pa[at]);
      r0lo = a0.fma(lo, r0lo);
      r0hi = a0.fma(hi, r0hi);
      FloatVector a1 = FloatVector.broadcast(SPECIES, pa[at + 1]);
      r1lo = a1.fma(lo, r1lo);
      r1hi = a1.fma(hi, r1hi);
      FloatVector a2 = FloatVector.broadcast(SPECIES, pa[at + 2]);
      r2lo = a2.fma(lo, r2lo);
      r2hi = a2.fma(hi, r2hi);
      FloatVector a3 = FloatVector.broadcast(SPECIES, pa[at + 3]);
      r3lo = a3.fma(lo, r3lo);
      r3hi = a3.fma(hi, r3hi);
    }
    r0lo.intoArray(c, row0);
    r0hi.intoArray(c, row0 + LANES);
    r1lo.intoArray(c, row1);
    r1hi.intoArray(c, row1 + LANES);
    r2lo.intoArray(c, row2);
    r2hi.intoArray(c, row2 + LANES);
    r3lo.intoArray(c, row3);
    r3hi.intoArray(c, row3 + LANES);
  }

  /**
   * {@code C[MR x NR] at c[co] (row stride ldc) += A · B} over {@code kc} steps of k, with A packed
   * at {@code pa[ao + p * MR + i]} and B at {@code pb[bo + p * NR + j]}. C is loaded into the
   * accumulators and stored back, so consecutive passes continue one FMA chain per element.
   */
  static void kernel(float[] pa, int ao, float[] pb, int bo, int kc, float[] c, int co, int ldc) {
    int row0 = co;
    int row1 = co + ldc;
    int row2 = co + 2 * ldc;
    int row3 = co + 3 * ldc;
    int row4 = co + 4 * ldc;
    int row5 = co + 5 * ldc;
    int row6 = co + 6 * ldc;
    int row7 = co + 7 * ldc;
    int row8 = co + 8 * ldc;
    int row9 = co + 9 * ldc;
    int row10 = co + 10 * ldc;
    int row11 = co + 11 * ldc;
    int row12 = co + 12 * ldc;
    int row13 = co + 13 * ldc;
    FloatVector r0lo = FloatVector.fromArray(SPECIES, c, row0);
    FloatVector r0hi = FloatVector.fromArray(SPECIES, c, row0 + LANES);
    FloatVector r1lo = FloatVector.fromArray(SPECIES, c, row1);
    FloatVector r1hi = FloatVector.fromArray(SPECIES, c, row1 + LANES);
    FloatVector r2lo = FloatVector.fromArray(SPECIES, c, row2);
    FloatVector r2hi = FloatVector.fromArray(SPECIES, c, row2 + LANES);
    FloatVector r3lo = FloatVector.fromArray(SPECIES, c, row3);
    FloatVector r3hi = FloatVector.fromArray(SPECIES, c, row3 + LANES);
    FloatVector r4lo = FloatVector.fromArray(SPECIES, c, row4);
    FloatVector r4hi = FloatVector.fromArray(SPECIES, c, row4 + LANES);
    FloatVector r5lo = FloatVector.fromArray(SPECIES, c, row5);
    FloatVector r5hi = FloatVector.fromArray(SPECIES, c, row5 + LANES);
    FloatVector r6lo = FloatVector.fromArray(SPECIES, c, row6);
    FloatVector r6hi = FloatVector.fromArray(SPECIES, c, row6 + LANES);
    FloatVector r7lo = FloatVector.fromArray(SPECIES, c, row7);
    FloatVector r7hi = FloatVector.fromArray(SPECIES, c, row7 + LANES);
    FloatVector r8lo = FloatVector.fromArray(SPECIES, c, row8);
    FloatVector r8hi = FloatVector.fromArray(SPECIES, c, row8 + LANES);
    FloatVector r9lo = FloatVector.fromArray(SPECIES, c, row9);
    FloatVector r9hi = FloatVector.fromArray(SPECIES, c, row9 + LANES);
    FloatVector r10lo = FloatVector.fromArray(SPECIES, c, row10);
    FloatVector r10hi = FloatVector.fromArray(SPECIES, c, row10 + LANES);
    FloatVector r11lo = FloatVector.fromArray(SPECIES, c, row11);
    FloatVector r11hi = FloatVector.fromArray(SPECIES, c, row11 + LANES);
    FloatVector r12lo = FloatVector.fromArray(SPECIES, c, row12);
    FloatVector r12hi = FloatVector.fromArray(SPECIES, c, row12 + LANES);
    FloatVector r13lo = FloatVector.fromArray(SPECIES, c, row13);
    FloatVector r13hi = FloatVector.fromArray(SPECIES, c, row13 + LANES);
    for (int p = 0; p < kc; p++) {
      int at = ao + p * MR;
      int bt = bo + p * NR;
      FloatVector lo = FloatVector.fromArray(SPECIES, pb, bt);
      FloatVector hi = FloatVector.fromArray(SPECIES, pb, bt + LANES);
      FloatVector a0 = FloatVector.broadcast(SPECIES, pa[at]);
      r0lo = a0.fma(lo, r0lo);
      r0hi = a0.fma(hi, r0hi);
      FloatVector a1 = FloatVector.broadcast(SPECIES, pa[at + 1]);
      r1lo = a1.fma(lo, r1lo);
      r1hi = a1.fma(hi, r1hi);
      FloatVector a2 = FloatVector.broadcast(SPECIES, pa[at + 2]);
      r2lo = a2.fma(lo, r2lo);
      r2hi = a2.fma(hi, r2hi);
      FloatVector a3 = FloatVector.broadcast(SPECIES, pa[at + 3]);
      r3lo = a3.fma(lo, r3lo);
      r3hi = a3.fma(hi, r3hi);
      FloatVector a4 = FloatVector.broadcast(SPECIES, pa[at + 4]);
      r4lo = a4.fma(lo, r4lo);
      r4hi = a4.fma(hi, r4hi);
      FloatVector a5 = FloatVector.broadcast(SPECIES, pa[at + 5]);
      r5lo = a5.fma(lo, r5lo);
      r5hi = a5.fma(hi, r5hi);
      FloatVector a6 = FloatVector.broadcast(SPECIES, pa[at + 6]);
      r6lo = a6.fma(lo, r6lo);
      r6hi = a6.fma(hi, r6hi);
      FloatVector a7 = FloatVector.broadcast(SPECIES, pa[at + 7]);
      r7lo = a7.fma(lo, r7lo);
      r7hi = a7.fma(hi, r7hi);
      FloatVector a8 = FloatVector.broadcast(SPECIES, pa[at + 8]);
      r8lo = a8.fma(lo, r8lo);
      r8hi = a8.fma(hi, r8hi);
      FloatVector a9 = FloatVector.broadcast(SPECIES, pa[at + 9]);
      r9lo = a9.fma(lo, r9lo);
      r9hi = a9.fma(hi, r9hi);
      FloatVector a10 = FloatVector.broadcast(SPECIES, pa[at + 10]);
      r10lo = a10.fma(lo, r10lo);
      r10hi = a10.fma(hi, r10hi);
      FloatVector a11 = FloatVector.broadcast(SPECIES, pa[at + 11]);
      r11lo = a11.fma(lo, r11lo);
      r11hi = a11.fma(hi, r11hi);
      FloatVector a12 = FloatVector.broadcast(SPECIES, pa[at + 12]);
      r12lo = a12.fma(lo, r12lo);
      r12hi = a12.fma(hi, r12hi);
      FloatVector a13 = FloatVector.broadcast(SPECIES, pa[at + 13]);
      r13lo = a13.fma(lo, r13lo);
      r13hi = a13.fma(hi, r13hi);
    }
    r0lo.intoArray(c, row0);
    r0hi.intoArray(c, row0 + LANES);
    r1lo.intoArray(c, row1);
    r1hi.intoArray(c, row1 + LANES);
    r2lo.intoArray(c, row2);
    r2hi.intoArray(c, row2 + LANES);
    r3lo.intoArray(c, row3);
    r3hi.intoArray(c, row3 + LANES);
    r4lo.intoArray(c, row4);
    r4hi.intoArray(c, row4 + LANES);
    r5lo.intoArray(c, row5);
    r5hi.intoArray(c, row5 + LANES);
    r6lo.intoArray(c, row6);
    r6hi.intoArray(c, row6 + LANES);
    r7lo.intoArray(c, row7);
    r7hi.intoArray(c, row7 + LANES);
    r8lo.intoArray(c, row8);
    r8hi.intoArray(c, row8 + LANES);
    r9lo.intoArray(c, row9);
    r9hi.intoArray(c, row9 + LANES);
    r10lo.intoArray(c, row10);
    r10hi.intoArray(c, row10 + LANES);
    r11lo.intoArray(c, row11);
    r11hi.intoArray(c, row11 + LANES);
    r12lo.intoArray(c, row12);
    r12hi.intoArray(c, row12 + LANES);
    r13lo.intoArray(c, row13);
    r13hi.intoArray(c, row13 + LANES);
  }
}
