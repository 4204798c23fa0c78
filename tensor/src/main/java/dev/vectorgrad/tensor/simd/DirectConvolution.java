package dev.vectorgrad.tensor.simd;

import static dev.vectorgrad.tensor.simd.FloatMath.S;

import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Window2d;
import dev.vectorgrad.tensor.spi.Parallel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import org.jspecify.annotations.Nullable;

/**
 * F32 convolution of inputs with few taps per output ({@code C kh kw <= }{@link #MAX_TAPS}: the
 * first layer of an image net), straight from the image planes. Unfolded, such a layer is a
 * product of depth 9 (one channel, 3x3) that never pays for its packing: 15 GFLOP/s measured,
 * and the columns and output made three passes over memory the size of the layer's output.
 *
 * <p>Stride and dilation 1. A tap {@code (c, i, j)} is an offset into the (zero-padded) planes, so
 * output row {@code r} from column {@code q} is, per tap, the input row {@code r + i} from {@code
 * q + j} times one weight. Rows are covered by vectors of {@code L} outputs; the last starts at
 * {@code width - L} and overlaps the one before when {@code L} does not divide the width, so the
 * forward stores whole vectors (the overlap is written twice with the same values); the weight
 * gradient, a sum over positions, reads a row's last partial vector with a mask instead.
 *
 * <p>Images go to tasks in fixed groups; the weight gradient adds the groups' partial sums in
 * group order, so results are the same for every thread count.
 */
final class DirectConvolution {
  private DirectConvolution() {}

  private static final int L = S.length();
  /** Taps per output at most: more, and the unfolded product is deep enough to win. */
  static final int MAX_TAPS = 32;
  private static final int IMAGES_PER_TASK = 4;

  static boolean applies(NdArray x, NdArray weight, Window2d w, int groups) {
    return x.dtype() == DType.F32 && weight.dtype() == DType.F32 && groups == 1
        && w.strideH() == 1 && w.strideW() == 1 && w.dilationH() == 1 && w.dilationW() == 1
        && x.size(1) * w.kernelH() * w.kernelW() <= MAX_TAPS && w.outputWidth(x.size(3)) >= L;
  }

  /** Where a convolution's operands lie, image by image. */
  private static final class Planes {
    final int images;
    final int channels;
    final int height;
    final int width;
    final int paddedHeight;
    final int paddedWidth;
    final int outHeight;
    final int outWidth;
    final boolean padded;
    final float[] data;
    final int offset;
    /** Offset of each tap in the padded planes of one image. */
    final int[] taps;
    /** Where each row's output vectors start: multiples of {@code L}, the last {@code outWidth - L}. */
    final int[] starts;

    Planes(NdArray x, Window2d w) {
      NdArray input = x.contiguous();
      images = x.size(0);
      channels = x.size(1);
      height = x.size(2);
      width = x.size(3);
      paddedHeight = height + 2 * w.padH();
      paddedWidth = width + 2 * w.padW();
      outHeight = w.outputHeight(height);
      outWidth = w.outputWidth(width);
      padded = w.padH() > 0 || w.padW() > 0;
      data = (float[]) Source.array(input);
      offset = input.offset();
      taps = new int[channels * w.kernelH() * w.kernelW()];
      for (int c = 0, k = 0; c < channels; c++) {
        for (int i = 0; i < w.kernelH(); i++) {
          for (int j = 0; j < w.kernelW(); j++) {
            taps[k++] = (c * paddedHeight + i) * paddedWidth + j;
          }
        }
      }
      starts = new int[(outWidth + L - 1) / L];
      for (int p = 0; p < starts.length; p++) {
        starts[p] = Math.min(p * L, outWidth - L);
      }
    }

    /** A buffer for one image's padded planes, or null when the input is read in place. */
    float @Nullable [] scratch() {
      return padded ? new float[channels * paddedHeight * paddedWidth] : null;
    }

    /** The offset of image {@code n}'s padded planes in {@code scratch}, filled, or in {@link #data}. */
    int image(int n, float @Nullable [] scratch) {
      int from = offset + n * channels * height * width;
      if (scratch == null) {
        return from;
      }
      int top = (paddedHeight - height) / 2;
      int left = (paddedWidth - width) / 2;
      for (int c = 0; c < channels; c++) {
        for (int r = 0; r < height; r++) {
          System.arraycopy(data, from + (c * height + r) * width,
              scratch, (c * paddedHeight + top + r) * paddedWidth + left, width);
        }
      }
      return 0;
    }

    int tasks() {
      return (images + IMAGES_PER_TASK - 1) / IMAGES_PER_TASK;
    }

    /** Runs {@code work} for every image, a fixed group of images per task, each task with its own scratch. */
    void forEachImage(ImageWork work) {
      Parallel.forRange(tasks(), t -> {
        float[] scratch = scratch();
        float[] src = scratch == null ? data : scratch;
        for (int n = t * IMAGES_PER_TASK; n < Math.min(images, (t + 1) * IMAGES_PER_TASK); n++) {
          work.run(t, n, src, image(n, scratch));
        }
      });
    }
  }

  /** Image {@code n} of task {@code task}, whose padded planes start at {@code src[image]}. */
  private interface ImageWork {
    void run(int task, int n, float[] src, int image);
  }

  static void forward(NdArray x, NdArray weight, @Nullable NdArray bias, Window2d w, NdArray out) {
    Planes planes = new Planes(x, w);
    int outChannels = weight.size(0);
    int taps = planes.taps.length;
    float[] weights = weight.toFloatArray();
    float[] biases = bias == null ? new float[outChannels] : bias.toFloatArray();
    float[] y = (float[]) Source.array(out);
    int planeSize = planes.outHeight * planes.outWidth;
    planes.forEachImage((t, n, src, image) -> {
      for (int o = 0; o < outChannels; o += 4) {
        int block = Math.min(4, outChannels - o);
        for (int r = 0; r < planes.outHeight; r++) {
          int row = image + r * planes.paddedWidth;
          int target = out.offset() + (n * outChannels + o) * planeSize + r * planes.outWidth;
          for (int p = 0; p < planes.starts.length; p += 2) {
            int q0 = planes.starts[p];
            int q1 = planes.starts[Math.min(p + 1, planes.starts.length - 1)];
            if (block == 4) {
              fourChannels(src, row, q0, q1, planes.taps, weights, biases, o, y, target, planeSize);
            } else {
              for (int b = 0; b < block; b++) {
                oneChannel(src, row, q0, q1, planes.taps, weights, (o + b) * taps, biases[o + b], y,
                    target + b * planeSize);
              }
            }
          }
        }
      }
    });
  }

  /** Outputs {@code q0} and {@code q1} of a row for channels {@code o..o+3}: 8 accumulators. */
  private static void fourChannels(float[] x, int row, int q0, int q1, int[] taps, float[] weights,
      float[] biases, int o, float[] y, int target, int planeSize) {
    int stride = taps.length; // weights of one output channel
    int w = o * stride;
    FloatVector a0 = FloatVector.broadcast(S, biases[o]);
    FloatVector a1 = FloatVector.broadcast(S, biases[o + 1]);
    FloatVector a2 = FloatVector.broadcast(S, biases[o + 2]);
    FloatVector a3 = FloatVector.broadcast(S, biases[o + 3]);
    FloatVector b0 = a0;
    FloatVector b1 = a1;
    FloatVector b2 = a2;
    FloatVector b3 = a3;
    for (int k = 0; k < taps.length; k++) {
      FloatVector u = FloatVector.fromArray(S, x, row + taps[k] + q0);
      FloatVector v = FloatVector.fromArray(S, x, row + taps[k] + q1);
      FloatVector w0 = FloatVector.broadcast(S, weights[w + k]);
      FloatVector w1 = FloatVector.broadcast(S, weights[w + stride + k]);
      FloatVector w2 = FloatVector.broadcast(S, weights[w + 2 * stride + k]);
      FloatVector w3 = FloatVector.broadcast(S, weights[w + 3 * stride + k]);
      a0 = u.fma(w0, a0);
      a1 = u.fma(w1, a1);
      a2 = u.fma(w2, a2);
      a3 = u.fma(w3, a3);
      b0 = v.fma(w0, b0);
      b1 = v.fma(w1, b1);
      b2 = v.fma(w2, b2);
      b3 = v.fma(w3, b3);
    }
    a0.intoArray(y, target + q0);
    a1.intoArray(y, target + planeSize + q0);
    a2.intoArray(y, target + 2 * planeSize + q0);
    a3.intoArray(y, target + 3 * planeSize + q0);
    b0.intoArray(y, target + q1);
    b1.intoArray(y, target + planeSize + q1);
    b2.intoArray(y, target + 2 * planeSize + q1);
    b3.intoArray(y, target + 3 * planeSize + q1);
  }

  private static void oneChannel(float[] x, int row, int q0, int q1, int[] taps, float[] weights, int w,
      float bias, float[] y, int target) {
    FloatVector a = FloatVector.broadcast(S, bias);
    FloatVector b = a;
    for (int k = 0; k < taps.length; k++) {
      FloatVector wk = FloatVector.broadcast(S, weights[w + k]);
      a = FloatVector.fromArray(S, x, row + taps[k] + q0).fma(wk, a);
      b = FloatVector.fromArray(S, x, row + taps[k] + q1).fma(wk, b);
    }
    a.intoArray(y, target + q0);
    b.intoArray(y, target + q1);
  }

  static void weightGrad(NdArray grad, NdArray x, Window2d w, NdArray out) {
    Planes planes = new Planes(x, w);
    NdArray g = grad.contiguous();
    float[] gradient = (float[]) Source.array(g);
    int outChannels = grad.size(1);
    int taps = planes.taps.length;
    int planeSize = planes.outHeight * planes.outWidth;
    double[][] partial = new double[planes.tasks()][outChannels * taps];
    planes.forEachImage((t, n, src, image) -> {
      for (int o = 0; o < outChannels; o++) {
        int gradPlane = g.offset() + (n * outChannels + o) * planeSize;
        for (int k = 0; k < taps; k += 4) {
          tapBlock(src, image, planes, k, gradient, gradPlane, partial[t], o * taps);
        }
      }
    });
    float[] result = new float[outChannels * taps];
    for (int i = 0; i < result.length; i++) {
      double sum = 0;
      for (double[] p : partial) {
        sum += p[i];
      }
      result[i] = (float) sum;
    }
    out.copyFrom(NdArray.of(result, out.shape().toArray()));
  }

  /**
   * Taps {@code k..k+3} (fewer at the end) of one output channel's weight gradient over one image,
   * added to {@code sums[at + k...]}: the sum over output positions of the gradient times the input
   * shifted by the tap. A row's last partial vector is a masked load, which reads no lane past the
   * row (an overlapping full vector would need its repeated products masked instead).
   */
  private static void tapBlock(float[] x, int image, Planes planes, int k, float[] g, int gradPlane,
      double[] sums, int at) {
    int[] taps = planes.taps;
    int last = taps.length - 1;
    int t0 = taps[k];
    int t1 = taps[Math.min(k + 1, last)];
    int t2 = taps[Math.min(k + 2, last)];
    int t3 = taps[Math.min(k + 3, last)];
    int full = planes.outWidth - planes.outWidth % L;
    VectorMask<Float> tail = S.indexInRange(full, planes.outWidth);
    FloatVector a0 = FloatVector.zero(S);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    for (int r = 0; r < planes.outHeight; r++) {
      int row = image + r * planes.paddedWidth;
      int gradRow = gradPlane + r * planes.outWidth;
      for (int q = 0; q < full; q += L) {
        FloatVector gv = FloatVector.fromArray(S, g, gradRow + q);
        a0 = FloatVector.fromArray(S, x, row + t0 + q).fma(gv, a0);
        a1 = FloatVector.fromArray(S, x, row + t1 + q).fma(gv, a1);
        a2 = FloatVector.fromArray(S, x, row + t2 + q).fma(gv, a2);
        a3 = FloatVector.fromArray(S, x, row + t3 + q).fma(gv, a3);
      }
      if (full < planes.outWidth) {
        FloatVector gv = FloatVector.fromArray(S, g, gradRow + full, tail);
        a0 = FloatVector.fromArray(S, x, row + t0 + full, tail).fma(gv, a0);
        a1 = FloatVector.fromArray(S, x, row + t1 + full, tail).fma(gv, a1);
        a2 = FloatVector.fromArray(S, x, row + t2 + full, tail).fma(gv, a2);
        a3 = FloatVector.fromArray(S, x, row + t3 + full, tail).fma(gv, a3);
      }
    }
    // Lanes added in lane order, in double: reduceLanes(ADD) leaves its order unspecified, and it
    // may differ between the interpreter and compiled code.
    float[] lanes = new float[4 * L];
    a0.intoArray(lanes, 0);
    a1.intoArray(lanes, L);
    a2.intoArray(lanes, 2 * L);
    a3.intoArray(lanes, 3 * L);
    for (int b = 0; b < 4 && k + b <= last; b++) {
      double sum = 0;
      for (int lane = b * L; lane < (b + 1) * L; lane++) {
        sum += lanes[lane];
      }
      sums[at + k + b] += sum;
    }
  }
}
