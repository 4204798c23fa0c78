package dev.vectorgrad.dsl.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vectorgrad.dsl.Model;
import dev.vectorgrad.dsl.Models;
import dev.vectorgrad.dsl.Sequential;
import dev.vectorgrad.layers.io.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files a checkpoint callback writes, and that each holds the weights of the right moment. */
class ModelCheckpointTest {
  private static List<String> fileNames(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names = new ArrayList<>();
      files.forEach(f -> names.add(f.getFileName().toString()));
      names.sort(null);
      return names;
    }
  }

  @Test
  void saveBestOnlyKeepsTheBestEpoch(@TempDir Path dir) {
    Map<Integer, Map<String, float[]>> byEpoch = new HashMap<>();
    Sequential model = Tiny.model();
    LambdaCallback snapshots = new LambdaCallback().onEpochEnd((epoch, logs) -> byEpoch.put(epoch, Tiny.weights(model)));
    Path best = dir.resolve("best.safetensors");
    model.fit(Tiny.inputs(), Tiny.labels(), Tiny.fit(4).callbacks(Tiny.scripted("val_loss", 0.9, 0.5, 0.7, 0.6),
        new ModelCheckpoint(best).saveBestOnly(true), snapshots));
    Model loaded = Models.load(best);
    Tiny.assertSameWeights(byEpoch.get(1), Tiny.weights(loaded));
    assertFalse(Tiny.sameWeights(byEpoch.get(3), Tiny.weights(loaded)));
  }

  @Test
  void epochFieldsCountFromOneAsInKeras(@TempDir Path dir) throws IOException {
    Sequential model = Tiny.model();
    model.fit(Tiny.inputs(), Tiny.labels(), Tiny.fit(3).callbacks(
        new ModelCheckpoint(dir.resolve("ckpt").resolve("model.{epoch:02d}.safetensors")),
        new ModelCheckpoint(dir.resolve("m-{epoch}.safetensors"))));
    assertEquals(Arrays.asList("model.01.safetensors", "model.02.safetensors", "model.03.safetensors"),
        fileNames(dir.resolve("ckpt")));
    assertEquals(Arrays.asList("ckpt", "m-1.safetensors", "m-2.safetensors", "m-3.safetensors"), fileNames(dir));
    Tiny.assertSameWeights(Tiny.weights(model), Tiny.weights(Models.load(dir.resolve("m-3.safetensors"))));
  }

  @Test
  void logValuesCanNameTheFile(@TempDir Path dir) throws IOException {
    Tiny.model().fit(Tiny.inputs(), Tiny.labels(), Tiny.fit(2).callbacks(Tiny.scripted("val_loss", 0.1234, 0.0567),
        new ModelCheckpoint(dir.resolve("{epoch:03d}-{val_loss:.2f}.safetensors"))));
    assertEquals(Arrays.asList("001-0.12.safetensors", "002-0.06.safetensors"), fileNames(dir));
  }

  @Test
  void saveWeightsOnlyWritesJustTheStateDict(@TempDir Path dir) {
    Sequential model = Tiny.model();
    Path file = dir.resolve("weights.safetensors");
    model.fit(Tiny.inputs(), Tiny.labels(), Tiny.fit(2).callbacks(new ModelCheckpoint(file).saveWeightsOnly(true)));
    assertThrows(ModelFormatException.class, () -> Models.load(file), "no architecture in a weights file");
    Sequential fresh = Tiny.model();
    fresh.load(file);
    Tiny.assertSameWeights(Tiny.weights(model), Tiny.weights(fresh));
  }

  @Test
  void saveFreqSavesEveryNBatchesAcrossEpochs(@TempDir Path dir) throws IOException {
    // Six batches in two epochs, saving every second one: batches 2 (epoch 1), 1 and 3 (epoch 2).
    Tiny.model().fit(Tiny.inputs(), Tiny.labels(), Tiny.fit(2).callbacks(
        new ModelCheckpoint(dir.resolve("e{epoch}-b{batch}.safetensors")).saveFreq(2)));
    assertEquals(Arrays.asList("e1-b2.safetensors", "e2-b1.safetensors", "e2-b3.safetensors"), fileNames(dir));
  }

  @Test
  void accuracyIsMaximized(@TempDir Path dir) throws IOException {
    Tiny.model().fit(Tiny.inputs(), Tiny.labels(), Tiny.fit(4).callbacks(Tiny.scripted("val_accuracy", 0.5, 0.4, 0.7, 0.6),
        new ModelCheckpoint(dir.resolve("{epoch}.safetensors")).monitor("val_accuracy").saveBestOnly(true)));
    assertEquals(Arrays.asList("1.safetensors", "3.safetensors"), fileNames(dir));
  }
}
