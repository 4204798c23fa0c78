package dev.vectorgrad.dsl;

import dev.vectorgrad.autodiff.Tensor;

/**
 * A streaming metric, as Keras reports them: {@link #update} with each batch, {@link #result} over
 * everything since {@link #reset}. {@link Metrics} has the Keras ones.
 */
public interface Metric {
  /** The name in logs and history, e.g. {@code accuracy}. */
  String name();

  void reset();

  /** Adds a batch (called without gradient recording). */
  void update(Tensor predictions, Tensor targets);

  double result();

  /** A new metric with the same settings and empty state (evaluation runs use their own copies). */
  Metric copy();
}
