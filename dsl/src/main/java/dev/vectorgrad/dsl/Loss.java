package dev.vectorgrad.dsl;

import dev.vectorgrad.autodiff.Tensor;

/**
 * A training objective: one loss value per sample, which {@link Model#fit} weights (class weights)
 * and averages over the batch, as Keras' {@code sum_over_batch_size} does. {@link Losses} has the
 * Keras ones; a lambda makes a custom one.
 */
public interface Loss {
  /** The Keras name (saved with the model), e.g. {@code sparse_categorical_crossentropy}. */
  String name();

  /** Per-sample losses, shape {@code [N]}, for predictions {@code [N, ...]} and targets. */
  Tensor perSample(Tensor predictions, Tensor targets);
}
