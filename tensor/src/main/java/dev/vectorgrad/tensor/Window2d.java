package dev.vectorgrad.tensor;

import org.jspecify.annotations.Nullable;

/**
 * The sliding window of a 2-D convolution or pooling: kernel size, stride, zero padding and
 * dilation per spatial axis. Output size per axis is {@code (in + 2 pad - dilation (kernel - 1) - 1)
 * / stride + 1}, as in PyTorch.
 */
public record Window2d(
    int kernelH, int kernelW, int strideH, int strideW, int padH, int padW, int dilationH, int dilationW) {

  /** A square window. */
  public static Window2d of(int kernel, int stride, int padding, int dilation) {
    return new Window2d(kernel, kernel, stride, stride, padding, padding, dilation, dilation);
  }

  public int outputHeight(int height) {
    return (height + 2 * padH - dilationH * (kernelH - 1) - 1) / strideH + 1;
  }

  public int outputWidth(int width) {
    return (width + 2 * padW - dilationW * (kernelW - 1) - 1) / strideW + 1;
  }

  /**
   * Checks the window against an input of {@code height x width}.
   *
   * @throws ShapeMismatchException naming {@code op} for non-positive sizes or an empty output
   */
  public void check(String op, int height, int width) {
    if (kernelH < 1 || kernelW < 1 || strideH < 1 || strideW < 1 || dilationH < 1 || dilationW < 1
        || padH < 0 || padW < 0) {
      throw new ShapeMismatchException(op + ": invalid window " + this);
    }
    int effectiveH = height + 2 * padH - dilationH * (kernelH - 1);
    int effectiveW = width + 2 * padW - dilationW * (kernelW - 1);
    if (effectiveH < 1 || effectiveW < 1) {
      throw new ShapeMismatchException(
          op + ": input " + height + "x" + width + " is smaller than the " + kernelH + "x" + kernelW
              + " kernel (dilation " + dilationH + "x" + dilationW + ", padding " + padH + "x" + padW + ")");
    }
  }

  /**
   * Checks a convolution's operands: input {@code [N, C, H, W]}, weight {@code [O, C / groups, kh,
   * kw]} matching this kernel, bias {@code [O]} if present.
   */
  public void checkConvolution(Shape input, Shape weight, @Nullable Shape bias, int groups) {
    if (input.rank() != 4 || weight.rank() != 4) {
      throw new ShapeMismatchException(
          "conv2d: input " + input + " must be [N, C, H, W] and weight " + weight + " [O, C/groups, kh, kw]");
    }
    int channels = input.dim(1);
    int out = weight.dim(0);
    if (groups < 1 || channels % groups != 0 || out % groups != 0 || weight.dim(1) != channels / groups
        || weight.dim(2) != kernelH || weight.dim(3) != kernelW) {
      throw new ShapeMismatchException(
          "conv2d: input " + input + " and weight " + weight + " do not match with groups " + groups
              + " and kernel " + kernelH + "x" + kernelW);
    }
    if (bias != null && (bias.rank() != 1 || bias.dim(0) != out)) {
      throw new ShapeMismatchException("conv2d: bias " + bias + " for " + out + " output channels");
    }
    check("conv2d", input.dim(2), input.dim(3));
  }

  /** Pooling pads at most half a kernel, as in PyTorch, so no window is all padding. */
  public void checkPooling(String op, Shape input) {
    if (input.rank() != 4) {
      throw new ShapeMismatchException(op + ": input must be [N, C, H, W], got shape " + input);
    }
    if (2 * padH > kernelH || 2 * padW > kernelW) {
      throw new ShapeMismatchException(op + ": padding must be at most half the kernel, got " + this);
    }
    check(op, input.dim(2), input.dim(3));
  }
}
