package dev.vectorgrad.dsl;

import dev.vectorgrad.tensor.Shape;
import java.util.Map;

/**
 * What {@link Conv1D} and {@link Conv2D} share: Keras' settings (filters, square kernel, strides,
 * padding, dilation, bias, activation) with their defaults, and Glorot-uniform weights with a zero
 * bias. {@code L} is the concrete layer, so the setters chain.
 */
public abstract class Convolution<L extends Convolution<L>> extends SingleInputLayer {
  final int filters;
  final int kernel;
  int stride = 1;
  Padding padding = Padding.VALID;
  int dilation = 1;
  boolean useBias = true;
  ActivationFunction activation = ActivationFunction.LINEAR;

  Convolution(int filters, int kernel) {
    this.filters = filters;
    this.kernel = kernel;
  }

  @SuppressWarnings("unchecked")
  private L self() {
    return (L) this;
  }

  public L strides(int value) {
    stride = value;
    return self();
  }

  /** {@code "valid"} (no padding, the default) or {@code "same"} (strides 1 and odd kernels only). */
  public L padding(String value) {
    padding = Padding.of(value);
    return self();
  }

  public L dilationRate(int value) {
    dilation = value;
    return self();
  }

  public L useBias(boolean value) {
    useBias = value;
    return self();
  }

  public L activation(String value) {
    return activation(ActivationFunction.of(value));
  }

  public L activation(ActivationFunction value) {
    activation = value;
    return self();
  }

  /** Reads the settings both layers save, given the kernel size already checked by the caller. */
  L configure(Config c) {
    return strides(c.integer("strides", 1)).padding(c.string("padding")).dilationRate(c.integer("dilation_rate", 1))
        .useBias(c.bool("use_bias")).activation(c.string("activation"));
  }

  /** Zero padding per side for this layer's padding mode. */
  int pad() {
    return padding == Padding.SAME ? Padding.same(describe(), kernel, stride, dilation) : 0;
  }

  /** The PyTorch-layout {@code weight} shape and, with a bias, {@code [filters]}. */
  Map<String, Shape> weightAndBias(Shape weight) {
    return useBias ? weights("weight", weight, "bias", Shape.of(filters)) : weights("weight", weight);
  }
}
