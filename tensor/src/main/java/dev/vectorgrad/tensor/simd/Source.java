package dev.vectorgrad.tensor.simd;

import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.spi.HeapStorage;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One input of an elementwise kernel as one task sees it: hands out its elements for a range of
 * row-major indices as a contiguous block, so the vector kernels only ever read contiguous arrays.
 *
 * <p>A view that is contiguous is read in place; a broadcast scalar is filled into a scratch block
 * once; any other view (transposed, sliced with steps, broadcast along some dimensions) is gathered
 * run by run into a scratch block of at most {@link #BLOCK} elements that stays in L1/L2 while the
 * kernel reads it.
 */
final class Source {
  /** Elements per gathered block: a multiple of every vector length, 16 KiB of floats. */
  static final int BLOCK = 4096;

  private final Object data;
  private final Runs runs;
  private final boolean flat;
  private final boolean constant;
  private @Nullable Object scratch;
  private boolean filled;
  /** The array holding the block after {@link #load}; read from {@link #offset}. */
  @Nullable Object array;

  int offset;

  private Source(Object data, Runs runs) {
    this.data = data;
    this.runs = runs;
    this.flat = runs.isFlat(0);
    this.constant = !flat && runs.isConstant(0);
  }

  /** A source over {@code view}, whose storage is one of float[], double[] or boolean[]. */
  static Source of(NdArray view) {
    return new Source(array(view), Runs.of(view));
  }

  /** The same input for another task, with its own walker and scratch. */
  Source copy() {
    return new Source(data, runs.copy());
  }

  /** Makes elements {@code [from, from + n)} readable at {@code array[offset...]}; n <= BLOCK. */
  void load(int from, int n) {
    if (flat) {
      array = data;
      offset = runs.offsets[0] + from;
      return;
    }
    // The first block of a task is its longest, so a scratch of that length serves them all; small
    // ops (batch-1 steps) would otherwise allocate and zero a full 16 KiB block per operand.
    Object block = scratch != null ? scratch : newScratch(n);
    scratch = block;
    array = block;
    offset = 0;
    if (constant) {
      if (!filled) {
        runs.seek(0);
        fill(block, runs.offsets[0], 0, n);
        filled = true;
      }
      return;
    }
    runs.seek(from);
    int stride = runs.innerStride(0);
    for (int done = 0; done < n; ) {
      int length = Math.min(runs.runLength(), n - done);
      gather(block, runs.offsets[0], stride, done, length);
      runs.advance(length);
      done += length;
    }
  }

  private Object newScratch(int n) {
    if (data instanceof float[]) {
      return new float[n];
    }
    if (data instanceof double[]) {
      return new double[n];
    }
    return new boolean[n];
  }

  private void fill(Object block, int at, int to, int length) {
    if (data instanceof float[]) {
      Arrays.fill((float[]) block, to, to + length, ((float[]) data)[at]);
    } else if (data instanceof double[]) {
      Arrays.fill((double[]) block, to, to + length, ((double[]) data)[at]);
    } else {
      Arrays.fill((boolean[]) block, to, to + length, ((boolean[]) data)[at]);
    }
  }

  private void gather(Object block, int at, int stride, int to, int length) {
    if (stride == 1) {
      System.arraycopy(data, at, block, to, length);
    } else if (stride == 0) { // a run broadcast along trailing axes, e.g. a bias over H x W
      fill(block, at, to, length);
    } else if (data instanceof float[]) {
      float[] src = (float[]) data;
      float[] dst = (float[]) block;
      for (int i = 0; i < length; i++, at += stride) {
        dst[to + i] = src[at];
      }
    } else if (data instanceof double[]) {
      double[] src = (double[]) data;
      double[] dst = (double[]) block;
      for (int i = 0; i < length; i++, at += stride) {
        dst[to + i] = src[at];
      }
    } else {
      boolean[] src = (boolean[]) data;
      boolean[] dst = (boolean[]) block;
      for (int i = 0; i < length; i++, at += stride) {
        dst[to + i] = src[at];
      }
    }
  }

  /** The primitive array behind a host array's storage. */
  static Object array(NdArray view) {
    HeapStorage storage = (HeapStorage) view.storage();
    switch (view.dtype()) {
      case F32:
        return ((HeapStorage.Floats) storage).array();
      case F64:
        return ((HeapStorage.Doubles) storage).array();
      case I32:
        return ((HeapStorage.Ints) storage).array();
      case I64:
        return ((HeapStorage.Longs) storage).array();
      case BOOL:
        return ((HeapStorage.Bools) storage).array();
    }
    throw new AssertionError(view.dtype());
  }
}
