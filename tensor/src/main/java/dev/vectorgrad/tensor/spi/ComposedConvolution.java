package dev.vectorgrad.tensor.spi;

import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Window2d;
import org.jspecify.annotations.Nullable;

/**
 * Convolution and its two gradients composed from {@code im2col}, {@code col2im} and batched
 * products, so every backend that has those has these. The operands are checked and of one
 * floating dtype (see {@code NdArray.conv2d}); {@code K = C kh kw / groups} is a group's window
 * length and {@code L = OH OW} the number of windows per image.
 */
public final class ComposedConvolution {
  private ComposedConvolution() {}

  /**
   * One product per image and group, {@code [O/g, K] x [K, L]}: the weight is packed once for all
   * images and the result is already NCHW.
   */
  public static NdArray forward(NdArray x, NdArray weight, @Nullable NdArray bias, Window2d window, int groups) {
    int n = x.size(0);
    int out = weight.size(0);
    NdArray columns = columnsByGroup(x.im2col(window, 0), groups); // [g, K, N, L]
    NdArray product = byGroup(weight, groups).matmul(columns.permute(2, 0, 1, 3)); // [N, g, O/g, L]
    NdArray y = product.view(n, out, window.outputHeight(x.size(2)), window.outputWidth(x.size(3)));
    return bias == null ? y : y.plus(bias.reshape(1, out, 1, 1));
  }

  /**
   * The gradient with respect to the input of {@code height x width}: per image and group the
   * column gradient {@code [K, O/g] x [O/g, L]}, folded back by {@code col2im}.
   */
  public static NdArray inputGrad(NdArray grad, NdArray weight, int height, int width, Window2d window, int groups) {
    int n = grad.size(0);
    int length = grad.size(2) * grad.size(3);
    NdArray perImage = grad.reshape(n, groups, grad.size(1) / groups, length);
    NdArray columns = byGroup(weight, groups).transpose(1, 2).matmul(perImage); // [N, g, K, L]
    return columns.reshape(n, weight.size(1) * groups * window.kernelH() * window.kernelW(), length)
        .col2im(height, width, window);
  }

  /**
   * The gradient with respect to the weight: one product per group over all images, {@code [K, N
   * L] x [N L, O/g]}, the long axis as the reduction (per image it was a batch of small products
   * and a sum, about three times slower).
   */
  public static NdArray weightGrad(NdArray grad, NdArray x, Window2d window, int groups) {
    int n = grad.size(0);
    int out = grad.size(1);
    int length = grad.size(2) * grad.size(3);
    NdArray columns = columnsByGroup(x.im2col(window, 0), groups);
    NdArray flat = columns.reshape(groups, columns.size(1), n * length);
    NdArray outputs = grad.reshape(n, groups, out / groups, length).permute(1, 2, 0, 3)
        .reshape(groups, out / groups, n * length);
    return flat.matmul(outputs.transpose(1, 2)).transpose(1, 2)
        .reshape(out, x.size(1) / groups, window.kernelH(), window.kernelW());
  }

  /** The weight {@code [O, C/g, kh, kw]} as {@code [g, O/g, K]}. */
  private static NdArray byGroup(NdArray weight, int groups) {
    int out = weight.size(0);
    return weight.reshape(groups, out / groups, weight.size(1) * weight.size(2) * weight.size(3));
  }

  /**
   * The columns of {@code im2col} {@code [N, C kh kw, L]} as the view {@code [groups, K, N, L]} of
   * their storage, which is {@code [C kh kw, N, L]}: all images' columns of a group form one
   * {@code [K, N L]} matrix.
   */
  private static NdArray columnsByGroup(NdArray cols, int groups) {
    return cols.transpose(0, 1).view(groups, cols.size(1) / groups, cols.size(0), cols.size(2));
  }
}
