package dev.vectorgrad.autodiff;

import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Window2d;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The windowed ops. {@code im2col} and {@code col2im} are each other's adjoint, so each is the
 * other's derivative rule; convolution and average pooling are composites of them, matmul and
 * elementwise sums, and max pooling a gather at the window maxima, so all get their gradients from
 * existing rules.
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

  /**
   * As {@code NdArray.conv2d} computes it: one product per image and group, {@code [O/g, K] x [K, OH
   * OW]}, which writes NCHW directly. The gradients are one product per group over all images
   * instead, with the long axis {@code N OH OW} as the reduction of the weight gradient: per image it
   * was a batch of small products and a sum, about three times slower.
   */
  static Tensor conv2d(Tensor x, Tensor weight, @Nullable Tensor bias, Window2d window, int groups) {
    window.checkConvolution(x.shape(), weight.shape(), bias == null ? null : bias.shape(), groups);
    int n = x.size(0);
    int out = weight.size(0);
    int perGroup = x.size(1) / groups * window.kernelH() * window.kernelW();
    Tensor cols = x.im2col(window, 0);
    int length = cols.size(2);
    Tensor columns = cols.transpose(0, 1).view(groups, perGroup, n, length); // im2col's storage order
    Tensor w = weight.reshape(groups, out / groups, perGroup);
    boolean wantColumns = columns.requiresGrad();
    boolean wantWeight = w.requiresGrad();
    Tensor product = Tensor.record(
        "conv2d", w.data().matmul(columns.data().permute(2, 0, 1, 3)), new Tensor[] {columns, w},
        new Tensor[] {columns, w},
        (g, s) -> {
          Tensor byGroup = g.permute(1, 2, 0, 3).reshape(groups, out / groups, n * length); // [g, O/g, N L]
          return new Tensor[] {
            wantColumns ? s[1].transpose(1, 2).matmul(byGroup).view(groups, perGroup, n, length) : null,
            wantWeight ? s[0].reshape(groups, perGroup, n * length).matmul(byGroup.transpose(1, 2)).transpose(1, 2)
                : null
          };
        });
    Tensor y = product.view(n, out, window.outputHeight(x.size(2)), window.outputWidth(x.size(3)));
    return bias == null ? y : y.plus(bias.reshape(1, out, 1, 1));
  }

  private static Tensor windows(String op, Tensor x, Window2d window, double padValue) {
    window.checkPooling(op, x.shape());
    return x.im2col(window, padValue).transpose(0, 1)
        .view(x.size(1), window.kernelH() * window.kernelW(), x.size(0), window.outputHeight(x.size(2)),
            window.outputWidth(x.size(3)))
        .permute(2, 0, 1, 3, 4);
  }

  /**
   * A gather of the window maxima that {@code NdArray.maxPool2dIndices} finds, so the gradient is
   * gather's: a scatter to the winning positions (the first maximum of a tie, as in PyTorch).
   */
  static Tensor maxPool2d(Tensor x, Window2d window) {
    NdArray indices = x.data().maxPool2dIndices(window);
    int n = x.size(0);
    int c = x.size(1);
    Tensor planes = x.reshape(n, c, x.size(2) * x.size(3));
    Tensor picked = planes.gather(2, Tensor.from(indices.view(n, c, indices.size(2) * indices.size(3))));
    return picked.reshape(indices.shape().toArray());
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
