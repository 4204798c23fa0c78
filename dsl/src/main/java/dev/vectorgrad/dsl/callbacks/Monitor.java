package dev.vectorgrad.dsl.callbacks;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One monitored log value (e.g. {@code val_loss}) with its direction, shared by the callbacks that
 * compare epochs (Keras' {@code MonitorCallback}). Made afresh for each fit, so the warning about a
 * missing value is printed once per fit rather than every epoch.
 */
final class Monitor {
  private final String name;
  private final boolean higherIsBetter;
  private final String owner;
  private boolean warned;

  Monitor(String name, Mode mode, String owner) {
    this.name = name;
    this.higherIsBetter = mode == Mode.MAX || (mode == Mode.AUTO && risesWhenBetter(name));
    this.owner = owner;
  }

  private static boolean risesWhenBetter(String name) {
    return name.contains("acc") || name.contains("auc") || name.contains("precision") || name.contains("recall");
  }

  /** The starting "best": the worst possible value, so the first real value improves on it. */
  double worst() {
    return higherIsBetter ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
  }

  /** Whether {@code current} beats {@code reference} by more than {@code minDelta}; never for NaN. */
  boolean improves(double current, double reference, double minDelta) {
    return higherIsBetter ? current - minDelta > reference : current + minDelta < reference;
  }

  /** The monitored value, or null (with one warning on stderr per fit) when the logs lack it. */
  @Nullable Double read(Map<String, Double> logs) {
    Double value = logs.get(name);
    if (value == null && !warned) {
      warned = true;
      System.err.println("WARNING: " + owner + " monitors '" + name + "', which is not in the logs; available: "
          + String.join(",", logs.keySet()));
    }
    return value;
  }
}
