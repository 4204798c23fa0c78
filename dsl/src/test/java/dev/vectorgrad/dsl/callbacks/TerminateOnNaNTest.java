package dev.vectorgrad.dsl.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.dsl.Dense;
import dev.vectorgrad.dsl.History;
import dev.vectorgrad.dsl.Input;
import dev.vectorgrad.dsl.Losses;
import dev.vectorgrad.dsl.Optimizers;
import dev.vectorgrad.dsl.Sequential;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TerminateOnNaNTest {
  @Test
  void stopsAfterTheFirstNaNBatch() {
    List<String> batches = new ArrayList<>();
    int[] epoch = {0};
    LambdaCallback nanInEpochOneBatchOne = new LambdaCallback()
        .onEpochBegin((e, logs) -> epoch[0] = e)
        .onTrainBatchEnd((batch, logs) -> {
          batches.add(epoch[0] + "/" + batch);
          if (epoch[0] == 1 && batch == 1) {
            logs.put("loss", Double.NaN);
          }
        });
    History history = Tiny.model().fit(Tiny.inputs(), Tiny.labels(),
        Tiny.fit(4).callbacks(nanInEpochOneBatchOne, new TerminateOnNaN()));
    assertEquals(Arrays.asList("0/0", "0/1", "0/2", "1/0", "1/1"), batches);
    assertEquals(Arrays.asList(0, 1), history.epochs(), "the stopped epoch still ends");
  }

  @Test
  void stopsADivergingFit() {
    // Plain SGD at a huge rate on large inputs: each step multiplies the weights by about
    // lr * |x|^2 = 1e6 * 3e4, so float32 overflows within the first epoch's eight batches.
    Tensor.manualSeed(5);
    Tensor x = Tensor.randn(64, 3).times(100);
    Tensor y = Tensor.randn(64, 1);
    Sequential model = Sequential.of(Input.of(3), Dense.of(1));
    model.compile(Optimizers.sgd(1e6), Losses.MEAN_SQUARED_ERROR);
    List<Double> losses = new ArrayList<>();
    LambdaCallback record = new LambdaCallback().onTrainBatchEnd((batch, logs) -> losses.add(logs.get("loss")));
    model.fit(x, y, Tiny.fit(5).callbacks(record, new TerminateOnNaN()));
    assertTrue(losses.size() < 8, "stopped in the first epoch: " + losses);
    double last = losses.get(losses.size() - 1);
    assertTrue(Double.isNaN(last) || Double.isInfinite(last), "stopped on a bad loss: " + losses);
    for (double loss : losses.subList(0, losses.size() - 1)) {
      assertFalse(Double.isNaN(loss) || Double.isInfinite(loss), "not before the first bad one: " + losses);
    }
  }
}
