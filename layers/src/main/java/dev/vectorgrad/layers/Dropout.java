package dev.vectorgrad.layers;

import dev.vectorgrad.autodiff.Tensor;

/** Zeroes elements with probability {@code p} in training, scaling the rest by {@code 1/(1-p)}. Shape: any -> same. */
public class Dropout extends Module {
  private final double p;

  public Dropout(double p) {
    F.dropout(Tensor.zeros(1), p, false); // validates p
    this.p = p;
  }

  @Override
  protected String extraRepr() {
    return "p=" + p;
  }

  @Override
  public Tensor forward(Tensor input) {
    return F.dropout(input, p, isTraining());
  }
}
