package dev.vectorgrad.autodiff;

import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.ShapeMismatchException;
import org.jspecify.annotations.Nullable;

/** {@code matmul} and its derivative in every {@code torch.matmul} form, and the fused {@code linear}. */
final class LinearAlgebra {
  private LinearAlgebra() {}

  /**
   * For {@code C = A B}: {@code dA = dC B^T}, {@code dB = A^T dC}, after turning 1-D operands back
   * into a row or a column and summing over broadcast batch dimensions.
   */
  static Tensor matmul(Tensor a, Tensor b) {
    Shape aShape = a.shape();
    Shape bShape = b.shape();
    DType aType = a.dtype();
    DType bType = b.dtype();
    boolean wantA = a.requiresGrad();
    boolean wantB = b.requiresGrad();
    return Tensor.record(
        "matmul", a.data().matmul(b.data()), new Tensor[] {a, b}, new Tensor[] {a, b},
        (g, s) -> {
          Tensor left = aShape.rank() == 1 ? s[0].unsqueeze(0) : s[0];
          Tensor right = bShape.rank() == 1 ? s[1].unsqueeze(1) : s[1];
          Tensor grad = bShape.rank() == 1 ? g.unsqueeze(-1) : g;
          grad = aShape.rank() == 1 ? grad.unsqueeze(-2) : grad;
          Tensor gradA = null;
          Tensor gradB = null;
          boolean plain = aShape.rank() == 2 && bShape.rank() == 2; // no batch to sum, no 1-D to undo
          if (wantA) {
            gradA = plain ? product(s[0], grad, right.transpose(-1, -2), aType)
                : Broadcasting.sumToShape(grad.matmul(right.transpose(-1, -2)), left.shape())
                    .reshape(aShape.toArray()).cast(aType);
          }
          if (wantB) {
            gradB = plain ? product(s[1], left.transpose(-1, -2), grad, bType)
                : Broadcasting.sumToShape(left.transpose(-1, -2).matmul(grad), right.shape())
                    .reshape(bShape.toArray()).cast(bType);
          }
          return new Tensor[] {gradA, gradB};
        });
  }

  /**
   * {@code y = x W^T + b} as one node. Composed from {@code matmul(weight.t())} the weight's gradient
   * would arrive as a transposed view of {@code x^T dY}, which every later elementwise pass (the
   * optimizer's) reads with a stride; here it is computed as {@code dY^T x}, contiguous in the
   * weight's own {@code [out, in]} layout, with leading batch dimensions folded into the rows.
   */
  static Tensor linear(Tensor x, Tensor weight, @Nullable Tensor bias) {
    if (weight.rank() != 2 || x.rank() == 0) {
      throw new ShapeMismatchException(
          "linear: needs input [..., in] and weight [out, in], got " + x.shape() + " and " + weight.shape());
    }
    if (x.size(-1) != weight.size(1)) {
      throw new ShapeMismatchException(
          "linear: input " + x.shape() + " has " + x.size(-1) + " features, weight " + weight.shape()
              + " expects " + weight.size(1));
    }
    int out = weight.size(0);
    if (bias != null && (bias.rank() != 1 || bias.size(0) != out)) {
      throw new ShapeMismatchException(
          "linear: bias " + bias.shape() + " does not fit weight " + weight.shape() + " (bias [out])");
    }
    NdArray y = x.data().matmul(weight.data().t());
    if (bias != null) {
      y = y.plus(bias.data());
    }
    Tensor[] inputs = bias == null ? new Tensor[] {x, weight} : new Tensor[] {x, weight, bias};
    boolean wantX = x.requiresGrad();
    boolean wantWeight = weight.requiresGrad();
    DType xType = x.dtype();
    DType weightType = weight.dtype();
    return Tensor.record("linear", y, inputs, new Tensor[] {x, weight}, (g, s) -> {
      Tensor rows = g.reshape(-1, out);
      Tensor gradX = wantX ? g.matmul(s[1]).cast(xType) : null;
      Tensor gradWeight = wantWeight ? product(s[1], rows.t(), s[0].reshape(-1, s[0].size(-1)), weightType) : null;
      if (bias == null) {
        return new Tensor[] {gradX, gradWeight};
      }
      return new Tensor[] {gradX, gradWeight, rows.sum(new int[] {0}, false).cast(bias.dtype())};
    });
  }

  /** The gradient {@code a · b} of {@code target} in its dtype, or {@code null} once added into its buffer. */
  private static @Nullable Tensor product(Tensor target, Tensor a, Tensor b, DType type) {
    Tensor grad = Accumulation.product(target, a, b);
    return grad == null ? null : grad.cast(type);
  }
}
