package dev.vectorgrad.dsl;

import com.google.gson.JsonObject;
import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.BatchNorm1d;
import dev.vectorgrad.layers.BatchNorm2d;
import dev.vectorgrad.layers.Module;
import dev.vectorgrad.tensor.Shape;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Keras' {@code BatchNormalization} over the last (channels) axis, with Keras' defaults: momentum
 * 0.99 (PyTorch's momentum 0.01) and epsilon 1e-3. Backed by {@link BatchNorm1d} or {@link
 * BatchNorm2d}, so the state dict has {@code weight}, {@code bias}, {@code running_mean} and {@code
 * running_var}; the running statistics are non-trainable.
 */
public final class BatchNormalization extends SingleInputLayer {
  private double momentum = 0.99;
  private double epsilon = 1e-3;

  public static BatchNormalization of() {
    return new BatchNormalization();
  }

  public BatchNormalization momentum(double value) {
    momentum = value;
    return this;
  }

  public BatchNormalization epsilon(double value) {
    epsilon = value;
    return this;
  }

  static BatchNormalization fromConfig(Config c) {
    return of().momentum(c.number("momentum", 0, 1)).epsilon(c.number("epsilon", 0, 1));
  }

  @Override
  public JsonObject config() {
    return Config.of("axis", -1, "momentum", momentum, "epsilon", epsilon);
  }

  @Override
  protected Shape outputShape(Shape input) {
    requireRank(input, 1, 2, 3);
    return input;
  }

  @Override
  protected Map<String, Shape> weightShapes(Shape input) {
    Shape channels = Shape.of(input.dim(input.rank() - 1));
    return weights("weight", channels, "bias", channels, "running_mean", channels, "running_var", channels);
  }

  @Override
  protected Module createModule(Shape input) {
    int channels = input.dim(input.rank() - 1);
    return input.rank() == 3
        ? new BatchNorm2d(channels, epsilon, 1 - momentum)
        : new BatchNorm1d(channels, epsilon, 1 - momentum);
  }

  @Override
  protected Tensor call(Tensor input, @Nullable Module module) {
    switch (input.rank()) {
      case 2: return module.forward(input);
      case 3: return module.forward(input.permute(0, 2, 1)).permute(0, 2, 1);
      default: return module.forward(input.permute(0, 3, 1, 2)).permute(0, 2, 3, 1);
    }
  }
}
