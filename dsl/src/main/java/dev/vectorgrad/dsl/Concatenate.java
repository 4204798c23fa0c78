package dev.vectorgrad.dsl;

import com.google.gson.JsonObject;
import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.Module;
import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.ShapeMismatchException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Keras' {@code Concatenate}: joins its inputs along {@code axis} (default -1, the last; no batch axis counted). */
public final class Concatenate extends Layer {
  private final int axis;

  private Concatenate(int axis) {
    this.axis = axis;
  }

  public static Concatenate of() {
    return new Concatenate(-1);
  }

  /** Joins along a per-sample axis; negative counts from the end. */
  public static Concatenate of(int axis) {
    return new Concatenate(axis);
  }

  static Concatenate fromConfig(Config c) {
    return of(c.integer("axis", -8));
  }

  @Override
  protected int arity() {
    return -1;
  }

  @Override
  public JsonObject config() {
    return Config.of("axis", axis);
  }

  private int resolved(int rank) {
    int a = axis < 0 ? axis + rank : axis;
    if (a < 0 || a >= rank) {
      throw new ShapeMismatchException(describe() + ": axis " + axis + " is outside samples of rank " + rank);
    }
    return a;
  }

  @Override
  protected Shape outputShape(List<Shape> inputs) {
    Shape first = inputs.get(0);
    int a = resolved(first.rank());
    int[] dims = first.toArray();
    dims[a] = 0;
    for (Shape s : inputs) {
      boolean fits = s.rank() == first.rank();
      for (int i = 0; fits && i < s.rank(); i++) {
        fits = i == a || s.dim(i) == first.dim(i);
      }
      if (!fits) {
        throw new ShapeMismatchException(describe() + ": inputs must match except on axis " + axis + ", got "
            + render(inputs));
      }
      dims[a] += s.dim(a);
    }
    return Shape.of(dims);
  }

  @Override
  protected Tensor call(List<Tensor> inputs, @Nullable Module module) {
    return Tensor.cat(inputs, resolved(inputs.get(0).rank() - 1) + 1);
  }
}
