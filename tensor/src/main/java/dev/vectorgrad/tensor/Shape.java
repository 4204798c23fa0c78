package dev.vectorgrad.tensor;

import java.util.Arrays;

/**
 * An immutable list of dimension sizes, e.g. {@code [2, 3]}. A rank-0 shape {@code []} describes a
 * scalar with one element. Sizes may be 0; the element count must fit in an {@code int}.
 */
public final class Shape {
  private static final Shape SCALAR = new Shape(new int[0]);

  private final int[] dims;
  private final int numel;

  private Shape(int[] dims) {
    this.dims = dims;
    long count = 1;
    for (int d : dims) {
      if (d < 0) {
        throw new ShapeMismatchException("shape " + Arrays.toString(dims) + " has a negative size");
      }
      count *= d;
      if (count > Integer.MAX_VALUE) {
        throw new ShapeMismatchException(
            "shape " + Arrays.toString(dims) + " has more than 2^31-1 elements");
      }
    }
    this.numel = (int) count;
  }

  public static Shape of(int... dims) {
    return dims.length == 0 ? SCALAR : new Shape(dims.clone());
  }

  public static Shape scalar() {
    return SCALAR;
  }

  /** Number of dimensions. */
  public int rank() {
    return dims.length;
  }

  /** Size of dimension {@code axis}; negative axes count from the end. */
  public int dim(int axis) {
    return dims[axis(axis, "dim")];
  }

  /** Number of elements: the product of the sizes (1 for a scalar). */
  public int numel() {
    return numel;
  }

  public int[] toArray() {
    return dims.clone();
  }

  /**
   * Resolves a possibly negative axis against this rank.
   *
   * @throws IndexOutOfRangeException naming {@code op} when the axis is outside {@code [-rank,
   *     rank)}
   */
  public int axis(int axis, String op) {
    return resolveAxis(axis, dims.length, op);
  }

  static int resolveAxis(int axis, int rank, String op) {
    if (axis < -rank || axis >= rank) {
      throw new IndexOutOfRangeException(
          op + ": axis " + axis + " is out of range for rank " + rank
              + " (expected -" + rank + " to " + (rank - 1) + ")");
    }
    return axis < 0 ? axis + rank : axis;
  }

  /** Row-major (C-order) strides for this shape. */
  public int[] contiguousStrides() {
    int[] strides = new int[dims.length];
    int stride = 1;
    for (int i = dims.length - 1; i >= 0; i--) {
      strides[i] = stride;
      stride *= Math.max(dims[i], 1);
    }
    return strides;
  }

  /**
   * The shape two shapes broadcast to under NumPy rules: align from the right; sizes must match or
   * one of them be 1.
   */
  public static Shape broadcast(String op, Shape a, Shape b) {
    int rank = Math.max(a.rank(), b.rank());
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      int da = i < rank - a.rank() ? 1 : a.dims[i - (rank - a.rank())];
      int db = i < rank - b.rank() ? 1 : b.dims[i - (rank - b.rank())];
      if (da != db && da != 1 && db != 1) {
        throw new ShapeMismatchException(
            op + ": shapes " + a + " and " + b + " cannot be broadcast (size " + da + " vs " + db
                + " at dimension " + i + " of the result)");
      }
      out[i] = da == 1 ? db : da;
    }
    return new Shape(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape && Arrays.equals(dims, ((Shape) o).dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  /** Prints like a list: {@code [2, 3]}. */
  @Override
  public String toString() {
    return Arrays.toString(dims);
  }
}
