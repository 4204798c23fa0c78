package dev.vectorgrad.layers.optim;

import dev.vectorgrad.tensor.VectorgradException;

/**
 * The 1cycle policy (Smith), per batch, with cosine annealing as PyTorch's default: from {@code
 * maxLr / divFactor} up to {@code maxLr} over the first {@code pctStart} of {@code totalSteps}, then
 * down to {@code maxLr / divFactor / finalDivFactor}. Momentum cycling is not applied.
 */
public class OneCycleLR extends LRScheduler {
  private final double maxLr;
  private final int totalSteps;
  private final double pctStart;
  private final double divFactor;
  private final double finalDivFactor;

  public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps) {
    this(optimizer, maxLr, totalSteps, 0.3, 25, 1e4);
  }

  public OneCycleLR(
      Optimizer optimizer, double maxLr, int totalSteps, double pctStart, double divFactor, double finalDivFactor) {
    super(optimizer);
    this.maxLr = maxLr;
    this.totalSteps = totalSteps;
    this.pctStart = pctStart;
    this.divFactor = divFactor;
    this.finalDivFactor = finalDivFactor;
    optimizer.setLr(lrAt(0));
  }

  private static double cosine(double start, double end, double pct) {
    return end + (start - end) / 2 * (Math.cos(Math.PI * pct) + 1);
  }

  @Override
  protected double lrAt(int step) {
    if (step >= totalSteps) {
      throw new VectorgradException(
          "OneCycleLR: stepped " + step + " times, past totalSteps " + totalSteps);
    }
    double initial = maxLr / divFactor;
    double last = initial / finalDivFactor;
    double warmEnd = pctStart * totalSteps - 1;
    if (step <= warmEnd) {
      return cosine(initial, maxLr, step / warmEnd);
    }
    return cosine(maxLr, last, (step - warmEnd) / (totalSteps - 1 - warmEnd));
  }
}
