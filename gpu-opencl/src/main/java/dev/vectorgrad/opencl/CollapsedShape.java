package dev.vectorgrad.opencl;

import dev.vectorgrad.tensor.VectorgradException;
import java.util.Arrays;

/**
 * A shape walked by several strided views at once, with as few dimensions as possible: size-1
 * dimensions are dropped and neighbours merged wherever every view steps through them as through
 * one ({@code stride[d] == stride[d + 1] * size[d + 1]}).
 *
 * <p>Row-major order is kept, so flat index {@code i} names the same element before and after.
 * Kernels take at most {@link #MAX_RANK} dimensions as {@code int8} arguments, and merging makes
 * that limit rarely matter: a contiguous copy becomes rank 1, a row broadcast onto a matrix rank 2.
 */
final class CollapsedShape {
  /** The lanes of an OpenCL {@code int8}. */
  static final int MAX_RANK = 8;

  private final int[] sizes;
  private final int[][] strides;

  private CollapsedShape(int[] sizes, int[][] strides) {
    this.sizes = sizes;
    this.strides = strides;
  }

  /**
   * Collapses {@code shape} as seen through one stride array per view.
   *
   * @throws VectorgradException if more than {@link #MAX_RANK} dimensions remain
   */
  static CollapsedShape of(String op, int[] shape, int[]... viewStrides) {
    int views = viewStrides.length;
    int[] sizes = new int[shape.length];
    int[][] strides = new int[views][shape.length];
    int rank = 0;
    for (int d = 0; d < shape.length; d++) {
      if (shape[d] == 1) {
        continue;
      }
      if (rank > 0 && mergesWithPrevious(shape[d], d, rank - 1, viewStrides, strides)) {
        sizes[rank - 1] *= shape[d];
        for (int v = 0; v < views; v++) {
          strides[v][rank - 1] = viewStrides[v][d];
        }
        continue;
      }
      sizes[rank] = shape[d];
      for (int v = 0; v < views; v++) {
        strides[v][rank] = viewStrides[v][d];
      }
      rank++;
    }
    if (rank > MAX_RANK) {
      throw new VectorgradException(
          op + ": views of shape " + Arrays.toString(shape) + " keep " + rank
              + " dimensions after merging, but OpenCL kernels take at most " + MAX_RANK
              + "; make the inputs contiguous on the CPU first");
    }
    for (int v = 0; v < views; v++) {
      strides[v] = Arrays.copyOf(strides[v], rank);
    }
    return new CollapsedShape(Arrays.copyOf(sizes, rank), strides);
  }

  /** True when every view steps over the collapsed dimension {@code previous} as one more {@code d}. */
  private static boolean mergesWithPrevious(
      int size, int d, int previous, int[][] viewStrides, int[][] collapsedStrides) {
    for (int v = 0; v < viewStrides.length; v++) {
      if ((long) viewStrides[v][d] * size != collapsedStrides[v][previous]) {
        return false;
      }
    }
    return true;
  }

  int rank() {
    return sizes.length;
  }

  /** The collapsed sizes, unpadded; for tests and messages. */
  int[] sizes() {
    return sizes.clone();
  }

  /** The collapsed strides of view {@code view}, unpadded. */
  int[] strides(int view) {
    return strides[view].clone();
  }

  /** The sizes as an {@code int8} argument, padded with 1. */
  int[] sizesVector() {
    int[] vector = new int[MAX_RANK];
    Arrays.fill(vector, 1);
    System.arraycopy(sizes, 0, vector, 0, sizes.length);
    return vector;
  }

  /** The strides of view {@code view} as an {@code int8} argument, padded with 0. */
  int[] stridesVector(int view) {
    return Arrays.copyOf(strides[view], MAX_RANK);
  }
}
