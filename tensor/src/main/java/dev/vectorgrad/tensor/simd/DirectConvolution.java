package dev.vectorgrad.tensor.simd;

import static dev.vectorgrad.tensor.simd.FloatMath.S;

import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Window2d;
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
 * gradient, a sum over positions, blends only the last vector's new lanes into its sums.
 *
 * <p>Images go to tasks in fixed groups; the weight gradient adds the groups' partial sums in
 * group order, so results are the same for every thread count.
 */
final class DirectConvolution {
  private DirectConvolution() {}

  private static final int L = S.length();
  /** Taps per output at most: more, and the unfolded product is deep enough to win. */
  static final int MAX_TAPS = 32;

  static boolean applies(NdArray x, NdArray weight, Window2d w, int groups) {
    return x.dtype() == DType.F32 && weight.dtype() == DType.F32 && groups == 1
        && w.strideH() == 1 && w.strideW() == 1 && w.dilationH() == 1 && w.dilationW() == 1
        && x.size(1) * w.kernelH() * w.kernelW() <= MAX_TAPS && w.outputWidth(x.size(3)) >= L;
  }

  private static PaddedImages images(NdArray x, Window2d w) {
    return new PaddedImages(x, w.padH(), w.padW(), w.kernelH(), w.kernelW());
  }

  static void forward(NdArray x, NdArray weight, @Nullable NdArray bias, Window2d w, NdArray out) {
    PaddedImages images = images(x, w);
    int[] tapOffsets = images.taps(false);
    int outChannels = weight.size(0);
    int taps = tapOffsets.length;
    float[] weights = weight.toFloatArray();
    float[] biases = bias == null ? new float[outChannels] : bias.toFloatArray();
    float[] y = (float[]) Source.array(out);
    int planeSize = images.outHeight * images.outWidth;
    // Where each row's output vectors start: multiples of L, the last at outWidth - L.
    int[] starts = new int[(images.outWidth + L - 1) / L];
    for (int p = 0; p < starts.length; p++) {
      starts[p] = Math.min(p * L, images.outWidth - L);
    }
    images.forEachImage(0, 0, (t, n, src, image, unused) -> {
      for (int o = 0; o < outChannels; o += 4) {
        int block = Math.min(4, outChannels - o);
        for (int r = 0; r < images.outHeight; r++) {
          int row = image + r * images.paddedWidth;
          int target = out.offset() + (n * outChannels + o) * planeSize + r * images.outWidth;
          for (int p = 0; p < starts.length; p += 2) {
            int q0 = starts[p];
            int q1 = starts[Math.min(p + 1, starts.length - 1)];
            if (block == 4) {
              fourChannels(src, row, q0, q1, tapOffsets, weights, biases, o, y, target, planeSize);
            } else {
              for (int b = 0; b < block; b++) {
                oneChannel(src, row, q0, q1, tapOffsets, weights, (o + b) * taps, biases[o + b], y,
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
    PaddedImages images = images(x, w);
    int[] tapOffsets = images.taps(false);
    NdArray g = grad.contiguous();
    float[] gradient = (float[]) Source.array(g);
    int outChannels = grad.size(1);
    int taps = tapOffsets.length;
    int planeSize = images.outHeight * images.outWidth;
    Segments segments = Segments.of(images);
    double[][] partial = new double[images.tasks()][outChannels * taps];
    images.forEachImage(0, 0, (t, n, src, image, unused) -> {
      int gradImage = g.offset() + n * outChannels * planeSize;
      for (int o = 0; o < outChannels; o += 2) {
        int second = Math.min(o + 1, outChannels - 1); // an odd last channel is summed twice, stored once
        for (int k = 0; k < taps; k += 4) {
          tapBlock(src, image, tapOffsets, k, segments, gradient, gradImage + o * planeSize,
              gradImage + second * planeSize, partial[t], o * taps, second == o ? -1 : second * taps);
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
   * The vectors of output positions the weight gradient sums over, as offsets into the padded
   * planes ({@code inputs}) and into an output plane ({@code outputs}): the whole vectors of every
   * row, then each row's last vector, which ends at the row's end and overlaps the one before by
   * {@code overlap} lanes (none when {@code L} divides the width).
   */
  private record Segments(int[] inputs, int[] outputs, int[] lastInputs, int[] lastOutputs, int overlap) {
    static Segments of(PaddedImages images) {
      int whole = images.outWidth / L;
      boolean partial = images.outWidth % L != 0;
      int rows = images.outHeight;
      int[] inputs = new int[rows * whole];
      int[] outputs = new int[rows * whole];
      int[] lastInputs = new int[partial ? rows : 0];
      int[] lastOutputs = new int[lastInputs.length];
      for (int r = 0; r < rows; r++) {
        for (int v = 0; v < whole; v++) {
          inputs[r * whole + v] = r * images.paddedWidth + v * L;
          outputs[r * whole + v] = r * images.outWidth + v * L;
        }
        if (partial) {
          lastInputs[r] = r * images.paddedWidth + images.outWidth - L;
          lastOutputs[r] = r * images.outWidth + images.outWidth - L;
        }
      }
      return new Segments(inputs, outputs, lastInputs, lastOutputs, partial ? L - images.outWidth % L : 0);
    }
  }

  /**
   * Taps {@code k..k+3} (fewer at the end) of two output channels' weight gradients over one image,
   * added to {@code sums[at0 + k...]} and {@code sums[at1 + k...]} (none for {@code at1 < 0}): the
   * sum over output positions of the gradient times the input shifted by the tap. Eight independent
   * FMA chains, and each input vector serves both channels (one channel's four chains were bound by
   * the FMA latency: 3.5 against 1.5 ms for the MNIST CNN's first layer at batch 128). Each loop is
   * one flat pass over {@link Segments}; a row's overlapping last vector adds only its new lanes (a
   * blend keeps the accumulator's other lanes, so nothing is counted twice, whatever the values).
   */
  private static void tapBlock(float[] x, int image, int[] taps, int k, Segments segments, float[] g,
      int plane0, int plane1, double[] sums, int at0, int at1) {
    int last = taps.length - 1;
    int t0 = image + taps[k];
    int t1 = image + taps[Math.min(k + 1, last)];
    int t2 = image + taps[Math.min(k + 2, last)];
    int t3 = image + taps[Math.min(k + 3, last)];
    FloatVector a0 = FloatVector.zero(S);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    FloatVector b0 = a0;
    FloatVector b1 = a0;
    FloatVector b2 = a0;
    FloatVector b3 = a0;
    int[] inputs = segments.inputs();
    int[] outputs = segments.outputs();
    for (int s = 0; s < inputs.length; s++) {
      int in = inputs[s];
      FloatVector g0 = FloatVector.fromArray(S, g, plane0 + outputs[s]);
      FloatVector g1 = FloatVector.fromArray(S, g, plane1 + outputs[s]);
      FloatVector v0 = FloatVector.fromArray(S, x, t0 + in);
      a0 = v0.fma(g0, a0);
      b0 = v0.fma(g1, b0);
      FloatVector v1 = FloatVector.fromArray(S, x, t1 + in);
      a1 = v1.fma(g0, a1);
      b1 = v1.fma(g1, b1);
      FloatVector v2 = FloatVector.fromArray(S, x, t2 + in);
      a2 = v2.fma(g0, a2);
      b2 = v2.fma(g1, b2);
      FloatVector v3 = FloatVector.fromArray(S, x, t3 + in);
      a3 = v3.fma(g0, a3);
      b3 = v3.fma(g1, b3);
    }
    VectorMask<Float> fresh = S.indexInRange(-segments.overlap(), L - segments.overlap());
    int[] lastInputs = segments.lastInputs();
    int[] lastOutputs = segments.lastOutputs();
    for (int s = 0; s < lastInputs.length; s++) {
      int in = lastInputs[s];
      FloatVector g0 = FloatVector.fromArray(S, g, plane0 + lastOutputs[s]);
      FloatVector g1 = FloatVector.fromArray(S, g, plane1 + lastOutputs[s]);
      FloatVector v0 = FloatVector.fromArray(S, x, t0 + in);
      a0 = a0.blend(v0.fma(g0, a0), fresh);
      b0 = b0.blend(v0.fma(g1, b0), fresh);
      FloatVector v1 = FloatVector.fromArray(S, x, t1 + in);
      a1 = a1.blend(v1.fma(g0, a1), fresh);
      b1 = b1.blend(v1.fma(g1, b1), fresh);
      FloatVector v2 = FloatVector.fromArray(S, x, t2 + in);
      a2 = a2.blend(v2.fma(g0, a2), fresh);
      b2 = b2.blend(v2.fma(g1, b2), fresh);
      FloatVector v3 = FloatVector.fromArray(S, x, t3 + in);
      a3 = a3.blend(v3.fma(g0, a3), fresh);
      b3 = b3.blend(v3.fma(g1, b3), fresh);
    }
    // Lanes added in lane order, in double: reduceLanes(ADD) leaves its order unspecified, and it
    // may differ between the interpreter and compiled code.
    float[] lanes = new float[8 * L];
    a0.intoArray(lanes, 0);
    a1.intoArray(lanes, L);
    a2.intoArray(lanes, 2 * L);
    a3.intoArray(lanes, 3 * L);
    b0.intoArray(lanes, 4 * L);
    b1.intoArray(lanes, 5 * L);
    b2.intoArray(lanes, 6 * L);
    b3.intoArray(lanes, 7 * L);
    for (int b = 0; b < 4 && k + b <= last; b++) {
      sums[at0 + k + b] += laneSum(lanes, b);
      if (at1 >= 0) {
        sums[at1 + k + b] += laneSum(lanes, 4 + b);
      }
    }
  }

  private static double laneSum(float[] lanes, int vector) {
    double sum = 0;
    for (int lane = vector * L; lane < (vector + 1) * L; lane++) {
      sum += lanes[lane];
    }
    return sum;
  }
}
