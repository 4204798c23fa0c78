package dev.vectorgrad.layers;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.tensor.VectorgradException;
import dev.vectorgrad.tensor.Window2d;
import org.jspecify.annotations.Nullable;

/**
 * A 2-D convolution layer (cross-correlation, as in PyTorch).
 *
 * <p>Shape: {@code [N, in, H, W] -> [N, out, OH, OW]}. {@code weight} is {@code [out, in / groups,
 * k, k]}, {@code bias} {@code [out]}, both from U(-1/sqrt(fanIn), 1/sqrt(fanIn)) with {@code fanIn =
 * in / groups * k * k}, PyTorch's default. Padding may be {@link #SAME} (stride 1, odd effective
 * kernel), which keeps H and W.
 */
public class Conv2d extends Module {
  /** Pass as padding for "same" output size. */
  public static final int SAME = -1;

  private final int in;
  private final int out;
  private final Window2d window;
  private final int groups;
  public final Tensor weight;
  public final @Nullable Tensor bias;

  public Conv2d(int in, int out, int kernel) {
    this(in, out, kernel, 1, 0, 1, 1, true);
  }

  public Conv2d(int in, int out, int kernel, int stride, int padding) {
    this(in, out, kernel, stride, padding, 1, 1, true);
  }

  public Conv2d(int in, int out, int kernel, int stride, int padding, int dilation, int groups, boolean bias) {
    if (in <= 0 || out <= 0 || groups <= 0 || in % groups != 0 || out % groups != 0) {
      throw new VectorgradException(
          "Conv2d: channels " + in + " -> " + out + " must be positive multiples of groups " + groups);
    }
    int pad = padding == SAME ? samePadding(kernel, stride, dilation) : padding;
    this.in = in;
    this.out = out;
    this.groups = groups;
    this.window = Window2d.of(kernel, stride, pad, dilation);
    double bound = 1 / Math.sqrt((double) in / groups * kernel * kernel);
    this.weight = registerParameter("weight", Init.uniform(Tensor.zeros(out, in / groups, kernel, kernel), -bound, bound));
    this.bias = bias ? registerParameter("bias", Init.uniform(Tensor.zeros(out), -bound, bound)) : null;
  }

  static int samePadding(int kernel, int stride, int dilation) {
    int total = dilation * (kernel - 1);
    if (stride != 1 || total % 2 != 0) {
      throw new VectorgradException(
          "'same' padding needs stride 1 and an odd effective kernel, got kernel " + kernel + ", stride "
              + stride + ", dilation " + dilation);
    }
    return total / 2;
  }

  @Override
  public Tensor forward(Tensor input) {
    return F.conv2d(input, weight, bias, window, groups);
  }

  /** This convolution then {@code pool}, as one op ({@link Tensor#conv2dMaxPool2d}): for {@link Sequential}. */
  Tensor forwardPooled(Tensor input, MaxPool2d pool) {
    return input.conv2dMaxPool2d(weight, bias, window, groups, pool.window());
  }

  @Override
  protected String extraRepr() {
    return in + ", " + out + ", kernel=" + window.kernelH() + ", stride=" + window.strideH()
        + ", padding=" + window.padH() + (groups == 1 ? "" : ", groups=" + groups);
  }
}
