package dev.vectorgrad.dsl.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vectorgrad.dsl.History;
import dev.vectorgrad.dsl.Sequential;
import dev.vectorgrad.tensor.VectorgradException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LearningRateSchedulerTest {
  @Test
  void setsTheRateBeforeEachEpochsFirstBatch() {
    Sequential model = Tiny.model();
    List<Double> seenByBatches = new ArrayList<>();
    LambdaCallback spy = new LambdaCallback().onTrainBatchBegin((batch, logs) -> seenByBatches.add(model.optimizer().lr()));
    History history = model.fit(Tiny.inputs(), Tiny.labels(), Tiny.fit(4).callbacks(
        new LearningRateScheduler((epoch, lr) -> epoch < 2 ? lr : lr * 0.5), spy));
    assertEquals(Arrays.asList(0.01, 0.01, 0.005, 0.0025), history.get("learning_rate"));
    assertEquals(Arrays.asList(0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.005, 0.005, 0.005, 0.0025, 0.0025, 0.0025),
        seenByBatches);
  }

  @Test
  void rejectsANegativeRate() {
    VectorgradException e = assertThrows(VectorgradException.class, () -> Tiny.model().fit(Tiny.inputs(), Tiny.labels(),
        Tiny.fit(3).callbacks(new LearningRateScheduler((epoch, lr) -> epoch == 1 ? -0.1 : lr))));
    assertEquals("LearningRateScheduler: the schedule gave learning rate -0.1 for epoch 1; it must be finite and"
        + " non-negative", e.getMessage());
  }
}
