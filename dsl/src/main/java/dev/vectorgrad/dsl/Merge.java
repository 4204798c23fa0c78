package dev.vectorgrad.dsl;

import com.google.gson.JsonObject;
import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.Module;
import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.ShapeMismatchException;
import java.util.List;
import java.util.function.BinaryOperator;
import org.jspecify.annotations.Nullable;

/** An elementwise merge of two or more inputs of the same shape ({@link Add}, {@link Multiply}). */
public abstract class Merge extends Layer {
  private final BinaryOperator<Tensor> combine;

  Merge(BinaryOperator<Tensor> combine) {
    this.combine = combine;
  }

  @Override
  protected int arity() {
    return -1;
  }

  @Override
  public JsonObject config() {
    return new JsonObject();
  }

  @Override
  protected Shape outputShape(List<Shape> inputs) {
    for (Shape s : inputs) {
      if (!s.equals(inputs.get(0))) {
        throw new ShapeMismatchException(describe() + ": inputs must have the same shape, got " + render(inputs));
      }
    }
    return inputs.get(0);
  }

  @Override
  protected Tensor call(List<Tensor> inputs, @Nullable Module module) {
    Tensor out = inputs.get(0);
    for (int i = 1; i < inputs.size(); i++) {
      out = combine.apply(out, inputs.get(i));
    }
    return out;
  }
}
