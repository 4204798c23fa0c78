package dev.vectorgrad.dsl.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.dsl.Callback;
import dev.vectorgrad.dsl.Fit;
import dev.vectorgrad.dsl.History;
import dev.vectorgrad.dsl.Sequential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resume promise: a fit that crashes midway and is run again with the same backup directory
 * ends with weights bit-identical to a fit that never crashed. The model has Dropout and the data
 * is shuffled, so the random generator's state, the optimizer's state and the epoch's data order
 * all have to come back.
 */
class BackupAndRestoreTest {
  private static final int EPOCHS = 5;

  private static Fit options(Callback... callbacks) {
    return Tiny.fit(EPOCHS).shuffle(true).seed(3).callbacks(callbacks);
  }

  /** Throws in the middle of epoch {@code crashEpoch}, after its first batch. */
  private static LambdaCallback crashIn(int crashEpoch) {
    int[] epoch = {0};
    return new LambdaCallback()
        .onEpochBegin((e, logs) -> epoch[0] = e)
        .onTrainBatchEnd((batch, logs) -> {
          if (epoch[0] == crashEpoch && batch == 1) {
            throw new IllegalStateException("simulated crash");
          }
        });
  }

  @Test
  void aCrashedFitResumesToBitIdenticalWeights(@TempDir Path dir) {
    Sequential uninterrupted = Tiny.model();
    uninterrupted.fit(Tiny.inputs(), Tiny.labels(), options(new BackupAndRestore(dir.resolve("a"))));
    Map<String, float[]> expected = Tiny.weights(uninterrupted);

    BackupAndRestore backup = new BackupAndRestore(dir.resolve("b"));
    Sequential crashed = Tiny.model();
    assertThrows(IllegalStateException.class,
        () -> crashed.fit(Tiny.inputs(), Tiny.labels(), options(backup, crashIn(2))));
    assertTrue(Files.exists(backup.checkpoint()), "the checkpoint of epoch 1 outlives the crash");

    // A new process: the model is built again and the global generator is somewhere else entirely.
    Sequential rerun = Tiny.model();
    Tensor x = Tiny.inputs();
    Tensor y = Tiny.labels();
    Tensor.manualSeed(12345);
    History resumed = rerun.fit(x, y, options(backup));

    assertEquals(Arrays.asList(2, 3, 4), resumed.epochs());
    Tiny.assertSameWeights(expected, Tiny.weights(rerun));
    assertFalse(Files.exists(backup.checkpoint()), "a fit that ends normally deletes its checkpoint");
  }

  @Test
  void theRandomGeneratorsStateMatters(@TempDir Path dir) {
    // The control for the test above: a resume that loses the generator's state (reseeded right
    // after the restore) ends elsewhere, so bit-identity there really checks that it came back.
    Sequential uninterrupted = Tiny.model();
    uninterrupted.fit(Tiny.inputs(), Tiny.labels(), options(new BackupAndRestore(dir.resolve("a"))));
    BackupAndRestore backup = new BackupAndRestore(dir.resolve("b"));
    assertThrows(IllegalStateException.class,
        () -> Tiny.model().fit(Tiny.inputs(), Tiny.labels(), options(backup, crashIn(2))));
    Sequential rerun = Tiny.model();
    LambdaCallback loseGenerator = new LambdaCallback().onTrainBegin(logs -> Tensor.manualSeed(12345));
    rerun.fit(Tiny.inputs(), Tiny.labels(), options(backup, loseGenerator));
    assertFalse(Tiny.sameWeights(Tiny.weights(uninterrupted), Tiny.weights(rerun)));
  }

  @Test
  void keepsTheCheckpointWhenAskedTo(@TempDir Path dir) {
    BackupAndRestore backup = new BackupAndRestore(dir.resolve("kept")).deleteCheckpoint(false);
    Tiny.model().fit(Tiny.inputs(), Tiny.labels(), options(backup));
    assertTrue(Files.exists(backup.checkpoint()));
    assertEquals(dir.resolve("kept").resolve("checkpoint.safetensors"), backup.checkpoint());
    History again = Tiny.model().fit(Tiny.inputs(), Tiny.labels(), options(backup));
    assertTrue(again.epochs().isEmpty(), "a finished run resumes past its last epoch: " + again.epochs());
  }
}
