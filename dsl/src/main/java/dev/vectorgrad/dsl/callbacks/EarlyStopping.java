package dev.vectorgrad.dsl.callbacks;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.dsl.Callback;
import dev.vectorgrad.tensor.VectorgradException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Stops training when a monitored value has stopped improving, as Keras' {@code EarlyStopping}: at
 * each epoch end the value counts as an improvement when it beats the best so far by more than
 * {@code minDelta}; after {@code patience} epochs without one, {@code fit} stops. Defaults:
 * monitor {@code val_loss}, min delta 0, patience 0, mode auto, no baseline, no restoring.
 *
 * <p>With {@link #restoreBestWeights}, a copy of the weights is kept from the best epoch and put
 * back when training ends. As in Keras 3 this happens at every train end, stopped early or not, so
 * the model always leaves {@code fit} with its best weights.
 */
public final class EarlyStopping extends Callback {
  private String monitorName = "val_loss";
  private double minDelta;
  private int patience;
  private Mode mode = Mode.AUTO;
  private @Nullable Double baseline;
  private boolean restoreBestWeights;
  private int startFromEpoch;

  // Replaced at every train begin with the configured name and mode.
  private Monitor monitor = new Monitor(monitorName, mode, "EarlyStopping");
  private double best;
  private int wait;
  private int bestEpoch;
  private int stoppedEpoch;
  private @Nullable Map<String, Tensor> bestWeights;

  /** The log value to watch, e.g. {@code "val_accuracy"}; default {@code "val_loss"}. */
  public EarlyStopping monitor(String name) {
    monitorName = name;
    return this;
  }

  /** The least change that counts as an improvement (its absolute value is used). */
  public EarlyStopping minDelta(double value) {
    minDelta = Math.abs(value);
    return this;
  }

  /** Epochs without improvement after which training stops. */
  public EarlyStopping patience(int epochs) {
    if (epochs < 0) {
      throw new VectorgradException("EarlyStopping: patience must be non-negative, got " + epochs);
    }
    patience = epochs;
    return this;
  }

  public EarlyStopping mode(Mode value) {
    mode = value;
    return this;
  }

  /** A value the model must beat: epochs that do not beat it never reset the patience count. */
  public EarlyStopping baseline(double value) {
    baseline = value;
    return this;
  }

  /** Puts the weights of the best epoch back when training ends. */
  public EarlyStopping restoreBestWeights(boolean value) {
    restoreBestWeights = value;
    return this;
  }

  /** Epochs of warm-up before the value is watched at all. */
  public EarlyStopping startFromEpoch(int epoch) {
    startFromEpoch = epoch;
    return this;
  }

  /** The epoch (from 0) at whose end training was stopped; 0 if it was not, as in Keras. */
  public int stoppedEpoch() {
    return stoppedEpoch;
  }

  /** The epoch (from 0) with the best monitored value. */
  public int bestEpoch() {
    return bestEpoch;
  }

  @Override
  public void onTrainBegin(Map<String, Double> logs) {
    monitor = new Monitor(monitorName, mode, "EarlyStopping");
    best = monitor.worst();
    wait = 0;
    bestEpoch = 0;
    stoppedEpoch = 0;
    bestWeights = null;
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    Double current = monitor.read(logs);
    if (current == null || epoch < startFromEpoch) {
      return;
    }
    if (restoreBestWeights && bestWeights == null) {
      // Until some epoch improves (impossible only for NaN values) the first watched one counts as best.
      bestWeights = copyOfWeights();
      bestEpoch = epoch;
    }
    wait++;
    if (monitor.improves(current, best, minDelta)) {
      best = current;
      bestEpoch = epoch;
      if (restoreBestWeights) {
        bestWeights = copyOfWeights();
      }
      if (baseline == null || monitor.improves(current, baseline, minDelta)) {
        wait = 0;
      }
      return;
    }
    // Keras never stops at epoch 0, whatever the patience.
    if (wait >= patience && epoch > 0) {
      stoppedEpoch = epoch;
      model().stopTraining(true);
    }
  }

  @Override
  public void onTrainEnd(Map<String, Double> logs) {
    if (restoreBestWeights && bestWeights != null) {
      model().loadStateDict(bestWeights, true);
    }
  }

  private Map<String, Tensor> copyOfWeights() {
    Map<String, Tensor> copy = new LinkedHashMap<>();
    model().stateDict().forEach((name, t) -> copy.put(name, Tensor.from(t.data().copy())));
    return copy;
  }
}
