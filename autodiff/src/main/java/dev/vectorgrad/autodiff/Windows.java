package dev.vectorgrad.autodiff;

import dev.vectorgrad.tensor.Window2d;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The windowed ops. {@code im2col} and {@code col2im} are each other's adjoint, so each is the
 * other's derivative rule; convolution and pooling are composites of them, matmul and reductions,
 * and get their gradients from those rules (max pooling is a chain of elementwise maxima, so tied
 * maxima share the gradient, halved at each tie along the chain).
 */
final class Windows {
  private Windows() {}

  static Tensor im2col(Tensor x, Window2d window, double padValue) {
    int height = x.size(2);
    int width = x.size(3);
    return Tensor.record(
        "im2col", x.data().im2col(window, padValue), new Tensor[] {x}, new Tensor[0],
        (g, s) -> new Tensor[] {g.col2im(height, width, window)});
  }

  static Tensor col2im(Tensor cols, int height, int width, Window2d window) {
    return Tensor.record(
        "col2im", cols.data().col2im(height, width, window), new Tensor[] {cols}, new Tensor[0],
        (g, s) -> new Tensor[] {g.im2col(window, 0)});
  }

  static Tensor conv2d(Tensor x, Tensor weight, @Nullable Tensor bias, Window2d window, int groups) {
    window.checkConvolution(x.shape(), weight.shape(), bias == null ? null : bias.shape(), groups);
    int n = x.size(0);
    int out = weight.size(0);
    int perGroup = x.size(1) / groups * window.kernelH() * window.kernelW();
    Tensor cols = x.im2col(window, 0);
    Tensor product = weight.reshape(groups, out / groups, perGroup)
        .matmul(cols.reshape(n, groups, perGroup, cols.size(2)));
    Tensor y = product.reshape(n, out, window.outputHeight(x.size(2)), window.outputWidth(x.size(3)));
    return bias == null ? y : y.plus(bias.reshape(1, out, 1, 1));
  }

  private static Tensor windows(String op, Tensor x, Window2d window, double padValue) {
    window.checkPooling(op, x.shape());
    return x.im2col(window, padValue).reshape(x.size(0), x.size(1), window.kernelH() * window.kernelW(),
        window.outputHeight(x.size(2)), window.outputWidth(x.size(3)));
  }

  /** A chain of elementwise maxima of the window slices (see {@code NdArray.maxPool2d}). */
  static Tensor maxPool2d(Tensor x, Window2d window) {
    Tensor w = windows("maxPool2d", x, window, Double.NEGATIVE_INFINITY);
    Tensor max = w.select(2, 0);
    for (int k = 1; k < w.size(2); k++) {
      max = max.maximum(w.select(2, k));
    }
    return max;
  }

  static Tensor avgPool2d(Tensor x, Window2d window) {
    Tensor w = windows("avgPool2d", x, window, 0);
    Tensor sum = w.select(2, 0);
    for (int k = 1; k < w.size(2); k++) {
      sum = sum.plus(w.select(2, k));
    }
    return sum.div((double) w.size(2));
  }

  static Tensor adaptiveAvgPool2d(Tensor x, int outH, int outW) {
    if (x.rank() != 4 || outH < 1 || outW < 1) {
      x.data().adaptiveAvgPool2d(outH, outW); // raises adaptiveAvgPool2d's own error
    }
    int h = x.size(2);
    int w = x.size(3);
    if (h % outH == 0 && w % outW == 0) {
      return avgPool2d(x, new Window2d(h / outH, w / outW, h / outH, w / outW, 0, 0, 1, 1));
    }
    List<Tensor> rows = new ArrayList<>();
    for (int i = 0; i < outH; i++) {
      int top = i * h / outH;
      int bottom = ((i + 1) * h + outH - 1) / outH;
      List<Tensor> cells = new ArrayList<>();
      for (int j = 0; j < outW; j++) {
        int left = j * w / outW;
        int right = ((j + 1) * w + outW - 1) / outW;
        cells.add(x.narrow(2, top, bottom - top).narrow(3, left, right - left).mean(new int[] {2, 3}, false));
      }
      rows.add(Tensor.stack(cells, 2));
    }
    return Tensor.stack(rows, 2);
  }
}
