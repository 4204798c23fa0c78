package dev.vectorgrad.dsl;

import com.google.gson.JsonObject;
import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.LayerNorm;
import dev.vectorgrad.layers.Module;
import dev.vectorgrad.tensor.Shape;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Keras' {@code LayerNormalization} over the last axis, epsilon 1e-3, backed by a {@link LayerNorm}. */
public final class LayerNormalization extends SingleInputLayer {
  private double epsilon = 1e-3;

  public static LayerNormalization of() {
    return new LayerNormalization();
  }

  public LayerNormalization epsilon(double value) {
    epsilon = value;
    return this;
  }

  static LayerNormalization fromConfig(Config c) {
    return of().epsilon(c.number("epsilon", 0, 1));
  }

  @Override
  public JsonObject config() {
    return Config.of("axis", -1, "epsilon", epsilon);
  }

  @Override
  protected Shape outputShape(Shape input) {
    requireRank(input, 1, 2, 3, 4, 5, 6, 7);
    return input;
  }

  @Override
  protected Map<String, Shape> weightShapes(Shape input) {
    Shape last = Shape.of(input.dim(input.rank() - 1));
    return weights("weight", last, "bias", last);
  }

  @Override
  protected Module createModule(Shape input) {
    return new LayerNorm(Shape.of(input.dim(input.rank() - 1)), epsilon);
  }

  @Override
  protected Tensor call(Tensor input, @Nullable Module module) {
    return module.forward(input);
  }
}
