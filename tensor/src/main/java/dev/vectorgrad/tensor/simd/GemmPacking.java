package dev.vectorgrad.tensor.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Copies GEMM operands into the panel layout the micro-kernels read, through the operands' strides,
 * so a transposed or sliced operand is packed directly and never materialised.
 *
 * <p>A row panel holds {@code mr} rows of A k-major: element {@code (row + i, p)} lands at {@code
 * dst[at + p * mr + i]}, so one step of k is {@code mr} consecutive values to broadcast. A column
 * panel holds {@code nr} columns of B k-major: element {@code (p, col + j)} lands at {@code dst[at +
 * p * nr + j]}, so one step of k is {@code nr / lanes} consecutive vectors. Rows or columns past
 * the matrix edge are zero, so edge panels run through the same kernel.
 *
 * <p>Every step of k moves one panel-wide run of values: a plain vector copy when that run is
 * contiguous in the operand (a column of a transposed A, a row of B), else one gather whose index
 * vector holds the run's stride (a row-major A, a transposed B). Gathering a step of k was 2 to 5
 * times faster than the scalar transposing copy it replaced, and needs no separate code for odd
 * strides. Masks cover the panel's edge, so dead lanes load as zero. Each kind of run is a loop in
 * a method of its own: with all of them in one method C2 spilled around every copy, three times
 * slower.
 */
final class GemmPacking {
  private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;

  private GemmPacking() {}

  /**
   * Packs rows {@code [row, row + mr)}, steps {@code p < k}, of the matrix whose element {@code (i,
   * p)} is {@code src[off + i * rs + p * cs]} and which has {@code rows} rows.
   */
  static void packRows(float[] src, int off, int rs, int cs, int rows, int k, int row, int mr, float[] dst, int at) {
    pack(src, off + row * rs, rs, cs, Math.min(mr, rows - row), k, mr, dst, at);
  }

  /**
   * Packs {@code panels} column panels from column {@code col} on, steps {@code p < k}, of the
   * matrix whose element {@code (p, j)} is {@code src[off + p * rs + j * cs]} and which has {@code
   * cols} columns; panel {@code q} lands at {@code dst[at + q * nr * k]}.
   */
  static void packColumns(float[] src, int off, int rs, int cs, int cols, int k, int col, int panels, int nr, float[] dst, int at) {
    if (cs == 1 && col + panels * nr <= cols) {
      packRowMajor(src, off + col, rs, k, panels, nr, dst, at);
      return;
    }
    for (int q = 0; q < panels; q++) {
      int first = col + q * nr;
      pack(src, off + first * cs, cs, rs, Math.min(nr, cols - first), k, nr, dst, at + q * nr * k);
    }
  }

  /**
   * Full column panels of a row-major B, row by row: each step of k reads one contiguous run of
   * {@code panels * nr} values and deals its vectors out to the panels. Panel by panel, each step
   * read one 64-byte line of a row 1 KiB or more from the last, which the prefetchers hardly
   * follow: 42 against 28 us for an 800 KiB B (a plain copy of it takes 20). The panel and the
   * place in it are loop counters, not a division of the run's index by {@code nr}: two integer
   * divisions per vector had cost 10 % of a 64 x 64 product.
   */
  private static void packRowMajor(float[] src, int from, int rs, int k, int panels, int nr, float[] dst, int at) {
    int lanes = FS.length();
    int panelSize = nr * k;
    for (int p = 0; p < k; p++) {
      int row = from + p * rs;
      int to = at + p * nr;
      for (int q = 0; q < panels; q++) {
        for (int j = 0; j < nr; j += lanes) {
          FloatVector.fromArray(FS, src, row + q * nr + j).intoArray(dst, to + q * panelSize + j);
        }
      }
    }
  }

  /**
   * {@code dst[at + p * width + i] = src[base + i * across + p * along]} for {@code i < count},
   * zero for {@code count <= i < width}, and {@code p < k}.
   */
  private static void pack(float[] src, int base, int across, int along, int count, int k, int width, float[] dst, int at) {
    int lanes = FS.length();
    int[] index = null;
    if (across != 1) {
      index = new int[(width + lanes - 1) / lanes * lanes];
      for (int i = 0; i < count; i++) {
        index[i] = i * across;
      }
    }
    for (int i0 = 0; i0 < width; i0 += lanes) {
      if (index == null && i0 + lanes <= count) {
        copy(src, base + i0, along, dst, at + i0, width, k);
      } else if (index == null) {
        copy(src, base + i0, along, dst, at + i0, width, k, FS.indexInRange(i0, count), FS.indexInRange(i0, width));
      } else {
        gather(src, base, along, index, i0, dst, at + i0, width, k, FS.indexInRange(i0, count), FS.indexInRange(i0, width));
      }
    }
  }

  private static void copy(float[] src, int from, int along, float[] dst, int to, int width, int k) {
    for (int p = 0; p < k; p++) {
      FloatVector.fromArray(FS, src, from + p * along).intoArray(dst, to + p * width);
    }
  }

  private static void copy(float[] src, int from, int along, float[] dst, int to, int width, int k,
      VectorMask<Float> live, VectorMask<Float> inPanel) {
    for (int p = 0; p < k; p++) {
      FloatVector.fromArray(FS, src, from + p * along, live).intoArray(dst, to + p * width, inPanel);
    }
  }

  private static void gather(float[] src, int from, int along, int[] index, int i0, float[] dst, int to, int width, int k,
      VectorMask<Float> live, VectorMask<Float> inPanel) {
    for (int p = 0; p < k; p++) {
      FloatVector.fromArray(FS, src, from + p * along, index, i0, live).intoArray(dst, to + p * width, inPanel);
    }
  }

  /** {@link #packRows(float[], int, int, int, int, int, int, int, float[], int)} for F64. */
  static void packRows(double[] src, int off, int rs, int cs, int rows, int k, int row, int mr, double[] dst, int at) {
    pack(src, off + row * rs, rs, cs, Math.min(mr, rows - row), k, mr, dst, at);
  }

  /** {@link #packColumns(float[], int, int, int, int, int, int, int, int, float[], int)} for F64. */
  static void packColumns(double[] src, int off, int rs, int cs, int cols, int k, int col, int panels, int nr, double[] dst, int at) {
    for (int q = 0; q < panels; q++) {
      int first = col + q * nr;
      pack(src, off + first * cs, cs, rs, Math.min(nr, cols - first), k, nr, dst, at + q * nr * k);
    }
  }

  private static void pack(double[] src, int base, int across, int along, int count, int k, int width, double[] dst, int at) {
    int lanes = DS.length();
    int[] index = null;
    if (across != 1) {
      index = new int[(width + lanes - 1) / lanes * lanes];
      for (int i = 0; i < count; i++) {
        index[i] = i * across;
      }
    }
    for (int i0 = 0; i0 < width; i0 += lanes) {
      if (index == null && i0 + lanes <= count) {
        copy(src, base + i0, along, dst, at + i0, width, k);
      } else if (index == null) {
        copy(src, base + i0, along, dst, at + i0, width, k, DS.indexInRange(i0, count), DS.indexInRange(i0, width));
      } else {
        gather(src, base, along, index, i0, dst, at + i0, width, k, DS.indexInRange(i0, count), DS.indexInRange(i0, width));
      }
    }
  }

  private static void copy(double[] src, int from, int along, double[] dst, int to, int width, int k) {
    for (int p = 0; p < k; p++) {
      DoubleVector.fromArray(DS, src, from + p * along).intoArray(dst, to + p * width);
    }
  }

  private static void copy(double[] src, int from, int along, double[] dst, int to, int width, int k,
      VectorMask<Double> live, VectorMask<Double> inPanel) {
    for (int p = 0; p < k; p++) {
      DoubleVector.fromArray(DS, src, from + p * along, live).intoArray(dst, to + p * width, inPanel);
    }
  }

  private static void gather(double[] src, int from, int along, int[] index, int i0, double[] dst, int to, int width, int k,
      VectorMask<Double> live, VectorMask<Double> inPanel) {
    for (int p = 0; p < k; p++) {
      DoubleVector.fromArray(DS, src, from + p * along, index, i0, live).intoArray(dst, to + p * width, inPanel);
    }
  }

}
