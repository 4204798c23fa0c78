package dev.vectorgrad.layers.optim;

/** {@code lr = base * gamma^step}. */
public class ExponentialLR extends LRScheduler {
  private final double gamma;

  public ExponentialLR(Optimizer optimizer, double gamma) {
    super(optimizer);
    this.gamma = gamma;
    optimizer.setLr(lrAt(0));
  }

  @Override
  protected double lrAt(int step) {
    return baseLr * Math.pow(gamma, step);
  }
}
