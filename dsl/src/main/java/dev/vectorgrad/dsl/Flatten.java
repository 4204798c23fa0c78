package dev.vectorgrad.dsl;

import com.google.gson.JsonObject;
import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.Module;
import dev.vectorgrad.tensor.Shape;
import org.jspecify.annotations.Nullable;

/** Keras' {@code Flatten}: each sample becomes a vector, in channels-last order. */
public final class Flatten extends SingleInputLayer {
  public static Flatten of() {
    return new Flatten();
  }

  static Flatten fromConfig(Config c) {
    return of();
  }

  @Override
  public JsonObject config() {
    return new JsonObject();
  }

  @Override
  protected Shape outputShape(Shape input) {
    return Shape.of(input.numel());
  }

  @Override
  protected Tensor call(Tensor input, @Nullable Module module) {
    return input.reshape(input.size(0), -1);
  }
}
