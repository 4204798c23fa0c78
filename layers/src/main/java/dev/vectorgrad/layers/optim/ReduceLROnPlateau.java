package dev.vectorgrad.layers.optim;

import dev.vectorgrad.tensor.VectorgradException;

/**
 * Multiplies the learning rate by {@code factor} when a metric has not improved (relative
 * threshold {@code 1e-4}, PyTorch's default mode) for more than {@code patience} calls of {@link
 * #step(double)}, then waits {@code cooldown} calls; never goes below {@code minLr}.
 */
public class ReduceLROnPlateau {
  private final Optimizer optimizer;
  private final boolean minimize;
  private final double factor;
  private final int patience;
  private final double threshold;
  private final int cooldown;
  private final double minLr;
  private double best;
  private int badSteps;
  private int cooldownLeft;

  /** Minimizes the metric; factor 0.1, patience 10, threshold 1e-4, no cooldown, no floor. */
  public ReduceLROnPlateau(Optimizer optimizer) {
    this(optimizer, true, 0.1, 10, 1e-4, 0, 0);
  }

  public ReduceLROnPlateau(
      Optimizer optimizer, boolean minimize, double factor, int patience, double threshold, int cooldown,
      double minLr) {
    if (factor >= 1) {
      throw new VectorgradException("ReduceLROnPlateau: factor must be < 1, got " + factor);
    }
    this.optimizer = optimizer;
    this.minimize = minimize;
    this.factor = factor;
    this.patience = patience;
    this.threshold = threshold;
    this.cooldown = cooldown;
    this.minLr = minLr;
    this.best = minimize ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
  }

  private boolean improves(double metric) {
    return minimize ? metric < best * (1 - threshold) : metric > best * (1 + threshold);
  }

  /** Feeds the latest value of the monitored metric. */
  public void step(double metric) {
    if (improves(metric)) {
      best = metric;
      badSteps = 0;
    } else {
      badSteps++;
    }
    if (cooldownLeft > 0) {
      cooldownLeft--;
      badSteps = 0;
    }
    if (badSteps > patience) {
      optimizer.setLr(Math.max(optimizer.lr() * factor, minLr));
      cooldownLeft = cooldown;
      badSteps = 0;
    }
  }

  public double lastLr() {
    return optimizer.lr();
  }
}
