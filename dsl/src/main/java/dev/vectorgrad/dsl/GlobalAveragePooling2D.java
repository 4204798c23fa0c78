package dev.vectorgrad.dsl;

import com.google.gson.JsonObject;
import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.Module;
import dev.vectorgrad.tensor.Shape;
import org.jspecify.annotations.Nullable;

/** Keras' {@code GlobalAveragePooling2D}: {@code (None, H, W, C) -> (None, C)}, or {@code (None, 1, 1, C)} with keepdims. */
public final class GlobalAveragePooling2D extends SingleInputLayer {
  private boolean keepDims;

  public static GlobalAveragePooling2D of() {
    return new GlobalAveragePooling2D();
  }

  public GlobalAveragePooling2D keepDims(boolean value) {
    keepDims = value;
    return this;
  }

  static GlobalAveragePooling2D fromConfig(Config c) {
    return of().keepDims(c.bool("keepdims"));
  }

  @Override
  public JsonObject config() {
    return Config.of("keepdims", keepDims);
  }

  @Override
  protected Shape outputShape(Shape input) {
    requireRank(input, 3);
    return keepDims ? Shape.of(1, 1, input.dim(2)) : Shape.of(input.dim(2));
  }

  @Override
  protected Tensor call(Tensor input, @Nullable Module module) {
    return input.mean(new int[] {1, 2}, keepDims);
  }
}
