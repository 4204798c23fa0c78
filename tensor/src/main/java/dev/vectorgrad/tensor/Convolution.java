package dev.vectorgrad.tensor;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Convolution and pooling. The primitives are {@code im2col} (unfold every window into a column)
 * and its adjoint {@code col2im}; convolution is then one batched GEMM per group, pooling a max or
 * mean over the window axis, so the arithmetic runs in the fastest kernels the backend has.
 */
final class Convolution {
  private Convolution() {}

  private static void requireRank(String op, NdArray x, int rank, String layout) {
    if (x.rank() != rank) {
      throw new ShapeMismatchException(op + ": input must be " + layout + ", got shape " + x.shape());
    }
  }

  static NdArray im2col(NdArray x, Window2d window, double padValue) {
    requireRank("im2col", x, 4, "[N, C, H, W]");
    window.check("im2col", x.size(2), x.size(3));
    int oh = window.outputHeight(x.size(2));
    int ow = window.outputWidth(x.size(3));
    NdArray out = x.allocateLike(
        Shape.of(x.size(0), x.size(1) * window.kernelH() * window.kernelW(), oh * ow), x.dtype());
    x.backend().im2col(x, window, padValue, out);
    return out;
  }

  static NdArray col2im(NdArray cols, int height, int width, Window2d window) {
    requireRank("col2im", cols, 3, "[N, C*kh*kw, L]");
    window.check("col2im", height, width);
    int k = window.kernelH() * window.kernelW();
    int length = window.outputHeight(height) * window.outputWidth(width);
    if (cols.size(1) % k != 0 || cols.size(2) != length) {
      throw new ShapeMismatchException(
          "col2im: columns " + cols.shape() + " do not fit a " + height + "x" + width + " image with window "
              + window + " (need [N, C*" + k + ", " + length + "])");
    }
    NdArray out = cols.allocateLike(Shape.of(cols.size(0), cols.size(1) / k, height, width), cols.dtype());
    cols.backend().col2im(cols, window, out);
    return out;
  }

  /** {@code x} {@code [N, C, H, W]}, {@code weight} {@code [O, C / groups, kh, kw]} -> {@code [N, O, OH, OW]}. */
  static NdArray conv2d(NdArray x, NdArray weight, @Nullable NdArray bias, Window2d window, int groups) {
    window.checkConvolution(x.shape(), weight.shape(), bias == null ? null : bias.shape(), groups);
    int n = x.size(0);
    int channels = x.size(1);
    int out = weight.size(0);
    NdArray cols = im2col(x, window, 0);
    int perGroup = channels / groups * window.kernelH() * window.kernelW();
    int length = cols.size(2);
    NdArray product = weight.reshape(groups, out / groups, perGroup)
        .matmul(cols.reshape(n, groups, perGroup, length));
    NdArray y = product.reshape(n, out, window.outputHeight(x.size(2)), window.outputWidth(x.size(3)));
    return bias == null ? y : y.plus(bias.reshape(1, out, 1, 1));
  }

  /** {@code x} {@code [N, C, L]}, {@code weight} {@code [O, C / groups, k]} -> {@code [N, O, L_out]}. */
  static NdArray conv1d(NdArray x, NdArray weight, @Nullable NdArray bias, int stride, int padding,
      int dilation, int groups) {
    requireRank("conv1d", x, 3, "[N, C, L]");
    requireRank("conv1d", weight, 3, "[O, C/groups, k]");
    Window2d window = new Window2d(1, weight.size(2), 1, stride, 0, padding, 1, dilation);
    return conv2d(x.unsqueeze(2), weight.unsqueeze(2), bias, window, groups).squeeze(2);
  }

  /** Windows of {@code x} {@code [N, C, H, W]} as {@code [N, C, kh kw, OH, OW]}. */
  static NdArray windows(String op, NdArray x, Window2d window, double padValue) {
    window.checkPooling(op, x.shape());
    NdArray cols = im2col(x, window, padValue);
    return cols.reshape(x.size(0), x.size(1), window.kernelH() * window.kernelW(),
        window.outputHeight(x.size(2)), window.outputWidth(x.size(3)));
  }

  /**
   * Window maximum; padding counts as -inf, so it never wins. Computed as a chain of elementwise
   * maxima of the window slices, each a contiguous vectorized pass, rather than a reduction over
   * the small middle axis (which would transpose and copy the unfolded input first).
   */
  static NdArray maxPool2d(NdArray x, Window2d window) {
    NdArray w = windows("maxPool2d", x, window, Double.NEGATIVE_INFINITY);
    NdArray max = w.select(2, 0);
    for (int k = 1; k < w.size(2); k++) {
      max = max.maximum(w.select(2, k));
    }
    return max;
  }

  /** Window mean, padding counted as zeros (PyTorch's default {@code count_include_pad}). */
  static NdArray avgPool2d(NdArray x, Window2d window) {
    NdArray w = windows("avgPool2d", x, window, 0);
    NdArray sum = w.select(2, 0);
    for (int k = 1; k < w.size(2); k++) {
      sum = sum.plus(w.select(2, k));
    }
    return sum.div((double) w.size(2));
  }

  /**
   * Averages over PyTorch's adaptive windows: output cell {@code i} of {@code n} covers input rows
   * {@code floor(i H / n)} to {@code ceil((i + 1) H / n)}. Divisible sizes use one average pool.
   */
  static NdArray adaptiveAvgPool2d(NdArray x, int outH, int outW) {
    requireRank("adaptiveAvgPool2d", x, 4, "[N, C, H, W]");
    int h = x.size(2);
    int w = x.size(3);
    if (outH < 1 || outW < 1) {
      throw new ShapeMismatchException("adaptiveAvgPool2d: output size " + outH + "x" + outW + " is empty");
    }
    if (h % outH == 0 && w % outW == 0) {
      return avgPool2d(x, new Window2d(h / outH, w / outW, h / outH, w / outW, 0, 0, 1, 1));
    }
    List<NdArray> rows = new ArrayList<>();
    for (int i = 0; i < outH; i++) {
      int top = i * h / outH;
      int bottom = ((i + 1) * h + outH - 1) / outH;
      List<NdArray> cells = new ArrayList<>();
      for (int j = 0; j < outW; j++) {
        int left = j * w / outW;
        int right = ((j + 1) * w + outW - 1) / outW;
        cells.add(x.narrow(2, top, bottom - top).narrow(3, left, right - left).mean(new int[] {2, 3}, false));
      }
      rows.add(NdArray.stack(cells, 2));
    }
    return NdArray.stack(rows, 2);
  }
}
