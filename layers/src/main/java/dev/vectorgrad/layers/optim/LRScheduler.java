package dev.vectorgrad.layers.optim;

/**
 * Sets an optimizer's learning rate from a schedule of the step count. Call {@link #step()} once
 * per epoch (or per batch, for per-batch schedules such as {@link OneCycleLR}) after the
 * optimizer's step, as in PyTorch. Schedules are closed forms of the step count, so exporting the
 * count ({@link #stepCount()}) is enough to restore a scheduler. Subclass constructors end with
 * {@code optimizer.setLr(lrAt(0))}.
 */
public abstract class LRScheduler {
  protected final Optimizer optimizer;
  protected final double baseLr;
  private int count;

  protected LRScheduler(Optimizer optimizer) {
    this.optimizer = optimizer;
    this.baseLr = optimizer.lr();
  }

  /** The learning rate after {@code step} scheduler steps. */
  protected abstract double lrAt(int step);

  /** Advances the schedule and applies the new learning rate. */
  public void step() {
    count++;
    optimizer.setLr(lrAt(count));
  }

  public int stepCount() {
    return count;
  }

  /** Restores the schedule position (from a checkpoint) and applies its learning rate. */
  public void setStepCount(int steps) {
    count = steps;
    optimizer.setLr(lrAt(count));
  }

  /** The learning rate in effect. */
  public double lastLr() {
    return optimizer.lr();
  }
}
