package dev.vectorgrad.dsl.callbacks;

import dev.vectorgrad.dsl.Callback;
import dev.vectorgrad.layers.optim.Optimizer;
import dev.vectorgrad.tensor.VectorgradException;
import java.util.Map;

/**
 * Multiplies the learning rate by {@code factor} when the monitored value has not improved (by
 * more than {@code minDelta}) for {@code patience} epochs, as Keras' {@code ReduceLROnPlateau};
 * after a reduction, {@code cooldown} epochs pass before counting again, and the rate never goes
 * below {@code minLr}. Defaults: monitor {@code val_loss}, factor 0.1, patience 10, mode auto, min
 * delta 1e-4, cooldown 0, min lr 0. Like Keras 3 it logs the epoch's rate as {@code learning_rate}
 * (before any reduction at that epoch's end).
 */
public final class ReduceLROnPlateau extends Callback {
  private String monitorName = "val_loss";
  private double factor = 0.1;
  private int patience = 10;
  private Mode mode = Mode.AUTO;
  private double minDelta = 1e-4;
  private int cooldown;
  private double minLr;

  // Replaced at every train begin with the configured name and mode.
  private Monitor monitor = new Monitor(monitorName, mode, "ReduceLROnPlateau");
  private double best;
  private int wait;
  private int cooldownLeft;

  public ReduceLROnPlateau monitor(String name) {
    monitorName = name;
    return this;
  }

  /** What the rate is multiplied by, in [0, 1). */
  public ReduceLROnPlateau factor(double value) {
    if (!(value >= 0 && value < 1)) {
      throw new VectorgradException("ReduceLROnPlateau: factor must be in [0, 1), got " + value);
    }
    factor = value;
    return this;
  }

  /** Epochs without improvement before the rate is reduced. */
  public ReduceLROnPlateau patience(int epochs) {
    patience = epochs;
    return this;
  }

  public ReduceLROnPlateau mode(Mode value) {
    mode = value;
    return this;
  }

  /** The least change that counts as an improvement. */
  public ReduceLROnPlateau minDelta(double value) {
    minDelta = value;
    return this;
  }

  /** Epochs after a reduction during which plateaus are not counted. */
  public ReduceLROnPlateau cooldown(int epochs) {
    cooldown = epochs;
    return this;
  }

  /** The lowest learning rate a reduction sets. */
  public ReduceLROnPlateau minLr(double value) {
    minLr = value;
    return this;
  }

  @Override
  public void onTrainBegin(Map<String, Double> logs) {
    monitor = new Monitor(monitorName, mode, "ReduceLROnPlateau");
    best = monitor.worst();
    wait = 0;
    cooldownLeft = 0;
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    Optimizer optimizer = model().optimizer();
    logs.put("learning_rate", optimizer.lr());
    Double current = monitor.read(logs);
    if (current == null) {
      return;
    }
    if (cooldownLeft > 0) {
      cooldownLeft--;
      wait = 0;
    }
    if (monitor.improves(current, best, minDelta)) {
      best = current;
      wait = 0;
    } else if (cooldownLeft == 0 && ++wait >= patience && optimizer.lr() > minLr) {
      optimizer.setLr(Math.max(optimizer.lr() * factor, minLr));
      cooldownLeft = cooldown;
      wait = 0;
    }
  }
}
