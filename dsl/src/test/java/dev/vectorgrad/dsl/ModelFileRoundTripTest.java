package dev.vectorgrad.dsl;

import static dev.vectorgrad.dsl.SampleModels.assertSameBits;
import static dev.vectorgrad.dsl.SampleModels.assertSameState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.vectorgrad.autodiff.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code model.save} then {@code Models.load} gives back the same model: bit-identical weights and
 * predictions, the same summary and compile settings, and optimizer state that makes the next
 * training step bit-identical to the original's.
 */
class ModelFileRoundTripTest {
  @TempDir Path dir;

  @Test
  void sequentialCnnRoundTripsAfterTraining() {
    Sequential model = SampleModels.cnn();
    model.compile(Optimizers.adam(0.01), Losses.of("sparse_categorical_crossentropy"), Metrics.of("accuracy"));
    List<Tensor> x = List.of(SampleModels.cnnInput(20));
    List<Tensor> y = List.of(SampleModels.cnnTargets(20));
    trainOneEpoch(model, x, y); // moves the weights, the BatchNormalization statistics and Adam's moments
    assertRoundTrip(model, x, y);
  }

  @Test
  void embeddingStackRoundTripsWithSgdMomentum() {
    Sequential model = SampleModels.embedding();
    model.compile(Optimizers.sgd(0.1, 0.9, true), Losses.of("mse"), Metrics.of("mae"));
    List<Tensor> x = List.of(SampleModels.embeddingInput(10));
    Tensor.manualSeed(23);
    List<Tensor> y = List.of(Tensor.rand(10, 2));
    trainOneEpoch(model, x, y);
    assertRoundTrip(model, x, y);
  }

  @Test
  void functionalModelWithSharedLayerAndMergesRoundTrips() {
    Model model = SampleModels.twoTowers();
    model.compile(Optimizers.rmsprop(0.01), Losses.of("mse"), Metrics.of("mse"), Metrics.of("mae"));
    List<Tensor> x = SampleModels.twoTowersInput(12);
    List<Tensor> y = SampleModels.twoTowersTargets(12);
    trainOneEpoch(model, x, y);
    assertRoundTrip(model, x, y);
  }

  @Test
  void anUncompiledModelLoadsUncompiled() {
    Model model = SampleModels.twoTowers();
    Path file = dir.resolve("plain.safetensors");
    model.save(file);
    Model loaded = Models.load(file);
    assertFalse(loaded.isCompiled());
    assertSameState(model.stateDict(), loaded.stateDict());
  }

  @Test
  void compileSettingsCanBeIgnoredOnLoad() {
    Model model = SampleModels.cnn().compile("adam", "sparse_categorical_crossentropy", "accuracy");
    Path file = dir.resolve("compiled.safetensors");
    model.save(file);
    assertFalse(Models.load(file, false).isCompiled());
  }

  private static void trainOneEpoch(Model model, List<Tensor> x, List<Tensor> y) {
    Tensor.manualSeed(99); // the same dropout masks for the original and the loaded model
    model.fit(x, y, Fit.epochs(1).batchSize(x.get(0).size(0)).shuffle(false).verbose(Fit.Verbose.SILENT));
  }

  private void assertRoundTrip(Model model, List<Tensor> x, List<Tensor> y) {
    Path file = dir.resolve(model.name() + ".safetensors");
    model.save(file);
    Model loaded = Models.load(file);

    assertEquals(model.getClass(), loaded.getClass());
    assertSameState(model.stateDict(), loaded.stateDict());
    assertSamePredictions(model, loaded, x);
    assertEquals(model.summary(), loaded.summary());
    assertEquals(model.toDot(), loaded.toDot());
    assertSameCompileSettings(model.compiled(), loaded.compiled());
    assertSameState(model.optimizer().stateDict(), loaded.optimizer().stateDict());

    double[] before = firstWeight(model);
    trainOneEpoch(model, x, y);
    trainOneEpoch(loaded, x, y);
    assertNotEquals(before[0], firstWeight(model)[0],
        "the extra step must move the weights, or comparing after it proves nothing");
    assertSameState(model.stateDict(), loaded.stateDict());
    assertSameState(model.optimizer().stateDict(), loaded.optimizer().stateDict());
  }

  private static double[] firstWeight(Model model) {
    return model.stateDict().values().iterator().next().toDoubleArray();
  }

  private static void assertSamePredictions(Model model, Model loaded, List<Tensor> x) {
    List<Tensor> expected = model.predict(x, 7); // a batch size that leaves a ragged last batch
    List<Tensor> actual = loaded.predict(x, 7);
    for (int i = 0; i < expected.size(); i++) {
      assertSameBits(expected.get(i), actual.get(i), "output " + i);
    }
  }

  private static void assertSameCompileSettings(Compiled expected, Compiled actual) {
    assertEquals(expected.optimizer().name(), actual.optimizer().name());
    assertEquals(expected.optimizer().config(), actual.optimizer().config());
    assertEquals(expected.loss().name(), actual.loss().name());
    assertEquals(names(expected.metrics()), names(actual.metrics()));
  }

  private static List<String> names(List<Metric> metrics) {
    List<String> out = new ArrayList<>();
    for (Metric m : metrics) {
      out.add(m.name());
    }
    return out;
  }
}
