package dev.vectorgrad.layers;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.ShapeMismatchException;

/**
 * Normalizes over the last dimensions given by {@code normalizedShape}, with a learned scale (ones)
 * and shift (zeros). Shape: {@code [..., *normalizedShape] -> same}.
 */
public class LayerNorm extends Module {
  private final Shape normalizedShape;
  private final double eps;
  public final Tensor weight;
  public final Tensor bias;

  public LayerNorm(int... normalizedShape) {
    this(Shape.of(normalizedShape), 1e-5);
  }

  public LayerNorm(Shape normalizedShape, double eps) {
    this.normalizedShape = normalizedShape;
    this.eps = eps;
    this.weight = registerParameter("weight", Tensor.ones(normalizedShape.toArray()));
    this.bias = registerParameter("bias", Tensor.zeros(normalizedShape.toArray()));
  }

  @Override
  public Tensor forward(Tensor input) {
    int n = normalizedShape.rank();
    for (int i = 0; i < n; i++) {
      if (input.rank() < n || input.size(input.rank() - n + i) != normalizedShape.dim(i)) {
        throw new ShapeMismatchException(
            "LayerNorm: input " + input.shape() + " does not end with " + normalizedShape);
      }
    }
    return F.layerNorm(input, n, weight, bias, eps);
  }

  @Override
  protected String extraRepr() {
    return normalizedShape + ", eps=" + eps;
  }
}
