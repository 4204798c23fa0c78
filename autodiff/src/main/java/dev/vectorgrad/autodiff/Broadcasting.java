package dev.vectorgrad.autodiff;

import dev.vectorgrad.tensor.Shape;
import java.util.Arrays;

/** Reduces a gradient of a broadcast result back to the shape of the input that was broadcast. */
final class Broadcasting {
  private Broadcasting() {}

  /**
   * Sums {@code grad} over the leading dimensions the input lacked and over the dimensions where it
   * had size 1, then views it in {@code shape}.
   */
  static Tensor sumToShape(Tensor grad, Shape shape) {
    if (grad.shape().equals(shape)) {
      return grad;
    }
    int lead = grad.rank() - shape.rank();
    int[] axes = new int[grad.rank()];
    int n = 0;
    for (int i = 0; i < grad.rank(); i++) {
      if (i < lead || (shape.dim(i - lead) == 1 && grad.size(i) != 1)) {
        axes[n++] = i;
      }
    }
    Tensor summed = n == 0 ? grad : grad.sum(Arrays.copyOf(axes, n), true);
    return summed.reshape(shape.toArray());
  }
}
