package dev.vectorgrad.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Concatenation and splitting. */
final class Joining {
  private Joining() {}

  static NdArray cat(List<NdArray> arrays, int axis) {
    if (arrays.isEmpty()) {
      throw new VectorgradException("cat: needs at least one array");
    }
    NdArray first = arrays.get(0);
    int a = first.shape().axis(axis, "cat");
    int[] dims = first.shape().toArray();
    DType type = first.dtype();
    int total = 0;
    for (NdArray x : arrays) {
      Elementwise.requireSameDevice("cat", first, x);
      boolean compatible = x.rank() == first.rank();
      for (int i = 0; compatible && i < dims.length; i++) {
        compatible = i == a || x.size(i) == dims[i];
      }
      if (!compatible) {
        throw new ShapeMismatchException(
            "cat: shapes " + first.shape() + " and " + x.shape() + " differ outside axis " + axis);
      }
      total += x.size(a);
      type = DType.promote(type, x.dtype());
    }
    dims[a] = total;
    NdArray out = first.allocateLike(Shape.of(dims), type);
    int start = 0;
    for (NdArray x : arrays) {
      out.narrow(a, start, x.size(a)).copyFrom(x);
      start += x.size(a);
    }
    return out;
  }

  static NdArray stack(List<NdArray> arrays, int axis) {
    if (arrays.isEmpty()) {
      throw new VectorgradException("stack: needs at least one array");
    }
    Shape shape = arrays.get(0).shape();
    int a = Shape.resolveAxis(axis, shape.rank() + 1, "stack");
    List<NdArray> expanded = new ArrayList<>();
    for (NdArray x : arrays) {
      if (!x.shape().equals(shape)) {
        throw new ShapeMismatchException(
            "stack: all arrays need one shape, got " + shape + " and " + x.shape());
      }
      expanded.add(x.unsqueeze(a));
    }
    return cat(expanded, a);
  }

  static List<NdArray> split(NdArray x, int size, int axis) {
    if (size <= 0) {
      throw new VectorgradException("split: size must be positive, got " + size);
    }
    int a = x.shape().axis(axis, "split");
    int n = x.size(a);
    List<NdArray> parts = new ArrayList<>();
    for (int start = 0; start < n || parts.isEmpty(); start += size) {
      parts.add(x.narrow(a, start, Math.min(size, n - start)));
    }
    return parts;
  }

  static List<NdArray> split(NdArray x, int[] sizes, int axis) {
    int a = x.shape().axis(axis, "split");
    int total = 0;
    for (int size : sizes) {
      if (size < 0) {
        throw new VectorgradException("split: sizes must be non-negative, got " + Arrays.toString(sizes));
      }
      total += size;
    }
    if (total != x.size(a)) {
      throw new ShapeMismatchException(
          "split: sizes " + Arrays.toString(sizes) + " add up to " + total + ", not to size "
              + x.size(a) + " of axis " + axis + " in shape " + x.shape());
    }
    List<NdArray> parts = new ArrayList<>();
    int start = 0;
    for (int size : sizes) {
      parts.add(x.narrow(a, start, size));
      start += size;
    }
    return parts;
  }

  static List<NdArray> chunk(NdArray x, int chunks, int axis) {
    if (chunks <= 0) {
      throw new VectorgradException("chunk: chunks must be positive, got " + chunks);
    }
    int n = x.size(x.shape().axis(axis, "chunk"));
    return split(x, Math.max((n + chunks - 1) / chunks, 1), axis);
  }
}
