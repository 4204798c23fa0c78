package dev.vectorgrad.autodiff;

import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.MaxPooling;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.Window2d;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The windowed ops. {@code im2col} and {@code col2im} are each other's adjoint, so each is the
 * other's derivative rule, and likewise convolution and its two gradients; average pooling is a
 * composite of im2col and elementwise sums, and max pooling a gather at the window maxima, so both
 * get their gradients from existing rules.
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
   * Convolution and its two gradients are three ops whose rules are each other: all three are
   * bilinear, and {@code <h, conv2dInputGrad(g, w)> = <conv2d(h, w), g> = <conv2dWeightGrad(g, h),
   * w>}. So gradients of gradients exist (gradient penalties through a CNN) while a first-order
   * backward runs the backend's fused kernels, not a graph of im2col, products and col2im.
   */
  static Tensor conv2d(Tensor x, Tensor weight, @Nullable Tensor bias, Window2d window, int groups) {
    NdArray y = x.data().conv2d(weight.data(), bias == null ? null : bias.data(), window, groups);
    Tensor[] inputs = bias == null ? new Tensor[] {x, weight} : new Tensor[] {x, weight, bias};
    boolean[] want = wanted(inputs);
    DType[] types = dtypes(inputs);
    int height = x.size(2);
    int width = x.size(3);
    return Tensor.record("conv2d", y, inputs, new Tensor[] {x, weight}, (g, s) -> new Tensor[] {
      want[0] ? conv2dInputGrad(g, s[1], height, width, window, groups).cast(types[0]) : null,
      want[1] ? conv2dWeightGrad(g, s[0], window, groups).cast(types[1]) : null,
      want.length > 2 && want[2] ? g.sum(new int[] {0, 2, 3}, false).cast(types[2]) : null
    });
  }

  static Tensor conv2dInputGrad(Tensor grad, Tensor weight, int height, int width, Window2d window, int groups) {
    NdArray dx = grad.data().conv2dInputGrad(weight.data(), height, width, window, groups);
    Tensor[] inputs = {grad, weight};
    boolean[] want = wanted(inputs);
    DType[] types = dtypes(inputs);
    return Tensor.record("conv2dInputGrad", dx, inputs, inputs, (h, s) -> new Tensor[] {
      want[0] ? conv2d(h, s[1], null, window, groups).cast(types[0]) : null,
      want[1] ? conv2dWeightGrad(s[0], h, window, groups).cast(types[1]) : null
    });
  }

  static Tensor conv2dWeightGrad(Tensor grad, Tensor x, Window2d window, int groups) {
    NdArray dw = grad.data().conv2dWeightGrad(x.data(), window, groups);
    Tensor[] inputs = {grad, x};
    boolean[] want = wanted(inputs);
    DType[] types = dtypes(inputs);
    int height = x.size(2);
    int width = x.size(3);
    return Tensor.record("conv2dWeightGrad", dw, inputs, inputs, (h, s) -> new Tensor[] {
      want[0] ? conv2d(s[1], h, null, window, groups).cast(types[0]) : null,
      want[1] ? conv2dInputGrad(s[0], h, height, width, window, groups).cast(types[1]) : null
    });
  }

  /**
   * A convolution read only by a max pool, as one op ({@code NdArray.conv2dMaxPool2d}: the
   * convolution's output never exists for the whole batch). Its weight gradient reads the pooled
   * gradient at the pool's indices ({@code conv2dWeightGradAtMaxima}), again a few images at a
   * time; the input gradient, rarely wanted (this is mostly an image net's first layer), scatters the
   * pooled gradient over the convolution's output and takes the plain path.
   */
  static Tensor conv2dMaxPool2d(Tensor x, Tensor weight, @Nullable Tensor bias, Window2d window, int groups,
      Window2d pool) {
    MaxPooling pooled = x.data().conv2dMaxPool2d(weight.data(), bias == null ? null : bias.data(), window, groups, pool);
    Tensor[] inputs = bias == null ? new Tensor[] {x, weight} : new Tensor[] {x, weight, bias};
    boolean[] want = wanted(inputs);
    DType[] types = dtypes(inputs);
    Tensor index = Tensor.from(pooled.indices());
    int height = x.size(2);
    int width = x.size(3);
    return Tensor.record("conv2dMaxPool2d", pooled.values(), inputs, new Tensor[] {x, weight}, (g, s) -> new Tensor[] {
      want[0] ? conv2dInputGrad(atMaxima(g, index, s[0], window), s[1], height, width, window, groups).cast(types[0])
          : null,
      want[1] ? conv2dWeightGradAtMaxima(g, index, s[0], window, groups).cast(types[1]) : null,
      want.length > 2 && want[2] ? g.sum(new int[] {0, 2, 3}, false).cast(types[2]) : null
    });
  }

  /**
   * {@code conv2dWeightGrad} of {@code grad} scattered to the maxima at {@code index}; bilinear in
   * the gradient and the input like its unscattered form, and differentiated the same way.
   */
  static Tensor conv2dWeightGradAtMaxima(Tensor grad, Tensor index, Tensor x, Window2d window, int groups) {
    NdArray dw = grad.data().conv2dWeightGradAtMaxima(index.data(), x.data(), window, groups);
    Tensor[] inputs = {grad, x};
    boolean[] want = wanted(inputs);
    DType[] types = dtypes(inputs);
    int height = x.size(2);
    int width = x.size(3);
    int[] pooled = grad.shape().toArray();
    return Tensor.record("conv2dWeightGradAtMaxima", dw, inputs, inputs, (h, s) -> new Tensor[] {
      want[0] ? conv2d(s[1], h, null, window, groups).flatten(2).gather(2, index.flatten(2)).reshape(pooled)
          .cast(types[0]) : null,
      want[1] ? conv2dInputGrad(atMaxima(s[0], index, s[1], window), h, height, width, window, groups).cast(types[1])
          : null
    });
  }

  /** The pooled gradient {@code grad} scattered over the output planes of a convolution of {@code x}. */
  private static Tensor atMaxima(Tensor grad, Tensor index, Tensor x, Window2d window) {
    int oh = window.outputHeight(x.size(2));
    int ow = window.outputWidth(x.size(3));
    Shape planes = Shape.of(grad.size(0), grad.size(1), oh * ow);
    return Indexing.scatterAddToZeros(planes, 2, index.flatten(2), grad.flatten(2))
        .reshape(grad.size(0), grad.size(1), oh, ow);
  }

  private static boolean[] wanted(Tensor[] inputs) {
    boolean[] want = new boolean[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      want[i] = inputs[i].requiresGrad();
    }
    return want;
  }

  /** Gradients are returned in their inputs' dtypes (the op computes in the promoted one). */
  private static DType[] dtypes(Tensor[] inputs) {
    DType[] types = new DType[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      types[i] = inputs[i].dtype();
    }
    return types;
  }

  private static Tensor windows(String op, Tensor x, Window2d window, double padValue) {
    window.checkPooling(op, x.shape());
    return x.im2col(window, padValue).transpose(0, 1)
        .view(x.size(1), window.kernelH() * window.kernelW(), x.size(0), window.outputHeight(x.size(2)),
            window.outputWidth(x.size(3)))
        .permute(2, 0, 1, 3, 4);
  }

  /**
   * The window maxima, found with their indices in one pass ({@code NdArray.maxPool2dWithIndices}),
   * recorded as the gather of the flattened planes at those indices that they are: the gradient is
   * gather's, a scatter to the winning positions (the first maximum of a tie, as in PyTorch).
   */
  static Tensor maxPool2d(Tensor x, Window2d window) {
    MaxPooling pooled = x.data().maxPool2dWithIndices(window);
    int n = x.size(0);
    int c = x.size(1);
    int length = pooled.indices().size(2) * pooled.indices().size(3);
    Tensor planes = x.reshape(n, c, x.size(2) * x.size(3));
    Tensor index = Tensor.from(pooled.indices().view(n, c, length));
    Tensor picked = Indexing.gathered(planes, 2, index, pooled.values().view(n, c, length));
    return picked.reshape(pooled.indices().shape().toArray());
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
