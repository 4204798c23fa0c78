package dev.vectorgrad.dsl.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vectorgrad.dsl.History;
import dev.vectorgrad.dsl.Sequential;
import dev.vectorgrad.tensor.VectorgradException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Learning-rate reductions on scripted plateaus. Adam starts at 0.01 and the factors are powers of
 * two, so every expected rate is exact. {@code learning_rate} in the history is the rate an epoch
 * trained with (logged before that epoch's reduction).
 */
class ReduceLROnPlateauTest {
  private static History run(Sequential model, ReduceLROnPlateau reduce, double... valLoss) {
    return model.fit(Tiny.inputs(), Tiny.labels(), Tiny.fit(valLoss.length).callbacks(Tiny.scripted("val_loss", valLoss), reduce));
  }

  @Test
  void reducesAfterPatienceEpochsOfChangesBelowMinDelta() {
    // Each epoch improves by 1e-5, under the default min delta of 1e-4: a plateau.
    Sequential model = Tiny.model();
    History history = run(model, new ReduceLROnPlateau().patience(2).factor(0.5), 1.0, 0.99999, 0.99998, 0.99997, 0.99996, 0.99995);
    assertEquals(Arrays.asList(0.01, 0.01, 0.01, 0.005, 0.005, 0.0025), history.get("learning_rate"));
    assertEquals(0.0025, model.optimizer().lr());
  }

  @Test
  void realImprovementsResetTheCount() {
    Sequential model = Tiny.model();
    History history = run(model, new ReduceLROnPlateau().patience(2).factor(0.5), 1.0, 1.0, 0.5, 0.5, 0.2, 0.2);
    assertEquals(Arrays.asList(0.01, 0.01, 0.01, 0.01, 0.01, 0.01), history.get("learning_rate"));
  }

  @Test
  void cooldownSkipsEpochsAfterAReduction() {
    Sequential model = Tiny.model();
    History history = run(model, new ReduceLROnPlateau().patience(1).factor(0.5).cooldown(2), 1, 1, 1, 1, 1, 1);
    assertEquals(Arrays.asList(0.01, 0.01, 0.005, 0.005, 0.0025, 0.0025), history.get("learning_rate"));
    assertEquals(0.00125, model.optimizer().lr());
  }

  @Test
  void neverGoesBelowMinLr() {
    Sequential model = Tiny.model();
    History history = run(model, new ReduceLROnPlateau().patience(1).minLr(0.004), 1, 1, 1, 1);
    assertEquals(Arrays.asList(0.01, 0.01, 0.004, 0.004), history.get("learning_rate"));
    assertEquals(0.004, model.optimizer().lr());
  }

  @Test
  void accuracyPlateausWhenItStopsRising() {
    Sequential model = Tiny.model();
    History history = model.fit(Tiny.inputs(), Tiny.labels(), Tiny.fit(4).callbacks(
        Tiny.scripted("val_accuracy", 0.5, 0.6, 0.7, 0.4),
        new ReduceLROnPlateau().monitor("val_accuracy").patience(1).factor(0.5)));
    assertEquals(0.005, model.optimizer().lr(), "only the last epoch's fall is a plateau: " + history);
  }

  @Test
  void factorMustShrink() {
    assertThrows(VectorgradException.class, () -> new ReduceLROnPlateau().factor(1.0));
  }
}
