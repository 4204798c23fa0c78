package dev.vectorgrad.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * The test oracle: a dense float64 array (row-major {@code double[]} plus shape) whose every op is
 * the obvious loop over multi-indices. It never calls {@link NdArray}, so a bug there cannot hide
 * in the expected values. Speed does not matter; clarity does.
 */
public final class Reference {
  private final double[] data;
  private final int[] shape;

  public Reference(double[] data, int... shape) {
    if (data.length != numel(shape)) {
      throw new IllegalArgumentException(data.length + " values for shape " + Arrays.toString(shape));
    }
    this.data = data.clone();
    this.shape = shape.clone();
  }

  /** The array of {@code shape} whose element at each multi-index is {@code valueAt(index)}. */
  public static Reference tabulate(int[] shape, ToDoubleFunction<int[]> valueAt) {
    double[] values = new double[numel(shape)];
    int[] flat = {0};
    forEachIndex(shape, index -> values[flat[0]++] = valueAt.applyAsDouble(index));
    return new Reference(values, shape);
  }

  /** Calls {@code action} with every multi-index of {@code shape} in row-major order (one reused array). */
  static void forEachIndex(int[] shape, Consumer<int[]> action) {
    if (numel(shape) == 0) {
      return;
    }
    int[] index = new int[shape.length];
    while (true) {
      action.accept(index);
      int d = shape.length - 1;
      while (d >= 0 && ++index[d] == shape[d]) {
        index[d--] = 0;
      }
      if (d < 0) {
        return;
      }
    }
  }

  static int numel(int[] shape) {
    int n = 1;
    for (int size : shape) {
      n *= size;
    }
    return n;
  }

  private static int axis(int axis, int rank) {
    if (axis < -rank || axis >= rank) {
      throw new IllegalArgumentException("axis " + axis + " for rank " + rank);
    }
    return axis < 0 ? axis + rank : axis;
  }

  public int[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  public int size(int axis) {
    return shape[axis(axis, rank())];
  }

  public int numel() {
    return data.length;
  }

  /** The elements in row-major order. */
  public double[] values() {
    return data.clone();
  }

  public double at(int... index) {
    int flat = 0;
    for (int d = 0; d < shape.length; d++) {
      if (index[d] < 0 || index[d] >= shape[d]) {
        throw new IllegalArgumentException(
            Arrays.toString(index) + " outside " + Arrays.toString(shape));
      }
      flat = flat * shape[d] + index[d];
    }
    return data[flat];
  }

  /** The element at {@code index} of this array broadcast to a shape of rank {@code index.length}. */
  private double atBroadcast(int[] index) {
    int lead = index.length - shape.length;
    int[] own = new int[shape.length];
    for (int d = 0; d < shape.length; d++) {
      own[d] = shape[d] == 1 ? 0 : index[lead + d];
    }
    return at(own);
  }

  // ---------------------------------------------------------------- elementwise

  public Reference map(DoubleUnaryOperator f) {
    return tabulate(shape, index -> f.applyAsDouble(at(index)));
  }

  /** NumPy broadcasting: align from the right; each size must match or be 1. */
  public static int[] broadcastShape(int[] a, int[] b) {
    int rank = Math.max(a.length, b.length);
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
      int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
      if (da != db && da != 1 && db != 1) {
        throw new IllegalArgumentException(Arrays.toString(a) + " vs " + Arrays.toString(b));
      }
      out[i] = da == 1 ? db : da;
    }
    return out;
  }

  public static Reference zip(Reference a, Reference b, DoubleBinaryOperator f) {
    return tabulate(
        broadcastShape(a.shape, b.shape),
        index -> f.applyAsDouble(a.atBroadcast(index), b.atBroadcast(index)));
  }

  /** {@code cond != 0 ? a : b}, all three broadcast. */
  public static Reference where(Reference cond, Reference a, Reference b) {
    int[] shape = broadcastShape(cond.shape, broadcastShape(a.shape, b.shape));
    return tabulate(shape, i -> cond.atBroadcast(i) != 0 ? a.atBroadcast(i) : b.atBroadcast(i));
  }

  // ---------------------------------------------------------------- movement, as index mapping

  /** Same elements in the same order, new shape (no -1 inference: tests spell shapes out). */
  public Reference reshape(int... newShape) {
    return new Reference(data, newShape);
  }

  /** Result dimension {@code i} is this array's dimension {@code order[i]}. */
  public Reference permute(int... order) {
    int[] dims = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      dims[i] = shape[axis(order[i], rank())];
    }
    return tabulate(dims, index -> {
      int[] source = new int[rank()];
      for (int i = 0; i < order.length; i++) {
        source[axis(order[i], rank())] = index[i];
      }
      return at(source);
    });
  }

  public Reference transpose(int axis0, int axis1) {
    int[] order = new int[rank()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    int a = axis(axis0, rank());
    int b = axis(axis1, rank());
    order[a] = b;
    order[b] = a;
    return permute(order);
  }

  /** Python's {@code x[start:end:step]} along {@code axis}: negative bounds count from the end. */
  public Reference slice(int axis, int start, int end, int step) {
    int a = axis(axis, rank());
    int size = shape[a];
    int from = Math.min(Math.max(start < 0 ? start + size : start, 0), size);
    int to = Math.min(Math.max(end < 0 ? end + size : end, 0), size);
    int count = 0;
    for (int i = from; i < to; i += step) {
      count++;
    }
    int[] dims = shape.clone();
    dims[a] = count;
    return tabulate(dims, index -> {
      int[] source = index.clone();
      source[a] = from + index[a] * step;
      return at(source);
    });
  }

  /** The sub-array at {@code index} along {@code axis}, which disappears. */
  public Reference select(int axis, int index) {
    int a = axis(axis, rank());
    int i = index < 0 ? index + shape[a] : index;
    int[] dims = new int[rank() - 1];
    for (int d = 0, k = 0; d < rank(); d++) {
      if (d != a) {
        dims[k++] = shape[d];
      }
    }
    return tabulate(dims, index2 -> {
      int[] source = new int[rank()];
      for (int d = 0, k = 0; d < rank(); d++) {
        source[d] = d == a ? i : index2[k++];
      }
      return at(source);
    });
  }

  /** Broadcasts to {@code sizes} (no -1: tests spell sizes out). */
  public Reference expand(int... sizes) {
    if (!Arrays.equals(broadcastShape(shape, sizes), sizes)) {
      throw new IllegalArgumentException(Arrays.toString(shape) + " to " + Arrays.toString(sizes));
    }
    return tabulate(sizes, this::atBroadcast);
  }

  /** Inserts a size-1 dimension at {@code axis} (in {@code [0, rank]}). */
  public Reference unsqueeze(int axis) {
    int[] dims = new int[rank() + 1];
    for (int d = 0, k = 0; d < dims.length; d++) {
      dims[d] = d == axis ? 1 : shape[k++];
    }
    return reshape(dims);
  }

  // ---------------------------------------------------------------- joining

  public static Reference cat(List<Reference> parts, int axis) {
    Reference first = parts.get(0);
    int a = axis(axis, first.rank());
    int[] dims = first.shape();
    dims[a] = 0;
    for (Reference part : parts) {
      dims[a] += part.shape[a];
    }
    return tabulate(dims, index -> {
      int[] source = index.clone();
      for (Reference part : parts) {
        if (source[a] < part.shape[a]) {
          return part.at(source);
        }
        source[a] -= part.shape[a];
      }
      throw new AssertionError();
    });
  }

  public static Reference stack(List<Reference> parts, int axis) {
    int a = axis < 0 ? axis + parts.get(0).rank() + 1 : axis;
    List<Reference> lifted = new ArrayList<>();
    for (Reference part : parts) {
      lifted.add(part.unsqueeze(a));
    }
    return cat(lifted, a);
  }

  /** Consecutive pieces of the given sizes along {@code axis}. */
  public List<Reference> split(int[] sizes, int axis) {
    List<Reference> parts = new ArrayList<>();
    int start = 0;
    for (int size : sizes) {
      parts.add(slice(axis, start, start + size, 1));
      start += size;
    }
    return parts;
  }

  // ---------------------------------------------------------------- reductions

  /**
   * Combines, for every output position, the elements that share it (in row-major order of the
   * reduced axes). An empty {@code axes} reduces every axis, as in PyTorch.
   */
  public Reference reduce(int[] axes, boolean keepDim, ToDoubleFunction<double[]> combine) {
    boolean[] reduced = new boolean[rank()];
    for (int axis : axes) {
      reduced[axis(axis, rank())] = true;
    }
    if (axes.length == 0) {
      Arrays.fill(reduced, true);
    }
    int[] groupShape = new int[rank()];
    List<Integer> outDims = new ArrayList<>();
    for (int d = 0; d < rank(); d++) {
      groupShape[d] = reduced[d] ? shape[d] : 1;
      if (!reduced[d] || keepDim) {
        outDims.add(reduced[d] ? 1 : shape[d]);
      }
    }
    int[] out = outDims.stream().mapToInt(Integer::intValue).toArray();
    return tabulate(out, outIndex -> {
      int[] base = new int[rank()];
      for (int d = 0, k = 0; d < rank(); d++) {
        if (!reduced[d]) {
          base[d] = outIndex[k++];
        } else if (keepDim) {
          k++;
        }
      }
      double[] group = new double[numel(groupShape)];
      int[] n = {0};
      forEachIndex(groupShape, offset -> {
        int[] source = base.clone();
        for (int d = 0; d < rank(); d++) {
          source[d] += offset[d];
        }
        group[n[0]++] = at(source);
      });
      return combine.applyAsDouble(group);
    });
  }

  public static double sum(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum;
  }

  public static double product(double[] values) {
    double product = 1;
    for (double v : values) {
      product *= v;
    }
    return product;
  }

  public static double mean(double[] values) {
    return sum(values) / values.length;
  }

  public static double max(double[] values) {
    return values[argmax(values)];
  }

  public static double min(double[] values) {
    return values[argmin(values)];
  }

  /** Position of the first largest value. */
  public static int argmax(double[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }

  public static int argmin(double[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] < values[best]) {
        best = i;
      }
    }
    return best;
  }

  /** Squared deviations from the mean summed, over {@code n - correction} (NaN if not positive). */
  public static double variance(double[] values, int correction) {
    double mean = mean(values);
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    int divisor = values.length - correction;
    return divisor > 0 ? squares / divisor : squares / 0.0;
  }

  /** {@code log(sum(exp(v)))}, shifted by the max so large values do not overflow. */
  public static double logSumExp(double[] values) {
    if (values.length == 0) {
      return Double.NEGATIVE_INFINITY;
    }
    double max = max(values);
    double sum = 0;
    for (double v : values) {
      sum += Math.exp(v - max);
    }
    return max + Math.log(sum);
  }

  /** {@code exp(x) / sum(exp(x))} along {@code axis}. */
  public Reference softmax(int axis) {
    Reference lse = reduce(new int[] {axis}, true, Reference::logSumExp);
    return zip(this, lse, (x, l) -> Math.exp(x - l));
  }

  public Reference logSoftmax(int axis) {
    Reference lse = reduce(new int[] {axis}, true, Reference::logSumExp);
    return zip(this, lse, (x, l) -> x - l);
  }

  // ---------------------------------------------------------------- matmul

  /**
   * {@code torch.matmul}: a 1-D left operand is a row and a 1-D right operand a column, each removed
   * from the result; dimensions before the last two are batch dimensions and broadcast.
   */
  public static Reference matmul(Reference a, Reference b) {
    Reference left = a.rank() == 1 ? a.unsqueeze(0) : a;
    Reference right = b.rank() == 1 ? b.unsqueeze(1) : b;
    int m = left.size(-2);
    int k = left.size(-1);
    int n = right.size(-1);
    if (right.size(-2) != k) {
      throw new IllegalArgumentException("inner dimensions " + k + " and " + right.size(-2));
    }
    int[] batch = broadcastShape(
        Arrays.copyOf(left.shape, left.rank() - 2), Arrays.copyOf(right.shape, right.rank() - 2));
    int[] dims = Arrays.copyOf(batch, batch.length + 2);
    dims[batch.length] = m;
    dims[batch.length + 1] = n;
    Reference product = tabulate(dims, index -> {
      int[] li = index.clone();
      int[] ri = index.clone();
      double sum = 0;
      for (int q = 0; q < k; q++) {
        li[batch.length + 1] = q;
        ri[batch.length] = q;
        sum += left.atBroadcast(li) * right.atBroadcast(ri);
      }
      return sum;
    });
    List<Integer> kept = new ArrayList<>();
    for (int d = 0; d < dims.length; d++) {
      boolean rowOfVector = a.rank() == 1 && d == batch.length;
      boolean columnOfVector = b.rank() == 1 && d == batch.length + 1;
      if (!rowOfVector && !columnOfVector) {
        kept.add(dims[d]);
      }
    }
    return product.reshape(kept.stream().mapToInt(Integer::intValue).toArray());
  }

  // ---------------------------------------------------------------- indexing

  private static int wrap(double index, int size) {
    int i = (int) index;
    if (i < -size || i >= size) {
      throw new IllegalArgumentException("index " + i + " for size " + size);
    }
    return i < 0 ? i + size : i;
  }

  /** {@code out[i][j] = x[index[i][j]][j]} for axis 0 and likewise for other axes. */
  public Reference gather(int axis, Reference index) {
    int a = axis(axis, rank());
    return tabulate(index.shape, i -> {
      int[] source = i.clone();
      source[a] = wrap(index.at(i), shape[a]);
      return at(source);
    });
  }

  /** This array plus {@code src[i][j]} added at {@code [index[i][j]][j]} for axis 0, and likewise. */
  public Reference scatterAdd(int axis, Reference index, Reference src) {
    int a = axis(axis, rank());
    double[] out = data.clone();
    forEachIndex(index.shape, i -> {
      int flat = 0;
      for (int d = 0; d < rank(); d++) {
        flat = flat * shape[d] + (d == a ? wrap(index.at(i), shape[a]) : i[d]);
      }
      out[flat] += src.at(i);
    });
    return new Reference(out, shape);
  }

  /** The slices at the entries of the 1-D (or rank-0) {@code index} along {@code axis}. */
  public Reference indexSelect(int axis, Reference index) {
    int a = axis(axis, rank());
    double[] picks = index.values();
    int[] dims = shape();
    dims[a] = picks.length;
    return tabulate(dims, i -> {
      int[] source = i.clone();
      source[a] = wrap(picks[i[a]], shape[a]);
      return at(source);
    });
  }

  /** Labels {@code [..]} to rows {@code [.., numClasses]} with a 1 at the label. */
  public Reference oneHot(int numClasses) {
    int[] dims = Arrays.copyOf(shape, rank() + 1);
    dims[rank()] = numClasses;
    return tabulate(dims, i -> at(Arrays.copyOf(i, rank())) == i[rank()] ? 1 : 0);
  }

  @Override
  public String toString() {
    return Arrays.toString(shape) + " " + Arrays.toString(data);
  }
}
