package dev.vectorgrad.dsl;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.tensor.Window2d;

/** Keras' {@code AveragePooling2D}: the mean of each window, stride = pool size by default. */
public final class AveragePooling2D extends Pooling2D {
  private AveragePooling2D(int poolSize) {
    super(poolSize);
  }

  public static AveragePooling2D of(int poolSize) {
    return new AveragePooling2D(poolSize);
  }

  static AveragePooling2D fromConfig(Config c) {
    int[] sizes = sizes(c);
    AveragePooling2D layer = of(sizes[0]);
    layer.strides(sizes[1]);
    return layer;
  }

  @Override
  Tensor pool(Tensor channelsFirst, Window2d window) {
    return channelsFirst.avgPool2d(window);
  }
}
