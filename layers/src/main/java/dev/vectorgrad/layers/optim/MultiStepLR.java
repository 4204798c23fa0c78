package dev.vectorgrad.layers.optim;

import java.util.Arrays;

/** {@code lr = base * gamma^(number of milestones <= step)}. */
public class MultiStepLR extends LRScheduler {
  private final int[] milestones;
  private final double gamma;

  public MultiStepLR(Optimizer optimizer, int[] milestones, double gamma) {
    super(optimizer);
    this.milestones = milestones.clone();
    Arrays.sort(this.milestones);
    this.gamma = gamma;
    optimizer.setLr(lrAt(0));
  }

  @Override
  protected double lrAt(int step) {
    int passed = 0;
    for (int m : milestones) {
      passed += m <= step ? 1 : 0;
    }
    return baseLr * Math.pow(gamma, passed);
  }
}
