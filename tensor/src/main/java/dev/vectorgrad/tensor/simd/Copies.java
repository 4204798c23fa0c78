package dev.vectorgrad.tensor.simd;

import java.util.Arrays;

/**
 * One run of a copy: {@code n} elements from {@code in[io], in[io + is], ...} to {@code out[oo],
 * out[oo + os], ...}, for arrays of the same primitive type or float/double casts. Plain loops:
 * a copy is all memory traffic, and unit-stride runs of one type go to {@code System.arraycopy}.
 * Casts round as the scalar backend's do: {@code (float) double}.
 */
final class Copies {
  private Copies() {}

  static void run(Object in, int io, int is, Object out, int oo, int os, int n) {
    if (is == 1 && os == 1 && in.getClass() == out.getClass()) {
      System.arraycopy(in, io, out, oo, n);
    } else if (is == 0 && os == 1 && in instanceof float[] && out instanceof float[]) {
      Arrays.fill((float[]) out, oo, oo + n, ((float[]) in)[io]); // filling with one value: 5x the copy loop
    } else if (is == 0 && os == 1 && in instanceof double[] && out instanceof double[]) {
      Arrays.fill((double[]) out, oo, oo + n, ((double[]) in)[io]);
    } else if (in instanceof float[] && out instanceof float[]) {
      float[] a = (float[]) in;
      float[] b = (float[]) out;
      for (int i = 0; i < n; i++, io += is, oo += os) {
        b[oo] = a[io];
      }
    } else if (in instanceof double[] && out instanceof double[]) {
      double[] a = (double[]) in;
      double[] b = (double[]) out;
      for (int i = 0; i < n; i++, io += is, oo += os) {
        b[oo] = a[io];
      }
    } else if (in instanceof float[]) {
      float[] a = (float[]) in;
      double[] b = (double[]) out;
      for (int i = 0; i < n; i++, io += is, oo += os) {
        b[oo] = a[io];
      }
    } else if (in instanceof double[] && out instanceof float[]) {
      double[] a = (double[]) in;
      float[] b = (float[]) out;
      for (int i = 0; i < n; i++, io += is, oo += os) {
        b[oo] = (float) a[io];
      }
    } else if (in instanceof int[]) {
      int[] a = (int[]) in;
      int[] b = (int[]) out;
      for (int i = 0; i < n; i++, io += is, oo += os) {
        b[oo] = a[io];
      }
    } else if (in instanceof long[]) {
      long[] a = (long[]) in;
      long[] b = (long[]) out;
      for (int i = 0; i < n; i++, io += is, oo += os) {
        b[oo] = a[io];
      }
    } else {
      boolean[] a = (boolean[]) in;
      boolean[] b = (boolean[]) out;
      for (int i = 0; i < n; i++, io += is, oo += os) {
        b[oo] = a[io];
      }
    }
  }
}
