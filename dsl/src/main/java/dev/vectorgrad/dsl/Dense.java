package dev.vectorgrad.dsl;

import com.google.gson.JsonObject;
import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.Linear;
import dev.vectorgrad.layers.Module;
import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.VectorgradException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A fully connected layer on the last axis, {@code activation(x W^T + b)}, Keras' {@code Dense}:
 * Glorot-uniform weights, zero bias, no activation unless given. Backed by a {@link Linear}, so the
 * weight is stored {@code [units, in]} as in PyTorch.
 */
public final class Dense extends SingleInputLayer {
  private final int units;
  private ActivationFunction activation = ActivationFunction.LINEAR;
  private boolean useBias = true;

  private Dense(int units) {
    if (units <= 0) {
      throw new VectorgradException("Dense: units must be positive, got " + units);
    }
    this.units = units;
  }

  public static Dense of(int units) {
    return new Dense(units);
  }

  public static Dense of(int units, String activation) {
    return new Dense(units).activation(ActivationFunction.of(activation));
  }

  public Dense activation(ActivationFunction value) {
    activation = value;
    return this;
  }

  public Dense activation(String value) {
    return activation(ActivationFunction.of(value));
  }

  public Dense useBias(boolean value) {
    useBias = value;
    return this;
  }

  static Dense fromConfig(Config c) {
    return of(c.integer("units", 1)).activation(c.string("activation")).useBias(c.bool("use_bias"));
  }

  @Override
  public JsonObject config() {
    return Config.of("units", units, "activation", activation.kerasName(), "use_bias", useBias);
  }

  @Override
  protected Shape outputShape(Shape input) {
    requireRank(input, 1, 2, 3, 4, 5, 6, 7);
    int[] dims = input.toArray();
    dims[dims.length - 1] = units;
    return Shape.of(dims);
  }

  @Override
  protected Map<String, Shape> weightShapes(Shape input) {
    Shape weight = Shape.of(units, input.dim(input.rank() - 1));
    return useBias ? weights("weight", weight, "bias", Shape.of(units)) : weights("weight", weight);
  }

  @Override
  protected Module createModule(Shape input) {
    Linear linear = new Linear(input.dim(input.rank() - 1), units, useBias);
    KerasInit.glorot(linear.weight, linear.bias);
    return linear;
  }

  @Override
  protected Tensor call(Tensor input, @Nullable Module module) {
    return activation.apply(module.forward(input));
  }
}
