package dev.vectorgrad.layers.optim;

/** {@code lr = etaMin + (base - etaMin) * (1 + cos(pi * step / tMax)) / 2} (the closed form). */
public class CosineAnnealingLR extends LRScheduler {
  private final int tMax;
  private final double etaMin;

  public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
    super(optimizer);
    this.tMax = tMax;
    this.etaMin = etaMin;
    optimizer.setLr(lrAt(0));
  }

  @Override
  protected double lrAt(int step) {
    if (tMax == 0) {
      return baseLr;
    }
    return etaMin + (baseLr - etaMin) * (1 + Math.cos(Math.PI * step / tMax)) / 2;
  }
}
