package dev.vectorgrad.dsl;

import com.google.gson.JsonObject;
import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.Init;
import dev.vectorgrad.layers.Module;
import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.VectorgradException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Keras' {@code Embedding}: integer indices {@code (None, ...)} to vectors {@code (None, ...,
 * outputDim)}, initialized from U(-0.05, 0.05) as in Keras.
 */
public final class Embedding extends SingleInputLayer {
  private final int inputDim;
  private final int outputDim;

  private Embedding(int inputDim, int outputDim) {
    if (inputDim <= 0 || outputDim <= 0) {
      throw new VectorgradException("Embedding: sizes must be positive, got " + inputDim + " x " + outputDim);
    }
    this.inputDim = inputDim;
    this.outputDim = outputDim;
  }

  public static Embedding of(int inputDim, int outputDim) {
    return new Embedding(inputDim, outputDim);
  }

  static Embedding fromConfig(Config c) {
    return of(c.integer("input_dim", 1), c.integer("output_dim", 1));
  }

  @Override
  public JsonObject config() {
    return Config.of("input_dim", inputDim, "output_dim", outputDim);
  }

  @Override
  protected Shape outputShape(Shape input) {
    requireRank(input, 0, 1, 2, 3, 4, 5, 6);
    return Shapes.append(input, outputDim);
  }

  @Override
  protected Map<String, Shape> weightShapes(Shape input) {
    return weights("weight", Shape.of(inputDim, outputDim));
  }

  @Override
  protected Module createModule(Shape input) {
    dev.vectorgrad.layers.Embedding table = new dev.vectorgrad.layers.Embedding(inputDim, outputDim);
    Init.uniform(table.weight, -0.05, 0.05);
    return table;
  }

  @Override
  protected Tensor call(Tensor input, @Nullable Module module) {
    return module.forward(input);
  }
}
