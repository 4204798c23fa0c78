package dev.vectorgrad.tensor.simd;

import static dev.vectorgrad.tensor.simd.FloatMath.S;

import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.spi.Parallel;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Fused softmax and log-softmax over the rows of a contiguous {@code [rows, n]} array, one pass
 * over each row for the maximum, one for {@code exp(x - shift)} (written to the output) and its
 * sum, one to scale. F32 rows use {@link FloatMath#exp}, sum the exponentials with {@link
 * FloatReductions#sum} in pieces of {@link ReduceKernels#CHUNK} combined in piece order, and divide
 * by the float sum: the same operations, in the same order, as the composed {@code max, subtract,
 * exp, sum, divide}, so the result is the same bit for bit. F64 rows use {@code Math.exp} like the
 * composed path. Tasks are groups of whole rows of a fixed size, so results do not depend on the
 * thread count.
 */
final class SoftmaxKernels {
  private SoftmaxKernels() {}

  private static final int L = S.length();
  private static final int CHUNK = ReduceKernels.CHUNK;

  static void softmax(NdArray x, boolean log, NdArray out) {
    int rows = x.size(0);
    int n = x.size(1);
    if (rows == 0 || n == 0) {
      return;
    }
    Object data = Source.array(x);
    Object result = Source.array(out);
    int xo = x.offset();
    int yo = out.offset();
    int rowsPerTask = Math.max(1, CHUNK / n);
    Parallel.forRange((rows + rowsPerTask - 1) / rowsPerTask, t -> {
      int end = Math.min(rows, (t + 1) * rowsPerTask);
      for (int r = t * rowsPerTask; r < end; r++) {
        if (data instanceof float[]) {
          row((float[]) data, xo + r * n, (float[]) result, yo + r * n, n, log);
        } else {
          row((double[]) data, xo + r * n, (double[]) result, yo + r * n, n, log);
        }
      }
    });
  }

  /** The row's maximum when finite, else 0; NaN is skipped (it turns the sum into NaN anyway). */
  private static float shift(float[] x, int o, int n) {
    FloatVector m = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
    int bound = S.loopBound(n);
    for (int i = 0; i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, x, o + i);
      m = m.blend(v, v.compare(VectorOperators.GT, m));
    }
    float max = Float.NEGATIVE_INFINITY;
    for (float lane : m.toArray()) {
      max = lane > max ? lane : max;
    }
    for (int i = bound; i < n; i++) {
      max = x[o + i] > max ? x[o + i] : max;
    }
    return Math.abs(max) < Float.POSITIVE_INFINITY ? max : 0f;
  }

  private static void row(float[] x, int xo, float[] y, int yo, int n, boolean log) {
    float shift = shift(x, xo, n);
    int bound = S.loopBound(n);
    for (int i = 0; i < bound; i += L) {
      FloatMath.exp(FloatVector.fromArray(S, x, xo + i).sub(shift)).intoArray(y, yo + i);
    }
    if (bound < n) { // the tail through a padded vector: every element gets the vector's rounding
      float[] tail = Arrays.copyOfRange(x, xo + bound, xo + bound + L);
      FloatMath.exp(FloatVector.fromArray(S, tail, 0).sub(shift)).intoArray(tail, 0);
      System.arraycopy(tail, 0, y, yo + bound, n - bound);
    }
    double sum = 0;
    for (int from = 0; from < n; from += CHUNK) {
      sum += FloatReductions.sum(y, yo + from, Math.min(CHUNK, n - from));
    }
    float total = (float) sum;
    if (log) {
      float logSum = FloatMath.log(FloatVector.broadcast(S, total)).lane(0);
      for (int i = 0; i < bound; i += L) {
        FloatVector.fromArray(S, x, xo + i).sub(shift).sub(logSum).intoArray(y, yo + i);
      }
      for (int i = bound; i < n; i++) {
        y[yo + i] = (x[xo + i] - shift) - logSum;
      }
    } else {
      for (int i = 0; i < bound; i += L) {
        FloatVector.fromArray(S, y, yo + i).div(total).intoArray(y, yo + i);
      }
      for (int i = bound; i < n; i++) {
        y[yo + i] = y[yo + i] / total;
      }
    }
  }

  private static void row(double[] x, int xo, double[] y, int yo, int n, boolean log) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      max = x[xo + i] > max ? x[xo + i] : max;
    }
    double shift = Math.abs(max) < Double.POSITIVE_INFINITY ? max : 0;
    for (int i = 0; i < n; i++) {
      y[yo + i] = Math.exp(x[xo + i] - shift);
    }
    double sum = 0;
    for (int from = 0; from < n; from += CHUNK) {
      sum += DoubleReductions.sum(y, yo + from, Math.min(CHUNK, n - from));
    }
    if (log) {
      double logSum = Math.log(sum);
      for (int i = 0; i < n; i++) {
        y[yo + i] = (x[xo + i] - shift) - logSum;
      }
    } else {
      for (int i = 0; i < n; i++) {
        y[yo + i] = y[yo + i] / sum;
      }
    }
  }
}
