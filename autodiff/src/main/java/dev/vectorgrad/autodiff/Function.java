package dev.vectorgrad.autodiff;

import dev.vectorgrad.tensor.ShapeMismatchException;
import dev.vectorgrad.tensor.VectorgradException;
import org.jspecify.annotations.Nullable;

/**
 * A user-defined differentiable op, like PyTorch's {@code autograd.Function}: {@link #forward} runs
 * without recording, {@link #backward} maps the output gradient to one gradient per input.
 *
 * <pre>{@code
 * class Cube extends Function {
 *   protected Tensor forward(FunctionContext ctx, Tensor... in) {
 *     ctx.saveForBackward(in[0]);
 *     return in[0].pow(3);
 *   }
 *   protected Tensor[] backward(FunctionContext ctx, Tensor grad) {
 *     Tensor x = ctx.savedTensors()[0];
 *     return new Tensor[] {grad.times(x.pow(2)).times(3f)};
 *   }
 * }
 * Tensor y = new Cube().apply(x);
 * }</pre>
 */
public abstract class Function {
  /** The forward computation; ops here record nothing. */
  protected abstract Tensor forward(FunctionContext ctx, Tensor... inputs);

  /** One gradient per input, each of that input's shape, or {@code null} where none is needed. */
  protected abstract @Nullable Tensor[] backward(FunctionContext ctx, Tensor gradOutput);

  /** The name the graph and error messages use; the class name by default. */
  protected String name() {
    return getClass().getSimpleName();
  }

  /** Runs forward and records this function as one node of the graph. */
  public final Tensor apply(Tensor... inputs) {
    FunctionContext ctx = new FunctionContext(inputs);
    Tensor out;
    try (Grad.Scope off = Grad.disabled()) {
      out = forward(ctx, inputs);
    }
    String name = name();
    return Tensor.record(name, out.data(), inputs.clone(), ctx.savedForNode(), (g, saved) -> {
      ctx.restoreSaved(saved);
      @Nullable Tensor[] grads = backward(ctx, g);
      if (grads.length != inputs.length) {
        throw new VectorgradException(
            name + ": backward returned " + grads.length + " gradients for " + inputs.length + " inputs");
      }
      for (int i = 0; i < grads.length; i++) {
        Tensor grad = grads[i];
        if (grad != null && !grad.shape().equals(inputs[i].shape())) {
          throw new ShapeMismatchException(
              name + ": backward returned a gradient of shape " + grad.shape() + " for input " + i
                  + " of shape " + inputs[i].shape());
        }
      }
      return grads;
    });
  }
}
