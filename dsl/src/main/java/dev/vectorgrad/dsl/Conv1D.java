package dev.vectorgrad.dsl;

import com.google.gson.JsonObject;
import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.Conv1d;
import dev.vectorgrad.layers.Module;
import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.ShapeMismatchException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A 1-D convolution on channels-last sequences {@code (None, L, C)}, Keras' {@code Conv1D}, backed
 * by a {@link Conv1d} (weight {@code [filters, C, k]} as in PyTorch); defaults as {@link Conv2D}.
 */
public final class Conv1D extends Convolution<Conv1D> {
  private Conv1D(int filters, int kernel) {
    super(filters, kernel);
  }

  public static Conv1D of(int filters, int kernel) {
    return new Conv1D(filters, kernel);
  }

  public static Conv1D of(int filters, int kernel, String activation) {
    return new Conv1D(filters, kernel).activation(activation);
  }

  static Conv1D fromConfig(Config c) {
    int[] size = c.integers("kernel_size", 1);
    if (size.length != 1) {
      throw new ShapeMismatchException("Conv1D: kernel_size needs one size, got " + size.length);
    }
    return of(c.integer("filters", 1), size[0]).configure(c);
  }

  @Override
  public JsonObject config() {
    return Config.of("filters", filters, "kernel_size", new int[] {kernel}, "strides", stride,
        "padding", padding.kerasName(), "dilation_rate", dilation, "activation", activation.kerasName(),
        "use_bias", useBias);
  }

  @Override
  protected Shape outputShape(Shape input) {
    requireRank(input, 2);
    if (filters <= 0 || kernel <= 0 || stride <= 0 || dilation <= 0) {
      throw new ShapeMismatchException(describe() + ": filters " + filters + ", kernel " + kernel + ", strides "
          + stride + " and dilation " + dilation + " must be positive");
    }
    int span = input.dim(0) + 2 * pad() - dilation * (kernel - 1) - 1;
    if (span < 0) {
      throw new ShapeMismatchException(describe() + ": input " + Shapes.withBatch(input) + " is shorter than the kernel");
    }
    return Shape.of(span / stride + 1, filters);
  }

  @Override
  protected Map<String, Shape> weightShapes(Shape input) {
    return weightAndBias(Shape.of(filters, input.dim(1), kernel));
  }

  @Override
  protected Module createModule(Shape input) {
    Conv1d conv = new Conv1d(input.dim(1), filters, kernel, stride, pad(), dilation, 1, useBias);
    KerasInit.glorot(conv.weight, conv.bias);
    return conv;
  }

  @Override
  protected Tensor call(Tensor input, @Nullable Module module) {
    return activation.apply(module.forward(input.permute(0, 2, 1))).permute(0, 2, 1);
  }
}
