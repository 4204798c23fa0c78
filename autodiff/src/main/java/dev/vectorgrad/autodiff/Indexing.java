package dev.vectorgrad.autodiff;

import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Shape;
import java.util.Arrays;

/** gather and scatterAdd are each other's adjoint; indexSelect is a gather. */
final class Indexing {
  private Indexing() {}

  static Tensor gather(Tensor x, int axis, Tensor index) {
    return gathered(x, axis, index, x.data().gather(axis, index.data()));
  }

  /**
   * {@code out}, which holds {@code x} gathered at {@code index} along {@code axis} however it was
   * computed, recorded as that gather: its gradient scatters back to the gathered positions.
   */
  static Tensor gathered(Tensor x, int axis, Tensor index, NdArray out) {
    Shape shape = x.shape();
    return Tensor.record(
        "gather", out, new Tensor[] {x}, new Tensor[0],
        (g, s) -> new Tensor[] {scatterAddToZeros(shape, axis, index, g)});
  }

  static Tensor scatterAdd(Tensor target, int axis, Tensor index, Tensor src) {
    NdArray out = target.data().scatterAdd(axis, index.data(), src.data());
    Shape srcShape = src.shape();
    return Tensor.record(
        "scatterAdd", out, new Tensor[] {target, src}, new Tensor[0],
        (g, s) -> new Tensor[] {g, srcGradient(g, axis, index, srcShape)});
  }

  static Tensor scatterAddToZeros(Shape shape, int axis, Tensor index, Tensor src) {
    NdArray out = NdArray.scatterAddToZeros(shape, axis, index.data(), src.data());
    Shape srcShape = src.shape();
    return Tensor.record(
        "scatterAdd", out, new Tensor[] {src}, new Tensor[0],
        (g, s) -> new Tensor[] {srcGradient(g, axis, index, srcShape)});
  }

  /** The values scattered from: {@code g} gathered at the index, zero where src outgrows the index. */
  private static Tensor srcGradient(Tensor g, int axis, Tensor index, Shape srcShape) {
    Tensor picked = g.gather(axis, Tensor.from(index.data()));
    if (picked.shape().equals(srcShape)) {
      return picked;
    }
    NdArray padded = NdArray.zeros(srcShape, g.dtype()).to(g.device());
    NdArray region = padded;
    for (int d = 0; d < srcShape.rank(); d++) {
      region = region.narrow(d, 0, picked.size(d));
    }
    region.copyFrom(picked.data());
    return Tensor.from(padded);
  }

  static Tensor indexSelect(Tensor x, int axis, Tensor index) {
    if (index.rank() > 1) {
      x.data().indexSelect(axis, index.data()); // raises indexSelect's own error
    }
    int a = x.shape().axis(axis, "indexSelect");
    int[] along = new int[x.rank()];
    Arrays.fill(along, 1);
    along[a] = index.numel();
    int[] outDims = x.shape().toArray();
    outDims[a] = index.numel();
    return gather(x, a, Tensor.from(index.data().reshape(along).expand(outDims)));
  }
}
