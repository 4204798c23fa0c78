package dev.vectorgrad.tensor.scalar;

import dev.vectorgrad.tensor.NdArray;

/**
 * Walks the storage offsets of several same-shape strided views in row-major order, one step per
 * element, updating offsets incrementally instead of recomputing them from coordinates.
 */
final class OffsetWalker {
  private final int[] shape;
  private final int[][] strides;
  private final int[] counter;
  /** {@code offsets[k]} is the storage offset of the current element in view {@code k}. */
  final int[] offsets;

  OffsetWalker(int[] shape, int[][] strides, int[] offsets) {
    this.shape = shape;
    this.strides = strides;
    this.offsets = offsets;
    this.counter = new int[shape.length];
  }

  /** A walker over arrays that all have the shape of the first. */
  static OffsetWalker over(NdArray... arrays) {
    int[][] strides = new int[arrays.length][];
    int[] offsets = new int[arrays.length];
    for (int k = 0; k < arrays.length; k++) {
      strides[k] = arrays[k].strides();
      offsets[k] = arrays[k].offset();
    }
    return new OffsetWalker(arrays[0].shape().toArray(), strides, offsets);
  }

  /** Moves to the next element in row-major order. */
  void next() {
    for (int d = shape.length - 1; d >= 0; d--) {
      for (int k = 0; k < offsets.length; k++) {
        offsets[k] += strides[k][d];
      }
      if (++counter[d] < shape[d]) {
        return;
      }
      for (int k = 0; k < offsets.length; k++) {
        offsets[k] -= strides[k][d] * shape[d];
      }
      counter[d] = 0;
    }
  }
}
