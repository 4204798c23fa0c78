package dev.vectorgrad.dsl;

import com.google.gson.JsonObject;
import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.Module;
import dev.vectorgrad.tensor.Shape;
import org.jspecify.annotations.Nullable;

/** Keras' {@code Activation} layer: applies an {@link ActivationFunction}. */
public final class Activation extends SingleInputLayer {
  private final ActivationFunction function;

  private Activation(ActivationFunction function) {
    this.function = function;
  }

  public static Activation of(ActivationFunction function) {
    return new Activation(function);
  }

  public static Activation of(String name) {
    return new Activation(ActivationFunction.of(name));
  }

  static Activation fromConfig(Config c) {
    return of(c.string("activation"));
  }

  @Override
  public JsonObject config() {
    return Config.of("activation", function.kerasName());
  }

  @Override
  protected Shape outputShape(Shape input) {
    return input;
  }

  @Override
  protected Tensor call(Tensor input, @Nullable Module module) {
    return function.apply(input);
  }
}
