package dev.vectorgrad.dsl;

import com.google.gson.JsonObject;
import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.Conv2d;
import dev.vectorgrad.layers.Module;
import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.ShapeMismatchException;
import dev.vectorgrad.tensor.VectorgradException;
import dev.vectorgrad.tensor.Window2d;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A 2-D convolution on channels-last input {@code (None, H, W, C)}, Keras' {@code Conv2D}: square
 * kernel, Glorot-uniform weights, zero bias, {@code "valid"} padding unless {@code "same"} is asked
 * for. Backed by a {@link Conv2d}: the weight is stored {@code [filters, C / groups, k, k]} as in
 * PyTorch, and the layer moves channels to axis 1 and back around it (both moves are views).
 */
public final class Conv2D extends Convolution<Conv2D> {
  private int groups = 1;

  private Conv2D(int filters, int kernel) {
    super(filters, kernel);
  }

  public static Conv2D of(int filters, int kernel) {
    return new Conv2D(filters, kernel);
  }

  public static Conv2D of(int filters, int kernel, String activation) {
    return new Conv2D(filters, kernel).activation(activation);
  }

  public Conv2D groups(int value) {
    groups = value;
    return this;
  }

  static Conv2D fromConfig(Config c) {
    int[] size = c.integers("kernel_size", 1);
    if (size.length != 2 || size[0] != size[1]) {
      throw new VectorgradException("Conv2D: only square kernel_size is supported");
    }
    return of(c.integer("filters", 1), size[0]).groups(c.integer("groups", 1)).configure(c);
  }

  @Override
  public JsonObject config() {
    return Config.of("filters", filters, "kernel_size", new int[] {kernel, kernel}, "strides", stride,
        "padding", padding.kerasName(), "dilation_rate", dilation, "groups", groups,
        "activation", activation.kerasName(), "use_bias", useBias);
  }

  private Window2d window() {
    return Window2d.of(kernel, stride, pad(), dilation);
  }

  @Override
  protected Shape outputShape(Shape input) {
    requireRank(input, 3);
    int channels = input.dim(2);
    if (filters <= 0 || kernel <= 0 || stride <= 0 || dilation <= 0 || groups <= 0
        || channels % groups != 0 || filters % groups != 0) {
      throw new ShapeMismatchException(describe() + ": " + channels + " input channels and " + filters
          + " filters must be positive multiples of groups " + groups + " (kernel " + kernel + ", strides "
          + stride + ", dilation " + dilation + ")");
    }
    Window2d w = window();
    w.check(describe(), input.dim(0), input.dim(1));
    return Shape.of(w.outputHeight(input.dim(0)), w.outputWidth(input.dim(1)), filters);
  }

  @Override
  protected Map<String, Shape> weightShapes(Shape input) {
    return weightAndBias(Shape.of(filters, input.dim(2) / groups, kernel, kernel));
  }

  @Override
  protected Module createModule(Shape input) {
    Conv2d conv = new Conv2d(input.dim(2), filters, kernel, stride, pad(), dilation, groups, useBias);
    KerasInit.glorot(conv.weight, conv.bias);
    return conv;
  }

  @Override
  protected Tensor call(Tensor input, @Nullable Module module) {
    // The activation runs on the channels-first result, so a following pooling layer's permute
    // lands back on a contiguous layout.
    return activation.apply(module.forward(input.permute(0, 3, 1, 2))).permute(0, 2, 3, 1);
  }

  /**
   * This layer then {@code pool} as one op ({@code conv2dMaxPool2d}), the activation (relu or
   * linear, which commute with the pool) after the pool: {@link Graph} runs a convolution that only a
   * max pool reads this way.
   */
  Tensor callPooled(Tensor input, @Nullable Module module, MaxPooling2D pool) {
    Conv2d conv = (Conv2d) module;
    Tensor pooled = input.permute(0, 3, 1, 2).conv2dMaxPool2d(conv.weight, conv.bias, window(), groups, pool.window());
    return activation.apply(pooled).permute(0, 2, 3, 1);
  }
}
