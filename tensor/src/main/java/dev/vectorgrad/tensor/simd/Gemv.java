package dev.vectorgrad.tensor.simd;

import dev.vectorgrad.tensor.spi.Parallel;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Matrix-vector products, the GEMMs with one output row or column (batch-1 inference): {@code y[j]
 * = sum over p of x[p] * W[p, j]} for {@code j < n}, batched. For {@code M == 1} x is the row of A
 * and W is B; for {@code N == 1} x is the column of B and W is A seen transposed.
 *
 * <p>Such a product does two flops per element of W, so it is bound by reading W once, and packing
 * W would double that traffic. Instead the loop follows W's layout:
 *
 * <ul>
 *   <li>{@code W[p, j]} contiguous along j (a row-major B, a transposed A): axpy form, {@code y[j..j
 *       + 8L) += x[p] * W[p, j..j + 8L)} with eight accumulator vectors held over all of p;
 *   <li>contiguous along p (a transposed B such as {@code x · Wᵀ} of a linear layer, a row-major A):
 *       dot form, four columns at a time sharing each load of x, each a vector dot product over p
 *       whose lanes are then summed in a fixed tree of lane swaps, then the last {@code k % L}
 *       terms in order ({@code reduceLanes} leaves its order open, and C2 and the interpreter may
 *       differ);
 *   <li>any other strides: W is first copied row-major, then the axpy form.
 * </ul>
 *
 * <p>Tasks are fixed chunks of output columns, and each {@code y[j]} is summed over p in one order
 * that depends only on the shape, so results are bit-identical for any thread count.
 */
final class Gemv {
  private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;
  private static final int FL = FS.length();
  private static final int DL = DS.length();
  // Lane swaps for the horizontal sums; a swap wider than the vector is never used.
  private static final VectorShuffle<Float> FS_XOR8 = VectorShuffle.fromOp(FS, i -> (i ^ 8) % FL);
  private static final VectorShuffle<Float> FS_XOR4 = VectorShuffle.fromOp(FS, i -> (i ^ 4) % FL);
  private static final VectorShuffle<Float> FS_XOR2 = VectorShuffle.fromOp(FS, i -> (i ^ 2) % FL);
  private static final VectorShuffle<Float> FS_XOR1 = VectorShuffle.fromOp(FS, i -> (i ^ 1) % FL);
  private static final VectorShuffle<Double> DS_XOR8 = VectorShuffle.fromOp(DS, i -> (i ^ 8) % DL);
  private static final VectorShuffle<Double> DS_XOR4 = VectorShuffle.fromOp(DS, i -> (i ^ 4) % DL);
  private static final VectorShuffle<Double> DS_XOR2 = VectorShuffle.fromOp(DS, i -> (i ^ 2) % DL);
  private static final VectorShuffle<Double> DS_XOR1 = VectorShuffle.fromOp(DS, i -> (i ^ 1) % DL);

  /** Output columns per task. */
  private static final int CHUNK = 256;

  /** W of more elements than this (2 MiB of floats, the size of L2) is swept row by row: {@link #sweep}. */
  private static final long SWEEP_ELEMENTS = 1L << 19;

  /** Output columns per task of a sweep: rows of W read in runs of at least 4 KiB. */
  private static final int SWEEP_CHUNK = 1024;

  /** Below about this many multiply-adds the product runs as one task. */
  private static final long PARALLEL_WORK = 1L << 16;

  private Gemv() {}

  /**
   * {@code y[yo + b * n + j] = sum over p < k of x[xo + b * xb + p * xs] * w[wo + b * wb + p * wp +
   * j * wj]} for every batch {@code b} and {@code j < n}.
   */
  static void multiply(float[] x, int xo, int xb, int xs, float[] w, int wo, int wb, int wp, int wj,
      float[] y, int yo, int batches, int k, int n) {
    boolean dot = wp == 1 && (wj != 1 || n == 1);
    if (!dot && wj != 1) { // neither layout: copy W row-major once
      int copies = wb == 0 ? 1 : batches;
      float[] rowMajor = new float[copies * k * n];
      for (int b = 0; b < copies; b++) {
        for (int p = 0; p < k; p++) {
          for (int j = 0; j < n; j++) {
            rowMajor[(b * k + p) * n + j] = w[wo + b * wb + p * wp + j * wj];
          }
        }
      }
      multiply(x, xo, xb, xs, rowMajor, 0, wb == 0 ? 0 : k * n, n, 1, y, yo, batches, k, n);
      return;
    }
    boolean sweep = !dot && (long) k * n > SWEEP_ELEMENTS;
    int chunk = sweep ? SWEEP_CHUNK : CHUNK;
    int chunks = (long) batches * k * n < PARALLEL_WORK ? 1 : GemmDriver.ceilDiv(n, chunk);
    int perChunk = chunks == 1 ? n : chunk;
    Parallel.forRange(batches * chunks, t -> {
      int b = t / chunks;
      int j0 = t % chunks * perChunk;
      int j1 = Math.min(n, j0 + perChunk);
      if (dot) {
        float[] xv = xs == 1 ? x : gather(x, xo + b * xb, xs, k);
        dot(xv, xs == 1 ? xo + b * xb : 0, w, wo + b * wb, wj, y, yo + b * n, k, j0, j1);
      } else if (sweep) {
        sweep(x, xo + b * xb, xs, w, wo + b * wb, wp, y, yo + b * n, k, j0, j1);
      } else {
        axpy(x, xo + b * xb, xs, w, wo + b * wb, wp, y, yo + b * n, k, j0, j1);
      }
    });
  }

  private static float[] gather(float[] x, int xo, int xs, int k) {
    float[] dense = new float[k];
    for (int p = 0; p < k; p++) {
      dense[p] = x[xo + p * xs];
    }
    return dense;
  }

  /**
   * The axpy form for a W larger than L2: row after row of W, each {@code y[j]} accumulated in
   * memory (the chunk of y stays in L1), so W streams in address order and the prefetchers keep up;
   * the sum per {@code y[j]} is the same chain over p as in {@link #axpy}.
   */
  private static void sweep(float[] x, int xo, int xs, float[] w, int wo, int wp, float[] y, int yo, int k, int j0, int j1) {
    int full = j0 + FS.loopBound(j1 - j0);
    VectorMask<Float> tail = FS.indexInRange(full, j1);
    for (int p = 0; p < k; p++) {
      FloatVector xp = FloatVector.broadcast(FS, x[xo + p * xs]);
      int row = wo + p * wp;
      for (int j = j0; j < full; j += FL) {
        xp.fma(FloatVector.fromArray(FS, w, row + j), FloatVector.fromArray(FS, y, yo + j)).intoArray(y, yo + j);
      }
      if (full < j1) {
        xp.fma(FloatVector.fromArray(FS, w, row + full, tail), FloatVector.fromArray(FS, y, yo + full, tail))
            .intoArray(y, yo + full, tail);
      }
    }
  }

  /** Axpy form over columns {@code [j0, j1)}; W rows start at {@code wo + p * wp}, unit stride. */
  private static void axpy(float[] x, int xo, int xs, float[] w, int wo, int wp, float[] y, int yo, int k, int j0, int j1) {
    int j = j0;
    for (; j + 8 * FL <= j1; j += 8 * FL) {
      FloatVector r0 = FloatVector.zero(FS);
      FloatVector r1 = r0;
      FloatVector r2 = r0;
      FloatVector r3 = r0;
      FloatVector r4 = r0;
      FloatVector r5 = r0;
      FloatVector r6 = r0;
      FloatVector r7 = r0;
      for (int p = 0; p < k; p++) {
        FloatVector xp = FloatVector.broadcast(FS, x[xo + p * xs]);
        int at = wo + p * wp + j;
        r0 = xp.fma(FloatVector.fromArray(FS, w, at), r0);
        r1 = xp.fma(FloatVector.fromArray(FS, w, at + FL), r1);
        r2 = xp.fma(FloatVector.fromArray(FS, w, at + 2 * FL), r2);
        r3 = xp.fma(FloatVector.fromArray(FS, w, at + 3 * FL), r3);
        r4 = xp.fma(FloatVector.fromArray(FS, w, at + 4 * FL), r4);
        r5 = xp.fma(FloatVector.fromArray(FS, w, at + 5 * FL), r5);
        r6 = xp.fma(FloatVector.fromArray(FS, w, at + 6 * FL), r6);
        r7 = xp.fma(FloatVector.fromArray(FS, w, at + 7 * FL), r7);
      }
      r0.intoArray(y, yo + j);
      r1.intoArray(y, yo + j + FL);
      r2.intoArray(y, yo + j + 2 * FL);
      r3.intoArray(y, yo + j + 3 * FL);
      r4.intoArray(y, yo + j + 4 * FL);
      r5.intoArray(y, yo + j + 5 * FL);
      r6.intoArray(y, yo + j + 6 * FL);
      r7.intoArray(y, yo + j + 7 * FL);
    }
    for (; j < j1; j += FL) {
      VectorMask<Float> live = FS.indexInRange(j, j1);
      FloatVector r = FloatVector.zero(FS);
      for (int p = 0; p < k; p++) {
        FloatVector xp = FloatVector.broadcast(FS, x[xo + p * xs]);
        r = xp.fma(FloatVector.fromArray(FS, w, wo + p * wp + j, live), r);
      }
      r.intoArray(y, yo + j, live);
    }
  }

  /** Dot form over columns {@code [j0, j1)}; column j of W starts at {@code wo + j * wj}, unit stride. */
  private static void dot(float[] x, int xo, float[] w, int wo, int wj, float[] y, int yo, int k, int j0, int j1) {
    int j = j0;
    for (; j + 4 <= j1; j += 4) { // four columns share each load of x
      dot4(x, xo, w, wo + j * wj, wj, y, yo + j, k);
    }
    for (; j < j1; j++) {
      y[yo + j] = dot1(x, xo, w, wo + j * wj, k);
    }
  }

  /**
   * {@code y[yo + c]} = x · (column c of W) for {@code c < 4}, columns {@code wj} apart: vector
   * partial sums, summed across lanes, then the last {@code k % L} terms in order. A separate small
   * method so that C1 can compile it on the way to C2 (a larger one ran out of registers there).
   */
  private static void dot4(float[] x, int xo, float[] w, int w0, int wj, float[] y, int yo, int k) {
    int w1 = w0 + wj;
    int w2 = w1 + wj;
    int w3 = w2 + wj;
    FloatVector r0 = FloatVector.zero(FS);
    FloatVector r1 = r0;
    FloatVector r2 = r0;
    FloatVector r3 = r0;
    int bound = FS.loopBound(k);
    for (int p = 0; p < bound; p += FL) {
      FloatVector xp = FloatVector.fromArray(FS, x, xo + p);
      r0 = xp.fma(FloatVector.fromArray(FS, w, w0 + p), r0);
      r1 = xp.fma(FloatVector.fromArray(FS, w, w1 + p), r1);
      r2 = xp.fma(FloatVector.fromArray(FS, w, w2 + p), r2);
      r3 = xp.fma(FloatVector.fromArray(FS, w, w3 + p), r3);
    }
    float s0 = sum(r0);
    float s1 = sum(r1);
    float s2 = sum(r2);
    float s3 = sum(r3);
    for (int p = bound; p < k; p++) {
      float xp = x[xo + p];
      s0 += xp * w[w0 + p];
      s1 += xp * w[w1 + p];
      s2 += xp * w[w2 + p];
      s3 += xp * w[w3 + p];
    }
    y[yo] = s0;
    y[yo + 1] = s1;
    y[yo + 2] = s2;
    y[yo + 3] = s3;
  }

  /** x · (the column of W at {@code w0}), summed like {@link #dot4}. */
  private static float dot1(float[] x, int xo, float[] w, int w0, int k) {
    FloatVector r0 = FloatVector.zero(FS);
    int bound = FS.loopBound(k);
    for (int p = 0; p < bound; p += FL) {
      r0 = FloatVector.fromArray(FS, x, xo + p).fma(FloatVector.fromArray(FS, w, w0 + p), r0);
    }
    float s0 = sum(r0);
    for (int p = bound; p < k; p++) {
      s0 += x[xo + p] * w[w0 + p];
    }
    return s0;
  }



  /**
   * The lanes of {@code v} summed in a fixed tree: lane i with lane i ^ L/2, then i ^ L/4, and so on.
   */
  private static float sum(FloatVector v) {
    if (FL > 8) {
      v = v.add(v.rearrange(FS_XOR8));
    }
    if (FL > 4) {
      v = v.add(v.rearrange(FS_XOR4));
    }
    if (FL > 2) {
      v = v.add(v.rearrange(FS_XOR2));
    }
    return v.add(v.rearrange(FS_XOR1)).lane(0);
  }


  /** {@link #multiply(float[], int, int, int, float[], int, int, int, int, float[], int, int, int, int)} for F64. */
  static void multiply(double[] x, int xo, int xb, int xs, double[] w, int wo, int wb, int wp, int wj,
      double[] y, int yo, int batches, int k, int n) {
    boolean dot = wp == 1 && (wj != 1 || n == 1);
    if (!dot && wj != 1) { // neither layout: copy W row-major once
      int copies = wb == 0 ? 1 : batches;
      double[] rowMajor = new double[copies * k * n];
      for (int b = 0; b < copies; b++) {
        for (int p = 0; p < k; p++) {
          for (int j = 0; j < n; j++) {
            rowMajor[(b * k + p) * n + j] = w[wo + b * wb + p * wp + j * wj];
          }
        }
      }
      multiply(x, xo, xb, xs, rowMajor, 0, wb == 0 ? 0 : k * n, n, 1, y, yo, batches, k, n);
      return;
    }
    boolean sweep = !dot && (long) k * n > SWEEP_ELEMENTS;
    int chunk = sweep ? SWEEP_CHUNK : CHUNK;
    int chunks = (long) batches * k * n < PARALLEL_WORK ? 1 : GemmDriver.ceilDiv(n, chunk);
    int perChunk = chunks == 1 ? n : chunk;
    Parallel.forRange(batches * chunks, t -> {
      int b = t / chunks;
      int j0 = t % chunks * perChunk;
      int j1 = Math.min(n, j0 + perChunk);
      if (dot) {
        double[] xv = xs == 1 ? x : gather(x, xo + b * xb, xs, k);
        dot(xv, xs == 1 ? xo + b * xb : 0, w, wo + b * wb, wj, y, yo + b * n, k, j0, j1);
      } else if (sweep) {
        sweep(x, xo + b * xb, xs, w, wo + b * wb, wp, y, yo + b * n, k, j0, j1);
      } else {
        axpy(x, xo + b * xb, xs, w, wo + b * wb, wp, y, yo + b * n, k, j0, j1);
      }
    });
  }

  private static double[] gather(double[] x, int xo, int xs, int k) {
    double[] dense = new double[k];
    for (int p = 0; p < k; p++) {
      dense[p] = x[xo + p * xs];
    }
    return dense;
  }

  private static void sweep(double[] x, int xo, int xs, double[] w, int wo, int wp, double[] y, int yo, int k, int j0, int j1) {
    int full = j0 + DS.loopBound(j1 - j0);
    VectorMask<Double> tail = DS.indexInRange(full, j1);
    for (int p = 0; p < k; p++) {
      DoubleVector xp = DoubleVector.broadcast(DS, x[xo + p * xs]);
      int row = wo + p * wp;
      for (int j = j0; j < full; j += DL) {
        xp.fma(DoubleVector.fromArray(DS, w, row + j), DoubleVector.fromArray(DS, y, yo + j)).intoArray(y, yo + j);
      }
      if (full < j1) {
        xp.fma(DoubleVector.fromArray(DS, w, row + full, tail), DoubleVector.fromArray(DS, y, yo + full, tail))
            .intoArray(y, yo + full, tail);
      }
    }
  }

  private static void axpy(double[] x, int xo, int xs, double[] w, int wo, int wp, double[] y, int yo, int k, int j0, int j1) {
    int j = j0;
    for (; j + 8 * DL <= j1; j += 8 * DL) {
      DoubleVector r0 = DoubleVector.zero(DS);
      DoubleVector r1 = r0;
      DoubleVector r2 = r0;
      DoubleVector r3 = r0;
      DoubleVector r4 = r0;
      DoubleVector r5 = r0;
      DoubleVector r6 = r0;
      DoubleVector r7 = r0;
      for (int p = 0; p < k; p++) {
        DoubleVector xp = DoubleVector.broadcast(DS, x[xo + p * xs]);
        int at = wo + p * wp + j;
        r0 = xp.fma(DoubleVector.fromArray(DS, w, at), r0);
        r1 = xp.fma(DoubleVector.fromArray(DS, w, at + DL), r1);
        r2 = xp.fma(DoubleVector.fromArray(DS, w, at + 2 * DL), r2);
        r3 = xp.fma(DoubleVector.fromArray(DS, w, at + 3 * DL), r3);
        r4 = xp.fma(DoubleVector.fromArray(DS, w, at + 4 * DL), r4);
        r5 = xp.fma(DoubleVector.fromArray(DS, w, at + 5 * DL), r5);
        r6 = xp.fma(DoubleVector.fromArray(DS, w, at + 6 * DL), r6);
        r7 = xp.fma(DoubleVector.fromArray(DS, w, at + 7 * DL), r7);
      }
      r0.intoArray(y, yo + j);
      r1.intoArray(y, yo + j + DL);
      r2.intoArray(y, yo + j + 2 * DL);
      r3.intoArray(y, yo + j + 3 * DL);
      r4.intoArray(y, yo + j + 4 * DL);
      r5.intoArray(y, yo + j + 5 * DL);
      r6.intoArray(y, yo + j + 6 * DL);
      r7.intoArray(y, yo + j + 7 * DL);
    }
    for (; j < j1; j += DL) {
      VectorMask<Double> live = DS.indexInRange(j, j1);
      DoubleVector r = DoubleVector.zero(DS);
      for (int p = 0; p < k; p++) {
        DoubleVector xp = DoubleVector.broadcast(DS, x[xo + p * xs]);
        r = xp.fma(DoubleVector.fromArray(DS, w, wo + p * wp + j, live), r);
      }
      r.intoArray(y, yo + j, live);
    }
  }

  private static void dot(double[] x, int xo, double[] w, int wo, int wj, double[] y, int yo, int k, int j0, int j1) {
    int j = j0;
    for (; j + 4 <= j1; j += 4) { // four columns share each load of x
      dot4(x, xo, w, wo + j * wj, wj, y, yo + j, k);
    }
    for (; j < j1; j++) {
      y[yo + j] = dot1(x, xo, w, wo + j * wj, k);
    }
  }

  private static void dot4(double[] x, int xo, double[] w, int w0, int wj, double[] y, int yo, int k) {
    int w1 = w0 + wj;
    int w2 = w1 + wj;
    int w3 = w2 + wj;
    DoubleVector r0 = DoubleVector.zero(DS);
    DoubleVector r1 = r0;
    DoubleVector r2 = r0;
    DoubleVector r3 = r0;
    int bound = DS.loopBound(k);
    for (int p = 0; p < bound; p += DL) {
      DoubleVector xp = DoubleVector.fromArray(DS, x, xo + p);
      r0 = xp.fma(DoubleVector.fromArray(DS, w, w0 + p), r0);
      r1 = xp.fma(DoubleVector.fromArray(DS, w, w1 + p), r1);
      r2 = xp.fma(DoubleVector.fromArray(DS, w, w2 + p), r2);
      r3 = xp.fma(DoubleVector.fromArray(DS, w, w3 + p), r3);
    }
    double s0 = sum(r0);
    double s1 = sum(r1);
    double s2 = sum(r2);
    double s3 = sum(r3);
    for (int p = bound; p < k; p++) {
      double xp = x[xo + p];
      s0 += xp * w[w0 + p];
      s1 += xp * w[w1 + p];
      s2 += xp * w[w2 + p];
      s3 += xp * w[w3 + p];
    }
    y[yo] = s0;
    y[yo + 1] = s1;
    y[yo + 2] = s2;
    y[yo + 3] = s3;
  }

  private static double dot1(double[] x, int xo, double[] w, int w0, int k) {
    DoubleVector r0 = DoubleVector.zero(DS);
    int bound = DS.loopBound(k);
    for (int p = 0; p < bound; p += DL) {
      r0 = DoubleVector.fromArray(DS, x, xo + p).fma(DoubleVector.fromArray(DS, w, w0 + p), r0);
    }
    double s0 = sum(r0);
    for (int p = bound; p < k; p++) {
      s0 += x[xo + p] * w[w0 + p];
    }
    return s0;
  }



  private static double sum(DoubleVector v) {
    if (DL > 8) {
      v = v.add(v.rearrange(DS_XOR8));
    }
    if (DL > 4) {
      v = v.add(v.rearrange(DS_XOR4));
    }
    if (DL > 2) {
      v = v.add(v.rearrange(DS_XOR2));
    }
    return v.add(v.rearrange(DS_XOR1)).lane(0);
  }

}
