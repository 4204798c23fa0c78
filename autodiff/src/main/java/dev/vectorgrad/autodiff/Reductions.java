package dev.vectorgrad.autodiff;

import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Shape;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Reductions and their derivatives: the gradient of a reduced output is broadcast back over the
 * reduced axes. Mean, var, std and softmax are composed in {@link Tensor} from these.
 */
final class Reductions {
  private Reductions() {}

  /** The reduced axes in ascending order, resolved; an empty list means all (as in NdArray). */
  static int[] resolve(Shape shape, int[] axes) {
    if (axes.length == 0) {
      int[] all = new int[shape.rank()];
      for (int i = 0; i < all.length; i++) {
        all[i] = i;
      }
      return all;
    }
    int[] resolved = new int[axes.length];
    for (int i = 0; i < axes.length; i++) {
      resolved[i] = shape.axis(axes[i], "reduce");
    }
    Arrays.sort(resolved);
    return resolved;
  }

  static int count(Shape shape, int[] axes) {
    int n = 1;
    for (int a : resolve(shape, axes)) {
      n *= shape.dim(a);
    }
    return n;
  }

  /** A reduced gradient (or result) viewed with the reduced axes kept as size 1. */
  static Tensor keepDims(Tensor reduced, Shape input, int[] axes, boolean keptAlready) {
    if (keptAlready) {
      return reduced;
    }
    Tensor out = reduced;
    for (int a : resolve(input, axes)) {
      out = out.unsqueeze(a);
    }
    return out;
  }

  static Tensor sum(Tensor x, int[] axes, boolean keepDim) {
    NdArray out = x.data().sum(axes, keepDim);
    Shape shape = x.shape();
    return Tensor.record(
        "sum", out, new Tensor[] {x}, new Tensor[0],
        (g, s) -> new Tensor[] {keepDims(g, shape, axes, keepDim).expand(shape)});
  }

  /**
   * Product over one axis or all. The gradient of element i is the product of the others, computed
   * without dividing by zero: with one zero only that element gets a gradient, with more none does.
   */
  static Tensor prod(Tensor x, @Nullable Integer axis, boolean keepDim) {
    int[] axes = axis == null ? new int[0] : new int[] {axis};
    NdArray out = axis == null ? x.data().prod() : x.data().prod(axis, keepDim);
    Shape shape = x.shape();
    return Tensor.record(
        "prod", out, new Tensor[] {x}, new Tensor[] {x, null},
        (g, s) -> {
          Tensor input = s[0];
          Tensor isZero = input.eq(0);
          Tensor one = Tensor.scalar(1, input.dtype()).to(input.device());
          Tensor zero = Tensor.scalar(0, input.dtype()).to(input.device());
          Tensor nonZero = Tensor.where(isZero, one, input);
          Tensor zeros = keepDims(isZero.cast(input.dtype()).sum(axes, false), shape, axes, false);
          Tensor othersIfNoZero = keepDims(s[1], shape, axes, keepDim).div(nonZero);
          Tensor nonZeroProduct = axis == null ? nonZero.prod() : nonZero.prod(axis, false);
          Tensor productOfNonZeros = keepDims(nonZeroProduct, shape, axes, false);
          Tensor othersIfOneZero = Tensor.where(isZero, productOfNonZeros.expand(shape), zero);
          Tensor others =
              Tensor.where(zeros.eq(0), othersIfNoZero,
                  Tensor.where(zeros.eq(1), othersIfOneZero, zero));
          return new Tensor[] {keepDims(g, shape, axes, keepDim).times(others)};
        });
  }

  /** Max or min; the gradient is shared evenly among the elements equal to the result. */
  static Tensor extreme(Tensor x, boolean max, int[] axes, boolean keepDim) {
    NdArray out =
        axes.length == 0
            ? (max ? x.data().max() : x.data().min())
            : (max ? x.data().max(axes[0], keepDim) : x.data().min(axes[0], keepDim));
    Shape shape = x.shape();
    return Tensor.record(
        max ? "max" : "min", out, new Tensor[] {x}, new Tensor[] {x, null},
        (g, s) -> {
          Tensor one = Tensor.scalar(1, g.dtype()).to(g.device());
          Tensor zero = Tensor.scalar(0, g.dtype()).to(g.device());
          Tensor hits = Tensor.where(s[0].eq(keepDims(s[1], shape, axes, keepDim)), one, zero);
          Tensor ties = keepDims(hits.sum(axes, true), shape, axes, true);
          return new Tensor[] {keepDims(g, shape, axes, keepDim).times(hits).div(ties)};
        });
  }

  /** The max over {@code axes} (kept, constant), with non-finite values replaced by 0. */
  static Tensor shift(Tensor x, int[] axes) {
    NdArray max = x.data();
    for (int a : resolve(x.shape(), axes)) {
      max = max.max(a, true);
    }
    NdArray finite = max.abs().lt(Double.POSITIVE_INFINITY);
    return Tensor.from(NdArray.where(finite, max, NdArray.scalar(0, max.dtype()).to(max.device())));
  }

  /** The shape of a reduction over {@code axes} without keepDim. */
  private static int[] reducedShape(Shape shape, int[] axes) {
    boolean[] reduced = new boolean[shape.rank()];
    for (int a : resolve(shape, axes)) {
      reduced[a] = true;
    }
    int[] dims = new int[shape.rank()];
    int n = 0;
    for (int i = 0; i < reduced.length; i++) {
      if (!reduced[i]) {
        dims[n++] = shape.dim(i);
      }
    }
    return Arrays.copyOf(dims, n);
  }

  static Tensor logSumExp(Tensor x, int[] axes, boolean keepDim) {
    Tensor floating = x.cast(x.dtype().toFloating());
    Tensor c = shift(floating, axes);
    Tensor result = floating.minus(c).exp().sum(axes, true).log().plus(c);
    if (keepDim) {
      return result;
    }
    return result.reshape(reducedShape(x.shape(), axes));
  }
}
