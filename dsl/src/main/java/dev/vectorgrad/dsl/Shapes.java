package dev.vectorgrad.dsl;

import dev.vectorgrad.tensor.Shape;

/** Shape helpers for layers, whose shapes leave out the batch axis. */
final class Shapes {
  private Shapes() {}

  /** Keras' notation for a batch of {@code sample}: {@code (None, 26, 26, 32)}. */
  static String withBatch(Shape sample) {
    StringBuilder out = new StringBuilder("(None");
    for (int d : sample.toArray()) {
      out.append(", ").append(d);
    }
    return out.append(')').toString();
  }

  /** {@code sample} with {@code batch} in front. */
  static Shape batched(int batch, Shape sample) {
    int[] dims = new int[sample.rank() + 1];
    dims[0] = batch;
    System.arraycopy(sample.toArray(), 0, dims, 1, sample.rank());
    return Shape.of(dims);
  }

  /** A batch's per-sample shape. */
  static Shape sample(Shape batch) {
    int[] dims = batch.toArray();
    int[] out = new int[dims.length - 1];
    System.arraycopy(dims, 1, out, 0, out.length);
    return Shape.of(out);
  }

  /** {@code shape} with one more axis of size {@code last}. */
  static Shape append(Shape shape, int last) {
    int[] dims = java.util.Arrays.copyOf(shape.toArray(), shape.rank() + 1);
    dims[shape.rank()] = last;
    return Shape.of(dims);
  }
}
