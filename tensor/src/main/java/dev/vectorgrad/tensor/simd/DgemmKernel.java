package dev.vectorgrad.tensor.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * F64 GEMM: the register-blocked micro-kernel, and the arrays {@link GemmDriver} walks it over.
 *
 * <p>The micro-kernel holds an {@link #MR} x {@link #NR} block of C in {@code 2 * MR} vector
 * registers ({@code NR} is two vectors, 8 doubles each with AVX-512) for a whole pass over k. Each
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
 *
 * <p>The same tile shape as {@link SgemmKernel} (half the lanes, so {@code NR} is 16 doubles): DGEMM
 * serves gradient checks and F64 references, where clarity beats a separately tuned shape.
 */
final class DgemmKernel extends GemmDriver {
  static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  static final int LANES = SPECIES.length();
  static final int MR = 14;
  static final int NR = 2 * LANES;

  private final double[] left;
  private final double[] right;
  private final double[] out;
  private final double[] packedB;

  DgemmKernel(double[] left, Gemm.Operand a, double[] right, Gemm.Operand b, double[] out, int outOffset, int batches, int m, int n, int k) {
    super(MR, NR, 8, batches, m, n, k, a, b, outOffset);
    this.left = left;
    this.right = right;
    this.out = out;
    packedB = takeDoubles(PACKED_B, packedBLength());
  }

  @Override
  void release() {
    giveDoubles(PACKED_B, packedB);
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
    return takeDoubles(PACKED_A, blockSize);
  }

  @Override
  void giveBlock(Object block) {
    giveDoubles(PACKED_A, (double[]) block);
  }

  @Override
  void packA(Object block, int batch, int row0, int row1) {
    int from = a.offset() + batch * a.batchStride();
    for (int row = row0, at = 0; row < row1; row += MR, at += MR * k) {
      GemmPacking.packRows(left, from, a.rowStride(), a.colStride(), m, k, row, MR, (double[]) block, at);
    }
  }

  @Override
  void kernel(Object block, int ao, int bo, int kc, int co, int ldc) {
    kernel((double[]) block, ao, packedB, bo, kc, out, co, ldc);
  }

  /**
   * Runs the kernel on a scratch copy of the {@code rows x cols} corner of C; the zero padding of
   * the packed panels makes the extra rows and columns harmless.
   */
  @Override
  void edge(Object block, int ao, int bo, int kc, int co, int ldc, int rows, int cols) {
    double[] scratch = new double[MR * NR];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(out, co + i * ldc, scratch, i * NR, cols);
    }
    kernel((double[]) block, ao, packedB, bo, kc, scratch, 0, NR);
    for (int i = 0; i < rows; i++) {
      System.arraycopy(scratch, i * NR, out, co + i * ldc, cols);
    }
  }

  /**
   * {@code C[MR x NR] at c[co] (row stride ldc) += A · B} over {@code kc} steps of k, with A packed
   * at {@code pa[ao + p * MR + i]} and B at {@code pb[bo + p * NR + j]}. C is loaded into the
   * accumulators and stored back, so consecutive passes continue one FMA chain per element.
   */
  static void kernel(double[] pa, int ao, double[] pb, int bo, int kc, double[] c, int co, int ldc) {
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
    DoubleVector r0lo = DoubleVector.fromArray(SPECIES, c, row0);
    DoubleVector r0hi = DoubleVector.fromArray(SPECIES, c, row0 + LANES);
    DoubleVector r1lo = DoubleVector.fromArray(SPECIES, c, row1);
    DoubleVector r1hi = DoubleVector.fromArray(SPECIES, c, row1 + LANES);
    DoubleVector r2lo = DoubleVector.fromArray(SPECIES, c, row2);
    DoubleVector r2hi = DoubleVector.fromArray(SPECIES, c, row2 + LANES);
    DoubleVector r3lo = DoubleVector.fromArray(SPECIES, c, row3);
    DoubleVector r3hi = DoubleVector.fromArray(SPECIES, c, row3 + LANES);
    DoubleVector r4lo = DoubleVector.fromArray(SPECIES, c, row4);
    DoubleVector r4hi = DoubleVector.fromArray(SPECIES, c, row4 + LANES);
    DoubleVector r5lo = DoubleVector.fromArray(SPECIES, c, row5);
    DoubleVector r5hi = DoubleVector.fromArray(SPECIES, c, row5 + LANES);
    DoubleVector r6lo = DoubleVector.fromArray(SPECIES, c, row6);
    DoubleVector r6hi = DoubleVector.fromArray(SPECIES, c, row6 + LANES);
    DoubleVector r7lo = DoubleVector.fromArray(SPECIES, c, row7);
    DoubleVector r7hi = DoubleVector.fromArray(SPECIES, c, row7 + LANES);
    DoubleVector r8lo = DoubleVector.fromArray(SPECIES, c, row8);
    DoubleVector r8hi = DoubleVector.fromArray(SPECIES, c, row8 + LANES);
    DoubleVector r9lo = DoubleVector.fromArray(SPECIES, c, row9);
    DoubleVector r9hi = DoubleVector.fromArray(SPECIES, c, row9 + LANES);
    DoubleVector r10lo = DoubleVector.fromArray(SPECIES, c, row10);
    DoubleVector r10hi = DoubleVector.fromArray(SPECIES, c, row10 + LANES);
    DoubleVector r11lo = DoubleVector.fromArray(SPECIES, c, row11);
    DoubleVector r11hi = DoubleVector.fromArray(SPECIES, c, row11 + LANES);
    DoubleVector r12lo = DoubleVector.fromArray(SPECIES, c, row12);
    DoubleVector r12hi = DoubleVector.fromArray(SPECIES, c, row12 + LANES);
    DoubleVector r13lo = DoubleVector.fromArray(SPECIES, c, row13);
    DoubleVector r13hi = DoubleVector.fromArray(SPECIES, c, row13 + LANES);
    for (int p = 0; p < kc; p++) {
      int at = ao + p * MR;
      int bt = bo + p * NR;
      DoubleVector lo = DoubleVector.fromArray(SPECIES, pb, bt);
      DoubleVector hi = DoubleVector.fromArray(SPECIES, pb, bt + LANES);
      DoubleVector a0 = DoubleVector.broadcast(SPECIES, pa[at]);
      r0lo = a0.fma(lo, r0lo);
      r0hi = a0.fma(hi, r0hi);
      DoubleVector a1 = DoubleVector.broadcast(SPECIES, pa[at + 1]);
      r1lo = a1.fma(lo, r1lo);
      r1hi = a1.fma(hi, r1hi);
      DoubleVector a2 = DoubleVector.broadcast(SPECIES, pa[at + 2]);
      r2lo = a2.fma(lo, r2lo);
      r2hi = a2.fma(hi, r2hi);
      DoubleVector a3 = DoubleVector.broadcast(SPECIES, pa[at + 3]);
      r3lo = a3.fma(lo, r3lo);
      r3hi = a3.fma(hi, r3hi);
      DoubleVector a4 = DoubleVector.broadcast(SPECIES, pa[at + 4]);
      r4lo = a4.fma(lo, r4lo);
      r4hi = a4.fma(hi, r4hi);
      DoubleVector a5 = DoubleVector.broadcast(SPECIES, pa[at + 5]);
      r5lo = a5.fma(lo, r5lo);
      r5hi = a5.fma(hi, r5hi);
      DoubleVector a6 = DoubleVector.broadcast(SPECIES, pa[at + 6]);
      r6lo = a6.fma(lo, r6lo);
      r6hi = a6.fma(hi, r6hi);
      DoubleVector a7 = DoubleVector.broadcast(SPECIES, pa[at + 7]);
      r7lo = a7.fma(lo, r7lo);
      r7hi = a7.fma(hi, r7hi);
      DoubleVector a8 = DoubleVector.broadcast(SPECIES, pa[at + 8]);
      r8lo = a8.fma(lo, r8lo);
      r8hi = a8.fma(hi, r8hi);
      DoubleVector a9 = DoubleVector.broadcast(SPECIES, pa[at + 9]);
      r9lo = a9.fma(lo, r9lo);
      r9hi = a9.fma(hi, r9hi);
      DoubleVector a10 = DoubleVector.broadcast(SPECIES, pa[at + 10]);
      r10lo = a10.fma(lo, r10lo);
      r10hi = a10.fma(hi, r10hi);
      DoubleVector a11 = DoubleVector.broadcast(SPECIES, pa[at + 11]);
      r11lo = a11.fma(lo, r11lo);
      r11hi = a11.fma(hi, r11hi);
      DoubleVector a12 = DoubleVector.broadcast(SPECIES, pa[at + 12]);
      r12lo = a12.fma(lo, r12lo);
      r12hi = a12.fma(hi, r12hi);
      DoubleVector a13 = DoubleVector.broadcast(SPECIES, pa[at + 13]);
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
