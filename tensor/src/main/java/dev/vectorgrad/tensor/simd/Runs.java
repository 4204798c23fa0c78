package dev.vectorgrad.tensor.simd;

import dev.vectorgrad.tensor.NdArray;

/**
 * Walks same-shape strided views together in row-major order as <em>runs</em>: pieces along the
 * innermost dimension in which every view advances by one fixed stride. Kernels are written for
 * runs, so they see a start offset, a stride and a length instead of n-d coordinates.
 *
 * <p>Dimensions are merged first wherever every view allows it (size-1 dimensions dropped; {@code
 * d} folded into {@code d + 1} when {@code stride[d] == stride[d + 1] * size[d + 1]} in every
 * view), so a contiguous array, a scalar broadcast to any shape, or a contiguous slab is one run
 * however many dimensions it has. A walker is mutable state: one per task.
 */
final class Runs {
  private final int[] dims;
  /** {@code strides[k][d]}: stride of view {@code k} along merged dimension {@code d}. */
  private final int[][] strides;
  private final int[] base;
  private final int[] coords;
  private final int last;
  /** Storage offset of the current element in each view. */
  final int[] offsets;

  private Runs(int[] dims, int[][] strides, int[] base) {
    this.dims = dims;
    this.strides = strides;
    this.base = base;
    this.last = dims.length - 1;
    this.coords = new int[dims.length];
    this.offsets = base.clone();
  }

  /** A walker over views that all have the shape of the first. */
  static Runs of(NdArray... views) {
    int[] shape = views[0].shape().toArray();
    int[][] strides = new int[views.length][];
    int[] offsets = new int[views.length];
    for (int k = 0; k < views.length; k++) {
      strides[k] = views[k].strides();
      offsets[k] = views[k].offset();
    }
    return merged(shape, strides, offsets);
  }

  /** A fresh walker over the same views, positioned at the first element; for another task. */
  Runs copy() {
    return new Runs(dims, strides, base);
  }

  private static Runs merged(int[] shape, int[][] strides, int[] offsets) {
    int views = strides.length;
    int[] dims = new int[Math.max(shape.length, 1)];
    int[][] merged = new int[views][dims.length];
    int rank = 0;
    for (int d = 0; d < shape.length; d++) {
      if (shape[d] == 1) {
        continue;
      }
      boolean foldable = rank > 0;
      for (int k = 0; k < views && foldable; k++) {
        foldable = merged[k][rank - 1] == strides[k][d] * shape[d];
      }
      if (foldable) {
        dims[rank - 1] *= shape[d];
        for (int k = 0; k < views; k++) {
          merged[k][rank - 1] = strides[k][d];
        }
      } else {
        dims[rank] = shape[d];
        for (int k = 0; k < views; k++) {
          merged[k][rank] = strides[k][d];
        }
        rank++;
      }
    }
    if (rank == 0) { // a single element: one run of length 1
      dims[0] = 1;
      for (int k = 0; k < views; k++) {
        merged[k][0] = 1;
      }
      rank = 1;
    }
    int[][] trimmed = new int[views][];
    for (int k = 0; k < views; k++) {
      trimmed[k] = java.util.Arrays.copyOf(merged[k], rank);
    }
    return new Runs(java.util.Arrays.copyOf(dims, rank), trimmed, offsets);
  }

  /** True when view {@code k} holds its elements in row-major order without gaps. */
  boolean isFlat(int k) {
    return last == 0 && (strides[k][0] == 1 || dims[0] == 1);
  }

  /** True when every element of view {@code k} is the same storage element (a broadcast scalar). */
  boolean isConstant(int k) {
    for (int stride : strides[k]) {
      if (stride != 0) {
        return false;
      }
    }
    return true;
  }

  /** The stride of view {@code k} within a run. */
  int innerStride(int k) {
    return strides[k][last];
  }

  /** Positions the walker at the element with row-major index {@code index}. */
  void seek(int index) {
    System.arraycopy(base, 0, offsets, 0, base.length);
    for (int d = last; d >= 0; d--) {
      coords[d] = index % dims[d];
      index /= dims[d];
      for (int k = 0; k < offsets.length; k++) {
        offsets[k] += coords[d] * strides[k][d];
      }
    }
  }

  /** Elements left in the current run. */
  int runLength() {
    return dims[last] - coords[last];
  }

  /** Moves {@code n} elements on, at most {@link #runLength()}. */
  void advance(int n) {
    coords[last] += n;
    for (int k = 0; k < offsets.length; k++) {
      offsets[k] += n * strides[k][last];
    }
    for (int d = last; d > 0 && coords[d] == dims[d]; d--) {
      coords[d] = 0;
      coords[d - 1]++;
      for (int k = 0; k < offsets.length; k++) {
        offsets[k] += strides[k][d - 1] - dims[d] * strides[k][d];
      }
    }
  }
}
