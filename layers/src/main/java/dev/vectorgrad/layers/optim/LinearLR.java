package dev.vectorgrad.layers.optim;

/**
 * Linear warm-up: {@code lr = base * (start + (end - start) * min(step, total) / total)}, e.g.
 * {@code new LinearLR(opt, 0.1, 1.0, 5)} ramps from a tenth of the rate to the full rate in 5 steps.
 */
public class LinearLR extends LRScheduler {
  private final double startFactor;
  private final double endFactor;
  private final int totalSteps;

  public LinearLR(Optimizer optimizer, double startFactor, double endFactor, int totalSteps) {
    super(optimizer);
    this.startFactor = startFactor;
    this.endFactor = endFactor;
    this.totalSteps = totalSteps;
    optimizer.setLr(lrAt(0));
  }

  @Override
  protected double lrAt(int step) {
    if (totalSteps == 0) {
      return baseLr * endFactor;
    }
    return baseLr * (startFactor + (endFactor - startFactor) * Math.min(step, totalSteps) / totalSteps);
  }
}
