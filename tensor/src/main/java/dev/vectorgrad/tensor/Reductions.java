package dev.vectorgrad.tensor;

import dev.vectorgrad.tensor.ops.ReduceOp;
import dev.vectorgrad.tensor.spi.HeapStorage;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Reductions over any set of axes. Primitive reductions permute the reduced axes to the end and
 * hand the backend a {@code [outer, inner]} view; mean, var and logSumExp are composed, and softmax
 * too unless a fused row kernel applies.
 */
final class Reductions {
  private Reductions() {}

  static int[] all(int rank) {
    int[] axes = new int[rank];
    for (int i = 0; i < rank; i++) {
      axes[i] = i;
    }
    return axes;
  }

  /** Resolves {@code axes} into a membership mask; an empty list means every axis, as in PyTorch. */
  private static boolean[] reducedMask(String op, Shape shape, int[] axes) {
    boolean[] reduced = new boolean[shape.rank()];
    if (axes.length == 0) {
      Arrays.fill(reduced, true);
    }
    for (int axis : axes) {
      int a = shape.axis(axis, op);
      if (reduced[a] && axes.length > 0) {
        throw new IndexOutOfRangeException(op + ": axis " + axis + " repeats in " + Arrays.toString(axes));
      }
      reduced[a] = true;
    }
    return reduced;
  }

  static NdArray reduce(ReduceOp op, NdArray x, int[] axes, boolean keepDim) {
    boolean[] reduced = reducedMask(op.opName(), x.shape(), axes);
    int rank = x.rank();
    int[] order = new int[rank];
    int[] keptDims = new int[rank];
    int[] keepDimDims = x.shape().toArray();
    int kept = 0;
    int outer = 1;
    for (int i = 0; i < rank; i++) {
      if (!reduced[i]) {
        order[kept] = i;
        keptDims[kept++] = x.size(i);
        outer *= x.size(i);
      } else {
        keepDimDims[i] = 1;
      }
    }
    int inner = 1;
    for (int i = 0, r = kept; i < rank; i++) {
      if (reduced[i]) {
        order[r++] = i;
        inner *= x.size(i);
      }
    }
    if (inner == 0 && op.needsElements()) {
      throw new ShapeMismatchException(
          op.opName() + ": cannot reduce zero elements of shape " + x.shape() + " over axes "
              + Arrays.toString(axes) + "; the result has no identity");
    }
    int tail = rank;
    while (tail > 0 && reduced[tail - 1]) {
      tail--;
    }
    if (op == ReduceOp.SUM && tail < rank && kept < tail) {
      // A trailing run of reduced axes is summed first, where it lies, so only the much smaller
      // partial sums are transposed for the rest (a convolution's bias gradient sums [N, C, H, W]
      // over N, H and W: one copy of the whole gradient otherwise).
      int[] trailing = new int[rank - tail];
      for (int i = 0; i < trailing.length; i++) {
        trailing[i] = tail + i;
      }
      int[] leading = new int[tail - kept];
      for (int i = 0, at = 0; i < tail; i++) {
        if (reduced[i]) {
          leading[at++] = i;
        }
      }
      NdArray sums = reduce(op, reduce(op, x, trailing, true), leading, true);
      return sums.view(keepDim ? keepDimDims : Arrays.copyOf(keptDims, kept));
    }
    NdArray permuted = x.cast(op.inputType(x.dtype())).permute(order);
    NdArray input = grouped(permuted, kept, outer, inner);
    NdArray out = x.allocateLike(Shape.of(outer), op.resultType(x.dtype()));
    x.backend().reduce(op, input, out);
    return out.view(keepDim ? keepDimDims : Arrays.copyOf(keptDims, kept));
  }

  /**
   * {@code x} as {@code [outer, inner]}: its first {@code kept} axes merged into one and the rest
   * into another, as a view when each group steps through memory evenly (the backend takes any
   * strides), else a contiguous copy. A bias gradient, {@code [batch, features]} summed over the
   * batch, had been transposed into a copy first: 50 us of the 55 its sum took at [128, 256].
   */
  private static NdArray grouped(NdArray x, int kept, int outer, int inner) {
    int outerStride = x.mergedStride(0, kept, 1);
    int innerStride = x.mergedStride(kept, x.rank(), 1);
    if (outerStride < 0 || innerStride < 0) {
      return x.reshape(outer, inner);
    }
    return x.viewOf(Shape.of(outer, inner), new int[] {outerStride, innerStride}, x.offset());
  }

  /**
   * Number of elements each output of a reduction over {@code axes} combines; composed reductions
   * call it first so that a bad axis is reported under their own name.
   */
  private static int count(String op, NdArray x, int[] axes) {
    boolean[] reduced = reducedMask(op, x.shape(), axes);
    int n = 1;
    for (int i = 0; i < reduced.length; i++) {
      n *= reduced[i] ? x.size(i) : 1;
    }
    return n;
  }

  static NdArray mean(NdArray x, int[] axes, boolean keepDim) {
    int n = count("mean", x, axes);
    NdArray floating = x.cast(x.dtype().toFloating());
    return reduce(ReduceOp.SUM, floating, axes, keepDim).div((double) n);
  }

  /** The variance; {@code op} ("var" or "std") names the caller in errors. */
  static NdArray var(String op, NdArray x, int[] axes, boolean keepDim, int correction) {
    int n = count(op, x, axes);
    NdArray floating = x.cast(x.dtype().toFloating());
    NdArray deviation = floating.minus(mean(floating, axes, true));
    NdArray squares = reduce(ReduceOp.SUM, deviation.times(deviation), axes, keepDim);
    return squares.div((double) Math.max(n - correction, 0));
  }

  /** The max along {@code axes} (kept), with infinities and NaN replaced by 0 so shifting is safe. */
  private static NdArray finiteShift(NdArray x, int[] axes) {
    NdArray max = reduce(ReduceOp.MAX, x, axes, true);
    NdArray finite = max.abs().lt(Double.POSITIVE_INFINITY);
    return NdArray.where(finite, max, NdArray.scalar(0, max.dtype()).to(max.device()));
  }

  static NdArray logSumExp(NdArray x, int[] axes, boolean keepDim) {
    NdArray floating = x.cast(x.dtype().toFloating());
    if (count("logSumExp", x, axes) == 0) { // log(0): every output is -inf
      return reduce(ReduceOp.SUM, floating, axes, keepDim).log();
    }
    NdArray shift = finiteShift(floating, axes);
    NdArray sum = reduce(ReduceOp.SUM, floating.minus(shift).exp(), axes, true);
    NdArray result = sum.log().plus(shift);
    return keepDim ? result : dropAxes(result, x.shape(), axes);
  }

  static NdArray softmax(NdArray x, int axis) {
    NdArray floating = x.cast(x.dtype().toFloating());
    if (x.size(x.shape().axis(axis, "softmax")) == 0) {
      return floating.copy();
    }
    NdArray fused = fusedRows(floating, axis, false);
    if (fused != null) {
      return fused;
    }
    int[] axes = {axis};
    NdArray exp = floating.minus(finiteShift(floating, axes)).exp();
    return exp.div(reduce(ReduceOp.SUM, exp, axes, true));
  }

  /**
   * {@code (x - max) - log(sum(exp(x - max)))} along {@code axis}. Entries near the max have
   * results near 0, which {@code x - logSumExp(x)} would only get to within an ulp of x.
   */
  static NdArray logSoftmax(NdArray x, int axis) {
    NdArray floating = x.cast(x.dtype().toFloating());
    if (x.size(x.shape().axis(axis, "logSoftmax")) == 0) {
      return floating.copy();
    }
    NdArray fused = fusedRows(floating, axis, true);
    if (fused != null) {
      return fused;
    }
    int[] axes = {axis};
    NdArray shifted = floating.minus(finiteShift(floating, axes));
    return shifted.minus(reduce(ReduceOp.SUM, shifted.exp(), axes, true).log());
  }

  /**
   * The backend's fused row kernel ({@link dev.vectorgrad.tensor.spi.Backend#softmax}) when {@code
   * axis} is the last one and {@code x} (floating, non-empty along it) is a contiguous host array;
   * null otherwise, for the composed path. Both have the same semantics.
   */
  private static @Nullable NdArray fusedRows(NdArray x, int axis, boolean log) {
    int rank = x.rank();
    if (rank == 0 || x.shape().axis(axis, log ? "logSoftmax" : "softmax") != rank - 1
        || !x.isContiguous() || !(x.storage() instanceof HeapStorage)) {
      return null;
    }
    int n = x.size(rank - 1);
    NdArray rows = x.view(x.numel() / n, n);
    NdArray out = x.allocateLike(rows.shape(), x.dtype());
    x.backend().softmax(rows, log, out);
    return out.view(x.shape().toArray());
  }

  /** Removes the (size-1) reduced axes of a keepDim result. */
  private static NdArray dropAxes(NdArray kept, Shape original, int[] axes) {
    boolean[] reduced = reducedMask("reduce", original, axes);
    int[] dims = new int[original.rank()];
    int n = 0;
    for (int i = 0; i < reduced.length; i++) {
      if (!reduced[i]) {
        dims[n++] = original.dim(i);
      }
    }
    return kept.view(Arrays.copyOf(dims, n));
  }
}
