package dev.vectorgrad.layers;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.tensor.VectorgradException;
import org.jspecify.annotations.Nullable;

/**
 * A 1-D convolution layer. Shape: {@code [N, in, L] -> [N, out, L_out]}; {@code weight} {@code [out,
 * in / groups, k]} and {@code bias} {@code [out]} from PyTorch's default U(-1/sqrt(fanIn),
 * 1/sqrt(fanIn)). Padding may be {@link Conv2d#SAME}.
 */
public class Conv1d extends Module {
  private final int stride;
  private final int padding;
  private final int dilation;
  private final int groups;
  public final Tensor weight;
  public final @Nullable Tensor bias;

  public Conv1d(int in, int out, int kernel) {
    this(in, out, kernel, 1, 0, 1, 1, true);
  }

  public Conv1d(int in, int out, int kernel, int stride, int padding, int dilation, int groups, boolean bias) {
    if (in <= 0 || out <= 0 || groups <= 0 || in % groups != 0 || out % groups != 0) {
      throw new VectorgradException(
          "Conv1d: channels " + in + " -> " + out + " must be positive multiples of groups " + groups);
    }
    this.stride = stride;
    this.padding = padding == Conv2d.SAME ? Conv2d.samePadding(kernel, stride, dilation) : padding;
    this.dilation = dilation;
    this.groups = groups;
    double bound = 1 / Math.sqrt((double) in / groups * kernel);
    this.weight = registerParameter("weight", Init.uniform(Tensor.zeros(out, in / groups, kernel), -bound, bound));
    this.bias = bias ? registerParameter("bias", Init.uniform(Tensor.zeros(out), -bound, bound)) : null;
  }

  @Override
  public Tensor forward(Tensor input) {
    return F.conv1d(input, weight, bias, stride, padding, dilation, groups);
  }

  @Override
  protected String extraRepr() {
    return weight.size(1) * groups + ", " + weight.size(0) + ", kernel=" + weight.size(2) + ", stride=" + stride
        + ", padding=" + padding;
  }
}
