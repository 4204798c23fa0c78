package dev.vectorgrad.autodiff;

import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.Shape;

/** {@code matmul} and its derivative in every {@code torch.matmul} form. */
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
          if (wantA) {
            gradA = Broadcasting.sumToShape(grad.matmul(right.transpose(-1, -2)), left.shape())
                .reshape(aShape.toArray()).cast(aType);
          }
          if (wantB) {
            gradB = Broadcasting.sumToShape(left.transpose(-1, -2).matmul(grad), right.shape())
                .reshape(bShape.toArray()).cast(bType);
          }
          return new Tensor[] {gradA, gradB};
        });
  }
}
