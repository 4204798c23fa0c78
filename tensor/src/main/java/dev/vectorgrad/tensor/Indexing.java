package dev.vectorgrad.tensor;

import java.util.Arrays;

/** Index-driven ops: shape and dtype checks in front of the gather and scatter kernels. */
final class Indexing {
  private Indexing() {}

  private static NdArray requireIndex(String op, NdArray index) {
    if (!index.dtype().isInteger()) {
      throw new DTypeMismatchException(op + ": index must be I32 or I64, got " + index.dtype());
    }
    return index.cast(DType.I64);
  }

  /** Checks {@code index.size(d) <= x.size(d)} for every {@code d} but {@code axis} (PyTorch's rule). */
  private static int checkFits(String op, NdArray x, int axis, NdArray index) {
    if (index.rank() != x.rank()) {
      throw new ShapeMismatchException(
          op + ": index of shape " + index.shape() + " needs the rank of the input " + x.shape());
    }
    int a = x.shape().axis(axis, op);
    for (int d = 0; d < x.rank(); d++) {
      if (d != a && index.size(d) > x.size(d)) {
        throw new ShapeMismatchException(
            op + ": index of shape " + index.shape() + " exceeds input " + x.shape()
                + " at dimension " + d);
      }
    }
    return a;
  }

  /**
   * Checks every entry of {@code index} lies in {@code [low, high)} up front, for ops whose kernel
   * would otherwise report the failure under another op's name.
   */
  private static void requireWithin(
      String op, String what, NdArray index, long low, long high, String context) {
    if (index.numel() == 0) {
      return;
    }
    long min = index.min().itemLong();
    long max = index.max().itemLong();
    if (min < low || max >= high) {
      throw new IndexOutOfRangeException(
          op + ": " + what + " range over [" + min + ", " + max + "], outside [" + low + ", " + high
              + ")" + context);
    }
  }

  static NdArray gather(NdArray x, int axis, NdArray index) {
    Elementwise.requireSameDevice("gather", x, index);
    NdArray idx = requireIndex("gather", index);
    int a = checkFits("gather", x, axis, idx);
    NdArray out = x.allocateLike(idx.shape(), x.dtype());
    x.backend().gather(x, a, idx, out);
    return out;
  }

  static NdArray scatterAdd(NdArray target, int axis, NdArray index, NdArray src) {
    NdArray out = target.copy();
    scatterAddInPlace(out, axis, index, src);
    return out;
  }

  static NdArray scatterAddToZeros(Shape shape, int axis, NdArray index, NdArray src) {
    NdArray out = NdArray.zeros(shape, src.dtype()).to(src.device());
    scatterAddInPlace(out, axis, index, src);
    return out;
  }

  private static void scatterAddInPlace(NdArray target, int axis, NdArray index, NdArray src) {
    Elementwise.requireSameDevice("scatterAdd", target, index);
    Elementwise.requireSameDevice("scatterAdd", target, src);
    NdArray idx = requireIndex("scatterAdd", index);
    int a = checkFits("scatterAdd", target, axis, idx);
    if (src.rank() != idx.rank()) {
      throw new ShapeMismatchException(
          "scatterAdd: src of shape " + src.shape() + " needs the rank of index " + idx.shape());
    }
    NdArray values = src.cast(target.dtype());
    for (int d = 0; d < idx.rank(); d++) {
      if (idx.size(d) > src.size(d)) {
        throw new ShapeMismatchException(
            "scatterAdd: index of shape " + idx.shape() + " exceeds src " + src.shape()
                + " at dimension " + d);
      }
      values = values.narrow(d, 0, idx.size(d));
    }
    target.backend().scatterAdd(target, a, idx, values);
  }

  static NdArray indexSelect(NdArray x, int axis, NdArray index) {
    if (index.rank() > 1) {
      throw new ShapeMismatchException(
          "indexSelect: index must be 1-D, got shape " + index.shape());
    }
    int a = x.shape().axis(axis, "indexSelect");
    requireIndex("indexSelect", index);
    int size = x.size(a);
    requireWithin("indexSelect", "indices", index, -size, size,
        " of axis " + axis + " with size " + size + " in shape " + x.shape());
    int[] along = new int[x.rank()];
    Arrays.fill(along, 1);
    along[a] = index.numel();
    int[] outDims = x.shape().toArray();
    outDims[a] = index.numel();
    return gather(x, a, index.reshape(along).expand(outDims));
  }

  static NdArray oneHot(NdArray labels, int numClasses) {
    requireIndex("oneHot", labels);
    if (numClasses <= 0) {
      throw new VectorgradException("oneHot: numClasses must be positive, got " + numClasses);
    }
    requireWithin("oneHot", "labels", labels, 0, numClasses, "");
    NdArray classes = NdArray.arange(numClasses).to(labels.device());
    return labels.unsqueeze(-1).eq(classes).cast(DType.I64);
  }
}
