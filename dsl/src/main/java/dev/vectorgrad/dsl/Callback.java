package dev.vectorgrad.dsl;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Hooks into {@link Model#fit}, at Keras' points: training, epoch and batch begin and end. {@code
 * logs} hold the running loss and metrics (at batch end) or the epoch's results including {@code
 * val_} ones (at epoch end); callbacks may add entries. Epochs count from 0 as in Keras. The
 * implementations are in {@code dev.vectorgrad.dsl.callbacks}.
 */
public abstract class Callback {
  private @Nullable Model model;

  /** The model being trained (set before {@link #onTrainBegin}). */
  protected final Model model() {
    if (model == null) {
      throw new IllegalStateException(getClass().getSimpleName() + ": not attached to a model yet");
    }
    return model;
  }

  void attach(Model value) {
    model = value;
  }

  public void onTrainBegin(Map<String, Double> logs) {}

  public void onTrainEnd(Map<String, Double> logs) {}

  public void onEpochBegin(int epoch, Map<String, Double> logs) {}

  public void onEpochEnd(int epoch, Map<String, Double> logs) {}

  public void onTrainBatchBegin(int batch, Map<String, Double> logs) {}

  public void onTrainBatchEnd(int batch, Map<String, Double> logs) {}
}
