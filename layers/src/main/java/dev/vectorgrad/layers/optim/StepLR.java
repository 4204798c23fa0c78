package dev.vectorgrad.layers.optim;

import dev.vectorgrad.tensor.VectorgradException;

/** {@code lr = base * gamma^floor(step / stepSize)}. */
public class StepLR extends LRScheduler {
  private final int stepSize;
  private final double gamma;

  public StepLR(Optimizer optimizer, int stepSize, double gamma) {
    super(optimizer);
    if (stepSize <= 0) {
      throw new VectorgradException("StepLR: stepSize must be positive, got " + stepSize);
    }
    this.stepSize = stepSize;
    this.gamma = gamma;
    optimizer.setLr(lrAt(0));
  }

  @Override
  protected double lrAt(int step) {
    return baseLr * Math.pow(gamma, Math.floor((double) step / stepSize));
  }
}
