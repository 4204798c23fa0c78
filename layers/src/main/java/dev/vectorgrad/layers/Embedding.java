package dev.vectorgrad.layers;

import dev.vectorgrad.autodiff.Tensor;
import org.jspecify.annotations.Nullable;

/**
 * A lookup table of {@code num} vectors of size {@code dim}, initialized from N(0, 1).
 *
 * <p>Shape: integer {@code [...]} -> {@code [..., dim]}. With a padding index, that row starts at
 * zero and never receives a gradient, as in PyTorch.
 */
public class Embedding extends Module {
  private final int num;
  private final int dim;
  private final @Nullable Integer paddingIndex;
  public final Tensor weight;

  public Embedding(int num, int dim) {
    this(num, dim, null);
  }

  public Embedding(int num, int dim, @Nullable Integer paddingIndex) {
    this.num = num;
    this.dim = dim;
    this.paddingIndex = paddingIndex;
    Tensor w = Init.normal(Tensor.zeros(num, dim), 0, 1);
    if (paddingIndex != null) {
      w.get(paddingIndex).copyFrom(Tensor.zeros(dim));
    }
    this.weight = registerParameter("weight", w);
  }

  @Override
  public Tensor forward(Tensor indices) {
    Tensor looked = F.embedding(indices, weight);
    if (paddingIndex == null) {
      return looked;
    }
    // Padding positions read the row without recording it, so it gets no gradient.
    Tensor padding = indices.eq((double) paddingIndex).unsqueeze(-1);
    return Tensor.where(padding, looked.detach(), looked);
  }

  @Override
  protected String extraRepr() {
    return num + ", " + dim + (paddingIndex == null ? "" : ", paddingIndex=" + paddingIndex);
  }
}
