package dev.vectorgrad.layers;

import dev.vectorgrad.autodiff.Tensor;

/** {@code x} where positive, {@code slope * x} elsewhere (default slope 0.01). Shape: any -> same. */
public class LeakyReLU extends Module {
  private final double slope;

  public LeakyReLU() {
    this(0.01);
  }

  public LeakyReLU(double slope) {
    this.slope = slope;
  }

  @Override
  protected String extraRepr() {
    return "slope=" + slope;
  }

  @Override
  public Tensor forward(Tensor input) {
    return F.leakyRelu(input, slope);
  }
}
