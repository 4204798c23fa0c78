package dev.vectorgrad.tensor;

import java.util.Arrays;

/** The shape logic of {@code torch.matmul} in front of the backend's batched product. */
final class LinearAlgebra {
  private LinearAlgebra() {}

  /**
   * 1-D operands become a row ({@code a}) or a column ({@code b}) and that dimension is dropped from
   * the result; leading dimensions are batch dimensions and broadcast.
   */
  static NdArray matmul(NdArray a, NdArray b) {
    if (a.rank() == 0 || b.rank() == 0) {
      throw new ShapeMismatchException(
          "matmul: " + a.shape() + " x " + b.shape() + ": both arguments need at least one dimension");
    }
    Elementwise.requireSameDevice("matmul", a, b);
    if (!a.dtype().isFloating() || !b.dtype().isFloating()) {
      throw new DTypeMismatchException(
          "matmul: " + a.shape() + " " + a.dtype() + " x " + b.shape() + " " + b.dtype()
              + ": needs floating arrays; cast with cast(DType.F32)");
    }
    NdArray left = a.rank() == 1 ? a.unsqueeze(0) : a;
    NdArray right = b.rank() == 1 ? b.unsqueeze(1) : b;
    int m = left.size(-2);
    int k = left.size(-1);
    int n = right.size(-1);
    if (right.size(-2) != k) {
      throw new ShapeMismatchException(
          "matmul: " + a.shape() + " x " + b.shape() + ": inner dimensions " + k + " and "
              + right.size(-2) + " differ");
    }
    Shape batch =
        Shape.broadcast("matmul", batchShape(left), batchShape(right));
    DType type = DType.promote(a.dtype(), b.dtype());
    NdArray left3 = asBatched(left.cast(type).expand(with(batch, m, k)), batch.numel());
    NdArray right3 = asBatched(right.cast(type).expand(with(batch, k, n)), batch.numel());
    NdArray out = a.allocateLike(Shape.of(batch.numel(), m, n), type);
    a.backend().matmul(left3, right3, out);
    int[] dims = with(batch, m, n).toArray();
    if (b.rank() == 1) {
      dims = Arrays.copyOf(dims, dims.length - 1);
    }
    if (a.rank() == 1) {
      dims = Creation.remove(dims, dims.length - (b.rank() == 1 ? 1 : 2));
    }
    return out.view(dims);
  }

  static void addmmInPlace(NdArray target, NdArray a, NdArray b) {
    if (target.rank() != 2 || a.rank() != 2 || b.rank() != 2
        || a.size(0) != target.size(0) || b.size(1) != target.size(1) || a.size(1) != b.size(0)) {
      throw new ShapeMismatchException(
          "addmmInPlace: " + target.shape() + " += " + a.shape() + " x " + b.shape()
              + ": needs [m, n] += [m, k] x [k, n]");
    }
    Elementwise.requireSameDevice("addmmInPlace", target, a);
    Elementwise.requireSameDevice("addmmInPlace", target, b);
    if (!target.dtype().isFloating() || a.dtype() != target.dtype() || b.dtype() != target.dtype()) {
      throw new DTypeMismatchException(
          "addmmInPlace: " + target.dtype() + " += " + a.dtype() + " x " + b.dtype()
              + ": needs three arrays of one floating dtype");
    }
    boolean apart = target.storage() != a.storage() && target.storage() != b.storage();
    if (!(apart && target.isContiguous()
        && target.backend().matmulAccumulate(asBatched(a, 1), asBatched(b, 1), asBatched(target, 1)))) {
      target.copyFrom(target.plus(a.matmul(b)));
    }
  }

  private static Shape batchShape(NdArray x) {
    return Shape.of(Arrays.copyOf(x.shape().toArray(), x.rank() - 2));
  }

  private static Shape with(Shape batch, int rows, int cols) {
    int[] dims = Arrays.copyOf(batch.toArray(), batch.rank() + 2);
    dims[batch.rank()] = rows;
    dims[batch.rank() + 1] = cols;
    return Shape.of(dims);
  }

  /**
   * Merges the batch dimensions of {@code x} into one without copying when their strides allow it
   * (always for broadcast batches, whose strides are all 0), otherwise copies.
   */
  private static NdArray asBatched(NdArray x, int batchSize) {
    int batchRank = x.rank() - 2;
    int batchStride = x.mergedStride(0, batchRank, 0);
    if (batchStride < 0) {
      return x.contiguous().view(batchSize, x.size(-2), x.size(-1));
    }
    return x.viewOf(
        Shape.of(batchSize, x.size(-2), x.size(-1)),
        new int[] {batchStride, x.stride(batchRank), x.stride(batchRank + 1)},
        x.offset());
  }
}
