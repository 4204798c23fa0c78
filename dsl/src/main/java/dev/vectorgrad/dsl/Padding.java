package dev.vectorgrad.dsl;

import dev.vectorgrad.tensor.VectorgradException;
import dev.vectorgrad.tensor.ShapeMismatchException;

/** Keras' {@code padding} argument of convolutions and pooling. */
enum Padding {
  VALID,
  SAME;

  static Padding of(String name) {
    switch (name) {
      case "valid": return VALID;
      case "same": return SAME;
      default: throw new VectorgradException("padding must be \"valid\" or \"same\", got \"" + name + "\"");
    }
  }

  String kerasName() {
    return this == VALID ? "valid" : "same";
  }

  /**
   * The symmetric padding that keeps the size. Keras pads asymmetrically for strides above 1 or
   * even kernels; that is not supported, so such layers are refused rather than computed differently.
   */
  static int same(String layer, int kernel, int stride, int dilation) {
    int total = dilation * (kernel - 1);
    if (stride != 1 || total % 2 != 0) {
      throw new ShapeMismatchException(layer + ": padding \"same\" needs strides 1 and an odd effective kernel, got"
          + " kernel " + kernel + ", strides " + stride + ", dilation " + dilation);
    }
    return total / 2;
  }
}
