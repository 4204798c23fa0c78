package dev.vectorgrad.layers;

import dev.vectorgrad.autodiff.Tensor;
import org.jspecify.annotations.Nullable;

/**
 * A fully connected layer: {@code y = x W^T + b}.
 *
 * <p>Shape: {@code [..., in] -> [..., out]}. {@code weight} is {@code [out, in]} and {@code bias}
 * {@code [out]}, both initialized as in PyTorch from U(-1/sqrt(in), 1/sqrt(in)).
 */
public class Linear extends Module {
  private final int inFeatures;
  private final int outFeatures;
  public final Tensor weight;
  public final @Nullable Tensor bias;

  public Linear(int inFeatures, int outFeatures) {
    this(inFeatures, outFeatures, true);
  }

  public Linear(int inFeatures, int outFeatures, boolean bias) {
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    double bound = 1.0 / Math.sqrt(inFeatures);
    this.weight = registerParameter("weight", Init.uniform(Tensor.zeros(outFeatures, inFeatures), -bound, bound));
    this.bias = bias ? registerParameter("bias", Init.uniform(Tensor.zeros(outFeatures), -bound, bound)) : null;
  }

  @Override
  public Tensor forward(Tensor input) {
    return F.linear(input, weight, bias);
  }

  @Override
  protected String extraRepr() {
    return "in=" + inFeatures + ", out=" + outFeatures + (bias == null ? ", bias=false" : "");
  }
}
