package dev.vectorgrad.dsl;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.tensor.Window2d;

/** Keras' {@code MaxPooling2D}: the maximum of each window, stride = pool size by default. */
public final class MaxPooling2D extends Pooling2D {
  private MaxPooling2D(int poolSize) {
    super(poolSize);
  }

  public static MaxPooling2D of(int poolSize) {
    return new MaxPooling2D(poolSize);
  }

  static MaxPooling2D fromConfig(Config c) {
    int[] sizes = sizes(c);
    MaxPooling2D layer = of(sizes[0]);
    layer.strides(sizes[1]);
    return layer;
  }

  @Override
  Tensor pool(Tensor channelsFirst, Window2d window) {
    return channelsFirst.maxPool2d(window);
  }
}
