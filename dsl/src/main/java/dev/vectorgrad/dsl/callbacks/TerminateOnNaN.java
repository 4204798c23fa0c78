package dev.vectorgrad.dsl.callbacks;

import dev.vectorgrad.dsl.Callback;
import java.util.Map;

/**
 * Stops training after the first batch whose loss is NaN or infinite, as Keras' {@code
 * TerminateOnNaN}, so a diverging run does not spend its remaining epochs on NaN weights. The
 * batch's epoch still ends (its callbacks run) before {@code fit} returns.
 */
public final class TerminateOnNaN extends Callback {
  @Override
  public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
    Double loss = logs.get("loss");
    if (loss != null && (loss.isNaN() || loss.isInfinite())) {
      System.err.println("Batch " + batch + ": Invalid loss, terminating training");
      model().stopTraining(true);
    }
  }
}
