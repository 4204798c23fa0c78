package dev.vectorgrad.dsl;

import com.google.gson.JsonObject;
import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.Module;
import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.ShapeMismatchException;
import dev.vectorgrad.tensor.VectorgradException;
import dev.vectorgrad.tensor.Window2d;
import org.jspecify.annotations.Nullable;

/** What max and average pooling share: a square window over channels-last {@code (None, H, W, C)}. */
public abstract class Pooling2D extends SingleInputLayer {
  private final int poolSize;
  private int stride;

  Pooling2D(int poolSize) {
    if (poolSize <= 0) {
      throw new VectorgradException(type() + ": pool size must be positive, got " + poolSize);
    }
    this.poolSize = poolSize;
    this.stride = poolSize;
  }

  /** Stride of the window (Keras: defaults to the pool size). */
  public Pooling2D strides(int value) {
    if (value <= 0) {
      throw new VectorgradException(type() + ": strides must be positive, got " + value);
    }
    stride = value;
    return this;
  }

  /** Pools a channels-first batch. */
  abstract Tensor pool(Tensor channelsFirst, Window2d window);

  Window2d window() {
    return Window2d.of(poolSize, stride, 0, 1);
  }

  static int[] sizes(Config c) {
    int[] pool = c.integers("pool_size", 1);
    int[] strides = c.integers("strides", 1);
    if (pool.length != 2 || pool[0] != pool[1] || strides.length != 2 || strides[0] != strides[1]
        || !c.string("padding").equals("valid")) {
      throw new ShapeMismatchException("pooling: only square pool_size and strides with \"valid\" padding are supported");
    }
    return new int[] {pool[0], strides[0]};
  }

  @Override
  public JsonObject config() {
    return Config.of("pool_size", new int[] {poolSize, poolSize}, "strides", new int[] {stride, stride},
        "padding", "valid");
  }

  @Override
  protected Shape outputShape(Shape input) {
    requireRank(input, 3);
    Window2d w = window();
    w.check(describe(), input.dim(0), input.dim(1));
    return Shape.of(w.outputHeight(input.dim(0)), w.outputWidth(input.dim(1)), input.dim(2));
  }

  @Override
  protected Tensor call(Tensor input, @Nullable Module module) {
    return pool(input.permute(0, 3, 1, 2), window()).permute(0, 2, 3, 1);
  }
}
