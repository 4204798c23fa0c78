package dev.vectorgrad.tensor.simd;

import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.spi.HeapStorage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Test inputs for kernels: arrays of every dtype with special values mixed in, and the same data
 * seen through the layouts the backends must handle (contiguous, offset by 1..3, stepped,
 * transposed, broadcast along either axis or entirely).
 */
final class Views {
  private Views() {}

  /** Lanes of the F32 and F64 vector species; sizes around them exercise the tails. */
  static final int FLOAT_LANES = FloatMath.S.length();

  static final int DOUBLE_LANES = DoubleKernels.D.length();

  /** 0, 1, L-1, L, L+1 for both lane counts, a few lengths past 2L, and a large odd size. */
  static int[] sizes() {
    int[] sizes = {
      0, 1, FLOAT_LANES - 1, FLOAT_LANES, FLOAT_LANES + 1, DOUBLE_LANES - 1, DOUBLE_LANES,
      DOUBLE_LANES + 1, 2 * FLOAT_LANES + 3, 4099, 100_003
    };
    return Arrays.stream(sizes).filter(n -> n >= 0).distinct().sorted().toArray();
  }

  /** A named view; {@code array} may share storage with a larger array. */
  record View(String name, NdArray array) {
    @Override
    public String toString() {
      return name + " " + array.shape() + " " + array.dtype();
    }
  }

  private static final double[] SPECIALS = {
    Double.NaN, 0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Float.MIN_VALUE,
    -Float.MIN_VALUE, Float.MIN_NORMAL, 1e-40, Float.MAX_VALUE, -Float.MAX_VALUE, 88.72284,
    -103.9, 1.0, -1.0, 0.5, 2.0
  };

  /**
   * {@code n} values, mostly normal with standard deviation {@code scale}, every 13th a special
   * value (NaN, signed zeros, infinities, subnormals, extremes) when {@code specials} is set.
   */
  static double[] values(int n, Random random, double scale, boolean specials) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = specials && i % 13 == 5 ? SPECIALS[(i / 13) % SPECIALS.length] : random.nextGaussian() * scale;
    }
    return values;
  }

  /** A contiguous array of {@code dtype} holding {@code values} (rounded, truncated or != 0). */
  static NdArray array(double[] values, DType dtype, int... shape) {
    NdArray array = NdArray.zeros(dev.vectorgrad.tensor.Shape.of(shape), dtype);
    HeapStorage storage = (HeapStorage) array.storage();
    for (int i = 0; i < values.length; i++) {
      if (dtype.isFloating() || !Double.isNaN(values[i]) && !Double.isInfinite(values[i])) {
        storage.set(i, values[i]);
      }
    }
    return array;
  }

  /**
   * The layouts of about {@code n} elements: 1-d ones of exactly n elements (contiguous, offset
   * 1..3, every second element), and 2-d ones of 3n elements (transposed, broadcast along rows,
   * along columns, and a scalar broadcast). Large sizes get one unaligned contiguous view only, to
   * keep the scalar reference within the test budget; 4099 (two blocks) covers the others.
   */
  static List<View> layouts(int n, DType dtype, Random random, double scale, boolean specials) {
    List<View> views = new ArrayList<>();
    for (int offset = n > 10_000 ? 3 : 1; offset <= 3; offset++) {
      NdArray base = array(values(n + offset, random, scale, specials), dtype, n + offset);
      views.add(new View("offset " + offset, base.narrow(0, offset, n)));
    }
    if (n > 10_000) {
      return views;
    }
    views.add(new View("contiguous", array(values(n, random, scale, specials), dtype, n)));
    views.add(new View("transposed", array(values(3 * n, random, scale, specials), dtype, 3, n).t()));
    NdArray doubled = array(values(2 * n, random, scale, specials), dtype, 2 * n);
    views.add(new View("step 2", doubled.slice(0, 0, 2 * n, 2)));
    views.add(new View("rows broadcast", array(values(n, random, scale, specials), dtype, n).expand(3, n)));
    views.add(new View("columns broadcast", array(values(n, random, scale, specials), dtype, n, 1).expand(n, 3)));
    views.add(new View("scalar broadcast", array(values(1, random, scale, specials), dtype, 1).expand(n)));
    return views;
  }

  /** A second operand of {@code like}'s shape in another layout, for binary ops and where. */
  static NdArray partner(NdArray like, DType dtype, Random random, double scale, boolean specials, int kind) {
    int[] shape = like.shape().toArray();
    int n = like.numel();
    switch (kind % 3) {
      case 0: // contiguous
        return array(values(n, random, scale, specials), dtype, shape);
      case 1: { // offset by one
        NdArray base = array(values(n + 1, random, scale, specials), dtype, n + 1);
        return base.narrow(0, 1, n).view(shape);
      }
      default: // a scalar broadcast
        return array(values(1, random, scale, specials), dtype, 1).expand(shape);
    }
  }

  /** The storage array of a fresh contiguous result, as an Object for bitwise comparison. */
  static Object data(NdArray out) {
    return Source.array(out);
  }
}
