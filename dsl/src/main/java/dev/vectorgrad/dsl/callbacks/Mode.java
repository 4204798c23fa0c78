package dev.vectorgrad.dsl.callbacks;

/** Whether a monitored value improves by falling or rising, Keras' {@code mode}. */
public enum Mode {
  /**
   * From the name: rising for accuracies, AUC, precision and recall (names containing {@code acc},
   * {@code auc}, {@code precision} or {@code recall}), falling for everything else (losses, errors).
   */
  AUTO,
  /** Lower is better. */
  MIN,
  /** Higher is better. */
  MAX
}
