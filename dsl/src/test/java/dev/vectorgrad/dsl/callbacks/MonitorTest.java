package dev.vectorgrad.dsl.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MonitorTest {
  private static boolean rises(String name, Mode mode) {
    return new Monitor(name, mode, "test").improves(2, 1, 0);
  }

  @Test
  void autoModeReadsTheDirectionFromTheName() {
    for (String up : new String[] {"accuracy", "val_accuracy", "sparse_categorical_accuracy", "auc", "val_precision", "recall"}) {
      assertTrue(rises(up, Mode.AUTO), up);
    }
    for (String down : new String[] {"loss", "val_loss", "mean_absolute_error", "val_mean_squared_error"}) {
      assertFalse(rises(down, Mode.AUTO), down);
    }
    assertTrue(rises("val_loss", Mode.MAX));
    assertFalse(rises("val_accuracy", Mode.MIN));
  }

  @Test
  void improvementsMustExceedMinDelta() {
    Monitor loss = new Monitor("loss", Mode.AUTO, "test");
    assertTrue(loss.improves(0.8, 1.0, 0.1));
    assertFalse(loss.improves(0.9, 1.0, 0.1));
    assertFalse(loss.improves(Double.NaN, 1.0, 0));
    assertTrue(loss.improves(5, loss.worst(), 0));
    Monitor accuracy = new Monitor("accuracy", Mode.AUTO, "test");
    assertEquals(Double.NEGATIVE_INFINITY, accuracy.worst());
    assertTrue(accuracy.improves(0.7, 0.5, 0.1));
    assertFalse(accuracy.improves(0.55, 0.5, 0.1));
  }
}
