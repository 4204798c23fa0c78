package dev.vectorgrad.tensor;

import dev.vectorgrad.tensor.spi.HeapStorage;
import java.util.Arrays;

/** Shape arithmetic and sequence factories behind {@link NdArray}'s creation methods. */
final class Creation {
  private Creation() {}

  static NdArray arange(double start, double end, double step, DType dtype) {
    if (step == 0 || Double.isNaN(start + end + step)) {
      throw new VectorgradException(
          "arange: need finite bounds and a nonzero step, got " + start + ", " + end + ", " + step);
    }
    double count = Math.ceil((end - start) / step);
    if (count > Integer.MAX_VALUE) {
      throw new VectorgradException("arange: " + count + " elements is too many");
    }
    int n = (int) Math.max(count, 0);
    HeapStorage storage = HeapStorage.allocate(dtype, n);
    for (int i = 0; i < n; i++) {
      storage.set(i, start + i * step);
    }
    return NdArray.onHost(storage, Shape.of(n));
  }

  static NdArray linspace(double start, double end, int steps) {
    if (steps < 0) {
      throw new VectorgradException("linspace: steps must be non-negative, got " + steps);
    }
    HeapStorage storage = HeapStorage.allocate(DType.F32, steps);
    double step = steps > 1 ? (end - start) / (steps - 1) : 0;
    for (int i = 0; i < steps; i++) {
      // Fill from both ends, as PyTorch does, so the last value is exactly `end`; a single step is
      // `start`, also as in PyTorch.
      storage.set(i, i < steps / 2 || steps == 1 ? start + i * step : end - (steps - 1 - i) * step);
    }
    return NdArray.onHost(storage, Shape.of(steps));
  }

  static DType requireFloating(String op, DType dtype) {
    if (!dtype.isFloating()) {
      throw new DTypeMismatchException(op + ": needs a floating dtype, got " + dtype);
    }
    return dtype;
  }

  /** The shape for wrapping {@code length} elements; an empty shape means a 1-D array of all. */
  static Shape checkLength(String op, int length, int[] dims) {
    Shape shape = dims.length == 0 ? Shape.of(length) : Shape.of(dims);
    if (shape.numel() != length) {
      throw new ShapeMismatchException(
          op + ": " + length + " elements do not fill shape " + shape + " (" + shape.numel() + ")");
    }
    return shape;
  }

  /** Resolves a requested shape with at most one -1 against the element count of {@code from}. */
  static Shape inferShape(String op, Shape from, int[] requested) {
    int[] dims = requested.clone();
    int unknown = -1;
    long known = 1;
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] == -1 && unknown < 0) {
        unknown = i;
      } else if (dims[i] < 0) {
        throw new ShapeMismatchException(op + ": invalid shape " + Arrays.toString(requested));
      } else {
        known *= dims[i];
      }
    }
    if (unknown >= 0 && known != 0 && from.numel() % known == 0) {
      dims[unknown] = (int) (from.numel() / known);
      known *= dims[unknown];
    }
    if (known != from.numel() || (unknown >= 0 && dims[unknown] < 0)) {
      throw new ShapeMismatchException(
          op + ": shape " + Arrays.toString(requested) + " is invalid for " + from.numel()
              + " elements of shape " + from);
    }
    return Shape.of(dims);
  }

  static int[] remove(int[] values, int at) {
    int[] out = new int[values.length - 1];
    System.arraycopy(values, 0, out, 0, at);
    System.arraycopy(values, at + 1, out, at, values.length - at - 1);
    return out;
  }

  static int[] insert(int[] values, int at, int value) {
    int[] out = new int[values.length + 1];
    System.arraycopy(values, 0, out, 0, at);
    out[at] = value;
    System.arraycopy(values, at, out, at + 1, values.length - at);
    return out;
  }
}
