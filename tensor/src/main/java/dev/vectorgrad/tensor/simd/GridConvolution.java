package dev.vectorgrad.tensor.simd;

import static dev.vectorgrad.tensor.simd.FloatMath.S;
import static dev.vectorgrad.tensor.simd.GridKernels.MR;
import static dev.vectorgrad.tensor.simd.GridKernels.NR;
import static dev.vectorgrad.tensor.simd.GridKernels.TAP_ROWS;

import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Window2d;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import org.jspecify.annotations.Nullable;

/**
 * F32 convolution with stride and dilation 1 and many taps per output ({@code C kh kw} above
 * {@link DirectConvolution#MAX_TAPS}: the second and later layers of an image net), computed on the
 * grid of the padded input instead of from unfolded columns.
 *
 * <p>The grid: in an image's padded planes ({@code PH x PW} each), cell {@code g = r PW + q} stands
 * for output {@code (r, q)}, and the input under tap {@code (c, i, j)} is {@code planes[g + t]} with
 * {@code t = (c PH + i) PW + j}, the same offset for every cell. The cells from the first output to
 * the last, {@code (OH - 1) PW + OW} of them, are a product {@code [cells, taps] x [taps, channels]}
 * whose left operand is read in place, 14 consecutive cells per micro-kernel row block ({@link
 * GridKernels}); cells with {@code q >= OW} straddle two rows and are dropped. For the 11 x 11
 * outputs of an MNIST net's second layer that is 141 cells for 121 outputs; the unfolded product
 * spent more than half its time writing columns (im2col) and packing them.
 *
 * <ul>
 *   <li>Forward: per image, cells by output channels, the sums over taps in order {@code (c, i, j)}
 *       from zero, then transposed into NCHW with the bias added: every output is the same chain of
 *       fused multiply-adds as in the unfolded product, so the same bits.
 *   <li>Input gradient: the forward of the output gradient padded by {@code kernel - 1 - padding},
 *       with the weight flipped and its channel axes swapped (so padding must be at most {@code
 *       kernel - 1}). Border inputs sum padding zeros times weights, so an infinite weight gives NaN
 *       there where the unfolded form, which skips those terms, gives an infinity.
 *   <li>Weight gradient: taps by output channels, summed over the output positions of a fixed group
 *       of images (the gradient transposed to position-major first); the groups' sums are added in
 *       double in group order, so results are the same for every thread count.
 * </ul>
 */
final class GridConvolution {
  private GridConvolution() {}

  private static final int L = S.length();

  /**
   * Limits of the measured ground (MNIST and CIFAR-sized layers): one image's padded planes in at
   * most a quarter of L2 (512 KiB), and at most 256 channels of 3 x 3 taps, whose tap-major weight
   * panel of 32 channels is 288 KiB. Larger layers keep the unfolded products.
   */
  private static final int MAX_PLANES = 1 << 17;

  private static final int MAX_TAPS = 256 * 9;

  /** Whether the forward and weight gradient of this convolution run here. */
  static boolean applies(NdArray x, NdArray weight, Window2d w, int groups) {
    return x.dtype() == DType.F32 && weight.dtype() == DType.F32 && unitSteps(w, groups)
        && fits(x.size(1), x.size(2) + 2 * w.padH(), x.size(3) + 2 * w.padW(), w, weight.size(0));
  }

  /** Whether the input gradient of the convolution of {@code weight} with output gradient {@code grad} runs here. */
  static boolean appliesToInputGrad(NdArray grad, NdArray weight, Window2d w, int groups) {
    int padH = w.kernelH() - 1 - w.padH();
    int padW = w.kernelW() - 1 - w.padW();
    return grad.dtype() == DType.F32 && weight.dtype() == DType.F32 && unitSteps(w, groups) && padH >= 0
        && padW >= 0 && fits(grad.size(1), grad.size(2) + 2 * padH, grad.size(3) + 2 * padW, w, weight.size(1));
  }

  private static boolean unitSteps(Window2d w, int groups) {
    return groups == 1 && w.strideH() == 1 && w.strideW() == 1 && w.dilationH() == 1 && w.dilationW() == 1;
  }

  /** Enough taps to leave the direct kernels, enough channels to fill a vector, within the limits. */
  private static boolean fits(int channels, int paddedHeight, int paddedWidth, Window2d w, int outChannels) {
    long taps = (long) channels * w.kernelH() * w.kernelW();
    return taps > DirectConvolution.MAX_TAPS && taps <= MAX_TAPS && outChannels >= L
        && (long) channels * paddedHeight * paddedWidth <= MAX_PLANES;
  }

  static void forward(NdArray x, NdArray weight, @Nullable NdArray bias, Window2d w, NdArray out) {
    Grid grid = new Grid(x, w.padH(), w.padW(), w.kernelH(), w.kernelW(), false);
    int taps = grid.taps.length;
    float[] weights = weight.toFloatArray();
    float[] packed = pack(weight.size(0), taps, (o, p) -> weights[o * taps + p]);
    convolve(grid, packed, weight.size(0), bias == null ? null : bias.toFloatArray(), out);
  }

  static void inputGrad(NdArray grad, NdArray weight, Window2d w, NdArray out) {
    int kh = w.kernelH();
    int kw = w.kernelW();
    Grid grid = new Grid(grad, kh - 1 - w.padH(), kw - 1 - w.padW(), kh, kw, true);
    int outChannels = weight.size(0);
    int channels = weight.size(1);
    float[] weights = weight.toFloatArray();
    // Tap (i, o, j) of input channel c is the forward's weight (o, c) at (kh - 1 - i, kw - 1 - j).
    float[] packed = pack(channels, grid.taps.length, (c, p) -> {
      int i = p / (outChannels * kw);
      int o = p / kw % outChannels;
      return weights[((o * channels + c) * kh + kh - 1 - i) * kw + kw - 1 - p % kw];
    });
    convolve(grid, packed, channels, null, out);
  }

  /** Per image: the cells of the grid times the packed weights, then the outputs into NCHW. */
  private static void convolve(Grid grid, float[] packed, int channels, float @Nullable [] bias, NdArray out) {
    PaddedImages images = grid.images;
    float[] y = (float[]) Source.array(out);
    int width = ceilDiv(channels, NR) * NR;
    int blocks = ceilDiv(grid.cells, MR);
    int taps = grid.taps.length;
    int plane = images.outHeight * images.outWidth;
    int[] steps = steps(width);
    int[] live = new int[2 * blocks];
    for (int b = 0; b < blocks; b++) {
      grid.liveTaps(b * MR, b * MR + MR - 1, live, 2 * b);
    }
    // The scratch has a vector of cells past the blocks: masked gathers check their dead lanes too.
    grid.forEachImage((blocks * MR + L) * width, (t, n, planes, image, cells) -> {
      for (int panel = 0; panel < width; panel += NR) {
        for (int b = 0; b < blocks; b++) {
          GridKernels.cells(planes, image + b * MR, grid.taps, live[2 * b], live[2 * b + 1], packed, panel * taps, cells,
              b * MR * width + panel, width);
        }
      }
      // Transposed with gathers: one output row segment of one channel per vector.
      for (int c = 0; c < channels; c++) {
        int target = out.offset() + (n * channels + c) * plane;
        for (int r = 0; r < images.outHeight; r++) {
          for (int q = 0; q < images.outWidth; q += L) {
            VectorMask<Float> inRow = S.indexInRange(q, images.outWidth);
            FloatVector value = FloatVector.fromArray(S, cells, (r * images.paddedWidth + q) * width + c, steps, 0, inRow);
            (bias == null ? value : value.add(bias[c])).intoArray(y, target + r * images.outWidth + q, inRow);
          }
        }
      }
    });
  }

  static void weightGrad(NdArray grad, NdArray x, Window2d w, NdArray out) {
    Grid grid = new Grid(x, w.padH(), w.padW(), w.kernelH(), w.kernelW(), false);
    PaddedImages images = grid.images;
    NdArray g = grad.contiguous();
    float[] gradient = (float[]) Source.array(g);
    int outChannels = g.size(1);
    int width = ceilDiv(outChannels, NR) * NR;
    int taps = grid.taps.length;
    int tapBlocks = ceilDiv(taps, TAP_ROWS);
    int[] offsets = Arrays.copyOf(grid.taps, tapBlocks * TAP_ROWS); // the last block's extra taps read offset 0
    int positions = images.outHeight * images.outWidth;
    int[] cells = new int[positions]; // the grid cell of each output position
    for (int p = 0; p < positions; p++) {
      cells[p] = p / images.outWidth * images.paddedWidth + p % images.outWidth;
    }
    float[][] partial = new float[images.tasks()][width * tapBlocks * TAP_ROWS];
    int[] steps = steps(width);
    // rows: the image's gradient, position-major, with room for the dead lanes of a last scatter
    grid.forEachImage(ceilDiv(positions, L) * L * width, (t, n, planes, image, rows) -> {
      int from = g.offset() + n * outChannels * positions;
      for (int o = 0; o < outChannels; o++) { // scattered: a vector of positions of one channel at a time
        for (int s = 0; s < positions; s += L) {
          VectorMask<Float> live = S.indexInRange(s, positions);
          FloatVector.fromArray(S, gradient, from + o * positions + s, live).intoArray(rows, s * width + o, steps, 0, live);
        }
      }
      for (int panel = 0; panel < width; panel += NR) {
        for (int k = 0; k < tapBlocks; k++) {
          GridKernels.taps(planes, image, offsets, k * TAP_ROWS, cells, positions, rows, panel, width, partial[t],
              (panel * tapBlocks + k * NR) * TAP_ROWS);
        }
      }
    });
    double[] sums = new double[width * tapBlocks * TAP_ROWS];
    for (float[] p : partial) {
      for (int i = 0; i < sums.length; i++) {
        sums[i] += p[i];
      }
    }
    float[] result = new float[outChannels * taps];
    for (int o = 0; o < outChannels; o++) {
      for (int p = 0; p < taps; p++) {
        result[o * taps + p] = (float) sums[(o / NR * NR * tapBlocks + p / TAP_ROWS * NR) * TAP_ROWS + p % TAP_ROWS * NR + o % NR];
      }
    }
    out.copyFrom(NdArray.of(result, out.shape().toArray()));
  }

  /**
   * Weights as the tap-major panels {@link GridKernels#cells} reads: {@code packed[(c / NR * taps +
   * p) * NR + c % NR]} is {@code weight(c, p)}, zero past the last channel.
   */
  private static float[] pack(int channels, int taps, WeightAt weight) {
    float[] packed = new float[ceilDiv(channels, NR) * taps * NR];
    for (int c = 0; c < channels; c++) {
      for (int p = 0; p < taps; p++) {
        packed[(c / NR * taps + p) * NR + c % NR] = weight.at(c, p);
      }
    }
    return packed;
  }

  private interface WeightAt {
    float at(int channel, int tap);
  }

  /**
   * The grid on the padded images: the cells from the first output to the last, and the taps in
   * the order the kernels sum them.
   */
  private static final class Grid {
    final PaddedImages images;
    final boolean rowsFirst;
    final int[] taps;
    final int cells;

    Grid(NdArray input, int padH, int padW, int kh, int kw, boolean rowsFirst) {
      images = new PaddedImages(input, padH, padW, kh, kw);
      this.rowsFirst = rowsFirst;
      taps = images.taps(rowsFirst);
      cells = (images.outHeight - 1) * images.paddedWidth + images.outWidth;
    }

    /**
     * Into {@code range[at]} and {@code range[at + 1]}, the taps that can read an input row for
     * cells {@code first..last}: all of them, unless taps go kernel rows first, when the kernel rows
     * that read only padding rows for all those cells are left out (their products are zero). The
     * input gradient's grid is padded by kernel - 1 rows: for the 13 x 13 inputs of the MNIST CNN's
     * second layer, 14 % of its products.
     */
    void liveTaps(int first, int last, int[] range, int at) {
      int perRow = taps.length / images.kernelH;
      int top = Math.max(0, images.padTop - last / images.paddedWidth);
      int bottom = Math.min(images.kernelH - 1, images.padTop + images.height - 1 - first / images.paddedWidth);
      range[at] = rowsFirst ? top * perRow : 0;
      range[at + 1] = rowsFirst ? Math.max(range[at], (bottom + 1) * perRow) : taps.length;
    }

    /**
     * Runs {@code work} for every image in padded planes with {@link GridKernels#MR} zero cells past
     * their end, where a last row block of cells reads; each task has {@code scratchSize} floats of
     * scratch besides.
     */
    void forEachImage(int scratchSize, PaddedImages.ImageWork work) {
      images.forEachImage(MR, scratchSize, work);
    }
  }

  /** The index map of a vector whose lanes lie {@code stride} apart. */
  private static int[] steps(int stride) {
    int[] steps = new int[L];
    for (int i = 0; i < L; i++) {
      steps[i] = i * stride;
    }
    return steps;
  }

  private static int ceilDiv(int x, int y) {
    return (x + y - 1) / y;
  }
}
