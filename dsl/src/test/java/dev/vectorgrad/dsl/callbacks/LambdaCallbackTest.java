package dev.vectorgrad.dsl.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LambdaCallbackTest {
  @Test
  void hooksRunInKerasOrder() {
    List<String> calls = new ArrayList<>();
    LambdaCallback recorder = new LambdaCallback()
        .onTrainBegin(logs -> calls.add("train begin"))
        .onEpochBegin((epoch, logs) -> calls.add("epoch " + epoch + " begin"))
        .onTrainBatchBegin((batch, logs) -> calls.add("batch " + batch + " begin"))
        .onTrainBatchEnd((batch, logs) -> calls.add("batch " + batch + " end " + logs.keySet()))
        .onEpochEnd((epoch, logs) -> calls.add("epoch " + epoch + " end " + logs.keySet()))
        .onTrainEnd(logs -> calls.add("train end"));
    Tiny.model().fit(Tiny.inputs(), Tiny.labels(), Tiny.fit(2).callbacks(recorder));
    List<String> expected = new ArrayList<>();
    expected.add("train begin");
    for (int epoch = 0; epoch < 2; epoch++) {
      expected.add("epoch " + epoch + " begin");
      for (int batch = 0; batch < Tiny.BATCHES_PER_EPOCH; batch++) {
        expected.add("batch " + batch + " begin");
        expected.add("batch " + batch + " end [loss, accuracy]");
      }
      expected.add("epoch " + epoch + " end [loss, accuracy]");
    }
    expected.add("train end");
    assertEquals(expected, calls);
  }

  @Test
  void unsetHooksDoNothing() {
    List<Integer> ends = new ArrayList<>();
    Tiny.model().fit(Tiny.inputs(), Tiny.labels(),
        Tiny.fit(3).callbacks(new LambdaCallback().onEpochEnd((epoch, logs) -> ends.add(epoch))));
    assertEquals(Arrays.asList(0, 1, 2), ends);
  }
}
