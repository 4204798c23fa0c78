package dev.vectorgrad.dsl;

import com.google.gson.JsonObject;
import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.Module;
import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.VectorgradException;
import org.jspecify.annotations.Nullable;

/**
 * Keras' {@code Dropout}: while training, zeroes each value with probability {@code rate} and scales
 * the rest by {@code 1 / (1 - rate)}; the identity in evaluation and prediction. Masks come from the
 * global seeded generator.
 */
public final class Dropout extends SingleInputLayer {
  private final double rate;

  private Dropout(double rate) {
    if (!(rate >= 0 && rate < 1)) {
      throw new VectorgradException("Dropout: rate must be in [0, 1), got " + rate);
    }
    this.rate = rate;
  }

  public static Dropout of(double rate) {
    return new Dropout(rate);
  }

  static Dropout fromConfig(Config c) {
    return of(c.number("rate", 0, 0.999999));
  }

  @Override
  public JsonObject config() {
    return Config.of("rate", rate);
  }

  @Override
  protected Shape outputShape(Shape input) {
    return input;
  }

  @Override
  protected Module createModule(Shape input) {
    return new dev.vectorgrad.layers.Dropout(rate);
  }

  @Override
  protected Tensor call(Tensor input, @Nullable Module module) {
    return module.forward(input);
  }
}
