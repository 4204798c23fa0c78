package dev.vectorgrad.dsl;

import com.google.gson.JsonObject;
import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.Module;
import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.ShapeMismatchException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/** Keras' {@code Reshape}: each sample takes {@code targetShape}; one size may be {@code -1} (inferred). */
public final class Reshape extends SingleInputLayer {
  private final int[] target;

  private Reshape(int[] target) {
    this.target = target.clone();
  }

  public static Reshape of(int... targetShape) {
    return new Reshape(targetShape);
  }

  static Reshape fromConfig(Config c) {
    return of(c.integers("target_shape", -1));
  }

  @Override
  public JsonObject config() {
    return Config.of("target_shape", target);
  }

  @Override
  protected Shape outputShape(Shape input) {
    int inferred = -1;
    long known = 1;
    int[] dims = target.clone();
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] == -1 && inferred < 0) {
        inferred = i;
      } else if (dims[i] <= 0) {
        throw new ShapeMismatchException(describe() + ": target sizes must be positive with at most one -1, got "
            + Arrays.toString(target));
      } else {
        known *= dims[i];
      }
    }
    if (inferred >= 0 && known > 0 && input.numel() % known == 0) {
      dims[inferred] = (int) (input.numel() / known);
    }
    if (inferred < 0 ? known != input.numel() : input.numel() % known != 0) {
      throw new ShapeMismatchException(describe() + ": cannot reshape " + Shapes.withBatch(input) + " ("
          + input.numel() + " values per sample) to " + Arrays.toString(target));
    }
    return Shape.of(dims);
  }

  @Override
  protected Tensor call(Tensor input, @Nullable Module module) {
    return input.reshape(Shapes.batched(input.size(0), outputShape(Shapes.sample(input.shape()))).toArray());
  }
}
