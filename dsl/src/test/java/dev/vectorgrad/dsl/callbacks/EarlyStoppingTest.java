package dev.vectorgrad.dsl.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.dsl.History;
import dev.vectorgrad.dsl.Sequential;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Early stopping on scripted metric sequences: the exact epoch it stops at, and the weights it restores. */
class EarlyStoppingTest {
  /** Fits 10 epochs with {@code val_loss} (or {@code name}) scripted; returns the epochs that ran. */
  private static History run(EarlyStopping stopping, String name, double... values) {
    Sequential model = Tiny.model();
    return model.fit(Tiny.inputs(), Tiny.labels(), Tiny.fit(values.length).callbacks(Tiny.scripted(name, values), stopping));
  }

  @Test
  void stopsWhenPatienceRunsOut() {
    EarlyStopping stopping = new EarlyStopping().patience(2);
    History history = run(stopping, "val_loss", 1.0, 0.8, 0.9, 0.85, 0.7, 0.6, 0.5);
    assertEquals(Arrays.asList(0, 1, 2, 3), history.epochs());
    assertEquals(3, stopping.stoppedEpoch());
    assertEquals(1, stopping.bestEpoch());
  }

  @Test
  void changesSmallerThanMinDeltaAreNoImprovement() {
    double[] values = {1.0, 0.95, 0.92, 0.5, 0.4, 0.3};
    assertEquals(2, run(new EarlyStopping().patience(2).minDelta(0.1), "val_loss", values).epochs().size() - 1);
    assertEquals(values.length, run(new EarlyStopping().patience(2), "val_loss", values).epochs().size());
  }

  @Test
  void accuracyIsMaximizedInAutoMode() {
    double[] values = {0.5, 0.6, 0.55, 0.58, 0.7, 0.8};
    EarlyStopping auto = new EarlyStopping().monitor("val_accuracy").patience(2);
    run(auto, "val_accuracy", values);
    assertEquals(3, auto.stoppedEpoch());
    EarlyStopping min = new EarlyStopping().monitor("val_accuracy").patience(2).mode(Mode.MIN);
    run(min, "val_accuracy", values);
    assertEquals(2, min.stoppedEpoch());
  }

  @Test
  void improvementsThatMissTheBaselineDoNotResetPatience() {
    double[] values = {0.9, 0.8, 0.8, 0.8, 0.8};
    EarlyStopping withBaseline = new EarlyStopping().patience(2).baseline(0.5);
    run(withBaseline, "val_loss", values);
    assertEquals(2, withBaseline.stoppedEpoch());
    EarlyStopping without = new EarlyStopping().patience(2);
    run(without, "val_loss", values);
    assertEquals(3, without.stoppedEpoch());
  }

  @Test
  void warmUpEpochsAreNotWatched() {
    double[] values = {5, 5, 5, 5, 5, 5};
    EarlyStopping warm = new EarlyStopping().startFromEpoch(2);
    run(warm, "val_loss", values);
    assertEquals(3, warm.stoppedEpoch());
    EarlyStopping cold = new EarlyStopping();
    run(cold, "val_loss", values);
    assertEquals(1, cold.stoppedEpoch(), "Keras never stops at epoch 0, even with patience 0");
  }

  @Test
  void restoresTheWeightsOfTheBestEpoch() {
    Map<Integer, Map<String, float[]>> byEpoch = new HashMap<>();
    Sequential model = Tiny.model();
    LambdaCallback snapshots = new LambdaCallback().onEpochEnd((epoch, logs) -> byEpoch.put(epoch, Tiny.weights(model)));
    EarlyStopping stopping = new EarlyStopping().patience(2).restoreBestWeights(true);
    History history = model.fit(Tiny.inputs(), Tiny.labels(), Tiny.fit(8)
        .callbacks(Tiny.scripted("val_loss", 1.0, 0.5, 0.7, 0.9, 0.1, 0.1, 0.1, 0.1), stopping, snapshots));
    assertEquals(Arrays.asList(0, 1, 2, 3), history.epochs());
    Map<String, float[]> restored = Tiny.weights(model);
    Tiny.assertSameWeights(byEpoch.get(1), restored);
    assertFalse(Tiny.sameWeights(byEpoch.get(3), restored), "training went on after the best epoch");
  }

  @Test
  void aMissingValueWarnsOnceAndNeverStops() {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true));
    try {
      EarlyStopping stopping = new EarlyStopping().monitor("val_loss");
      History history = Tiny.model().fit(Tiny.inputs(), Tiny.labels(), Tiny.fit(4).callbacks(stopping));
      assertEquals(4, history.epochs().size());
      assertEquals(0, stopping.stoppedEpoch());
    } finally {
      System.setErr(err);
    }
    String warning = new String(captured.toByteArray(), StandardCharsets.UTF_8);
    assertTrue(warning.contains("EarlyStopping monitors 'val_loss', which is not in the logs; available: loss,accuracy"),
        warning);
    assertEquals(warning.indexOf("WARNING"), warning.lastIndexOf("WARNING"), "warned once: " + warning);
  }
}
