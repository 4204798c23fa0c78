package dev.vectorgrad.dsl.callbacks;

import dev.vectorgrad.dsl.Callback;
import dev.vectorgrad.tensor.VectorgradException;
import java.util.Map;

/**
 * Sets the learning rate at each epoch's beginning from a schedule, as Keras' {@code
 * LearningRateScheduler}: {@code new LearningRateScheduler((epoch, lr) -> epoch < 10 ? lr : lr *
 * 0.9)}. Like Keras 3 it logs the epoch's rate as {@code learning_rate}.
 */
public final class LearningRateScheduler extends Callback {
  /** The learning rate for an epoch (from 0), given the current one. */
  @FunctionalInterface
  public interface Schedule {
    double learningRate(int epoch, double currentLr);
  }

  private final Schedule schedule;

  public LearningRateScheduler(Schedule schedule) {
    this.schedule = schedule;
  }

  @Override
  public void onEpochBegin(int epoch, Map<String, Double> logs) {
    double lr = schedule.learningRate(epoch, model().optimizer().lr());
    if (!(lr >= 0) || Double.isInfinite(lr)) {
      throw new VectorgradException("LearningRateScheduler: the schedule gave learning rate " + lr
          + " for epoch " + epoch + "; it must be finite and non-negative");
    }
    model().optimizer().setLr(lr);
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    logs.put("learning_rate", model().optimizer().lr());
  }
}
