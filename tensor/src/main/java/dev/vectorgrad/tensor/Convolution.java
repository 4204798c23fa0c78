package dev.vectorgrad.tensor;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Convolution and pooling. The primitives are {@code im2col} (unfold every window into a column)
 * and its adjoint {@code col2im}; convolution is then a batched GEMM, average pooling a sum over
 * the window axis, so the arithmetic runs in the fastest kernels the backend has. Max pooling is a
 * pass of the backend's {@code maxPool2d} kernel that also finds where each maximum lies.
 */
final class Convolution {
  private Convolution() {}

  static void requireRank(String op, NdArray x, int rank, String layout) {
    if (x.rank() != rank) {
      throw new ShapeMismatchException(op + ": input must be " + layout + ", got shape " + x.shape());
    }
  }

  /**
   * Stored as {@code [C kh kw, N, OH OW]} and returned as the transposed view {@code [N, C kh kw,
   * OH OW]}, so that all images' columns are also one matrix: a convolution's weight gradient is
   * one product over all of them (see {@link dev.vectorgrad.tensor.spi.ComposedConvolution}).
   */
  static NdArray im2col(NdArray x, Window2d window, double padValue) {
    requireRank("im2col", x, 4, "[N, C, H, W]");
    window.check("im2col", x.size(2), x.size(3));
    int oh = window.outputHeight(x.size(2));
    int ow = window.outputWidth(x.size(3));
    NdArray out = x.allocateLike(
        Shape.of(x.size(1) * window.kernelH() * window.kernelW(), x.size(0), oh * ow), x.dtype())
        .transpose(0, 1);
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
    DType type = floatingType("conv2d", x, weight, bias);
    NdArray out = x.allocateLike(outputShape(x.shape(), weight.size(0), window), type);
    x.backend().conv2d(x.cast(type), weight.cast(type), bias == null ? null : bias.cast(type), window, groups, out);
    return out;
  }

  /** The gradient of {@link #conv2d} with respect to an input of {@code height x width}, from {@code grad}. */
  static NdArray conv2dInputGrad(NdArray grad, NdArray weight, int height, int width, Window2d window, int groups) {
    requireRank("conv2dInputGrad", grad, 4, "[N, O, OH, OW]");
    requireRank("conv2dInputGrad", weight, 4, "[O, C/groups, kh, kw]");
    Shape input = Shape.of(grad.size(0), weight.size(1) * Math.max(groups, 0), height, width);
    window.checkConvolution(input, weight.shape(), null, groups);
    requireGradShape("conv2dInputGrad", grad, outputShape(input, weight.size(0), window));
    DType type = floatingType("conv2dInputGrad", grad, weight, null);
    NdArray out = grad.allocateLike(input, type);
    grad.backend().conv2dInputGrad(grad.cast(type), weight.cast(type), window, groups, out);
    return out;
  }

  /** The gradient of {@link #conv2d} with respect to its weight, from {@code grad} and the input {@code x}. */
  static NdArray conv2dWeightGrad(NdArray grad, NdArray x, Window2d window, int groups) {
    requireRank("conv2dWeightGrad", grad, 4, "[N, O, OH, OW]");
    requireRank("conv2dWeightGrad", x, 4, "[N, C, H, W]");
    Shape weight = Shape.of(grad.size(1), groups > 0 ? x.size(1) / groups : 0, window.kernelH(), window.kernelW());
    window.checkConvolution(x.shape(), weight, null, groups);
    requireGradShape("conv2dWeightGrad", grad, outputShape(x.shape(), grad.size(1), window));
    DType type = floatingType("conv2dWeightGrad", grad, x, null);
    NdArray out = grad.allocateLike(weight, type);
    grad.backend().conv2dWeightGrad(grad.cast(type), x.cast(type), window, groups, out);
    return out;
  }

  static Shape outputShape(Shape input, int channels, Window2d window) {
    return Shape.of(input.dim(0), channels, window.outputHeight(input.dim(2)), window.outputWidth(input.dim(3)));
  }

  private static void requireGradShape(String op, NdArray grad, Shape expected) {
    if (!grad.shape().equals(expected)) {
      throw new ShapeMismatchException(op + ": gradient " + grad.shape() + " does not match the output " + expected);
    }
  }

  /** The promoted dtype of the operands, which must be floating and on one device. */
  static DType floatingType(String op, NdArray a, NdArray b, @Nullable NdArray c) {
    Elementwise.requireSameDevice(op, a, b);
    DType type = DType.promote(a.dtype(), b.dtype());
    if (c != null) {
      Elementwise.requireSameDevice(op, a, c);
      type = DType.promote(type, c.dtype());
    }
    if (!a.dtype().isFloating() || !b.dtype().isFloating()) {
      throw new DTypeMismatchException(op + ": " + a.shape() + " " + a.dtype() + " and " + b.shape() + " "
          + b.dtype() + ": needs floating arrays; cast with cast(DType.F32)");
    }
    return type;
  }

  /** {@code x} {@code [N, C, L]}, {@code weight} {@code [O, C / groups, k]} -> {@code [N, O, L_out]}. */
  static NdArray conv1d(NdArray x, NdArray weight, @Nullable NdArray bias, int stride, int padding,
      int dilation, int groups) {
    requireRank("conv1d", x, 3, "[N, C, L]");
    requireRank("conv1d", weight, 3, "[O, C/groups, k]");
    Window2d window = new Window2d(1, weight.size(2), 1, stride, 0, padding, 1, dilation);
    return conv2d(x.unsqueeze(2), weight.unsqueeze(2), bias, window, groups).squeeze(2);
  }

  /** Windows of {@code x} {@code [N, C, H, W]} as {@code [N, C, kh kw, OH, OW]}, a view of the unfolded columns. */
  static NdArray windows(String op, NdArray x, Window2d window, double padValue) {
    window.checkPooling(op, x.shape());
    NdArray cols = im2col(x, window, padValue);
    return cols.transpose(0, 1)
        .view(x.size(1), window.kernelH() * window.kernelW(), x.size(0), window.outputHeight(x.size(2)),
            window.outputWidth(x.size(3)))
        .permute(2, 0, 1, 3, 4);
  }

  /**
   * Window maximum and where it lies; padding never wins. Backends find both in one pass where they
   * can; by default the values are a gather from the flattened planes at the indices, so the two
   * always agree, and autodiff's gradient is gather's: a scatter to the winning positions,
   * PyTorch's rule for ties.
   */
  static MaxPooling maxPool2dWithIndices(NdArray x, Window2d window) {
    window.checkPooling("maxPool2d", x.shape());
    Shape shape = outputShape(x.shape(), x.size(1), window);
    NdArray values = x.allocateLike(shape, x.dtype());
    NdArray indices = x.allocateLike(shape, DType.I64);
    x.backend().maxPool2d(x, window, values, indices);
    return new MaxPooling(values, indices);
  }

  /** Flat indices {@code h W + w} of each window's maximum in its input plane, I64 {@code [N, C, OH, OW]}. */
  static NdArray maxPool2dIndices(NdArray x, Window2d window) {
    window.checkPooling("maxPool2d", x.shape());
    NdArray out = x.allocateLike(outputShape(x.shape(), x.size(1), window), DType.I64);
    x.backend().maxPool2dIndices(x, window, out);
    return out;
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
