package dev.vectorgrad.dsl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.data.TensorDataset;
import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.Shape;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The options of {@code fit} and what it reports. */
class FitTest {
  private static Sequential classifier() {
    return Sequential.of(Input.of(4), Dense.of(8, "relu"), Dense.of(3, "softmax"));
  }

  private static Tensor features() {
    return Tensor.randn(30, 4);
  }

  private static Tensor labels() {
    return Tensor.randint(0, 3, Shape.of(30));
  }

  @Test
  void sameSeedSameWeights() {
    float[][] runs = new float[2][];
    for (int run = 0; run < 2; run++) {
      Tensor.manualSeed(6);
      Sequential model = Sequential.of(Input.of(4), Dense.of(8, "relu"), Dropout.of(0.5), Dense.of(3, "softmax"));
      model.compile("adam", "sparse_categorical_crossentropy");
      model.fit(features(), labels(), Fit.epochs(3).batchSize(7).seed(9).verbose(Fit.Verbose.SILENT));
      runs[run] = model.predict(features()).toFloatArray();
    }
    assertArrayEquals(runs[0], runs[1]);
  }

  @Test
  void aDatasetTrainsLikeItsTensors() {
    Tensor x = features();
    Tensor y = labels();
    float[][] runs = new float[2][];
    for (int run = 0; run < 2; run++) {
      Tensor.manualSeed(12);
      Sequential model = classifier();
      model.compile("adam", "sparse_categorical_crossentropy");
      Fit options = Fit.epochs(2).batchSize(8).seed(4).verbose(Fit.Verbose.SILENT);
      if (run == 0) {
        model.fit(x, y, options);
      } else {
        model.fit(new TensorDataset(x, y), options);
      }
      runs[run] = model.predict(x).toFloatArray();
    }
    assertArrayEquals(runs[0], runs[1]);
  }

  @Test
  void classWeightsScaleEachSamplesLoss() {
    Tensor.manualSeed(1);
    Sequential model = classifier();
    model.compile(Optimizers.sgd(0), Losses.SPARSE_CATEGORICAL_CROSSENTROPY); // lr 0: weights stay put
    Tensor x = features();
    Tensor y = labels();
    History h = model.fit(x, y, Fit.epochs(1).batchSize(30).shuffle(false).verbose(Fit.Verbose.SILENT)
        .classWeight(Map.of(0, 2.0, 2, 0.5)));
    double[] p = model.predict(x).cast(DType.F64).toDoubleArray();
    long[] labels = y.toLongArray();
    double expected = 0;
    for (int i = 0; i < 30; i++) {
      double weight = labels[i] == 0 ? 2.0 : labels[i] == 2 ? 0.5 : 1.0;
      expected += -Math.log(p[i * 3 + (int) labels[i]]) * weight / 30;
    }
    assertEquals(expected, h.get("loss").get(0), 1e-5);
  }

  @Test
  void validationResultsAreAnEvaluation() {
    Tensor.manualSeed(2);
    Sequential model = classifier();
    model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
    Tensor xv = features();
    Tensor yv = labels();
    History h = model.fit(features(), labels(), Fit.epochs(2).validationData(xv, yv).verbose(Fit.Verbose.SILENT));
    Map<String, Double> evaluated = model.evaluate(xv, yv);
    assertEquals(evaluated.get("loss"), h.get("val_loss").get(1), 1e-6);
    assertEquals(evaluated.get("accuracy"), h.get("val_accuracy").get(1), 1e-12);
    assertEquals(List.of("loss", "accuracy", "val_loss", "val_accuracy"), List.copyOf(h.history().keySet()));
  }

  @Test
  void validationSplitHoldsOutTheLastSamples() {
    Tensor.manualSeed(3);
    Sequential model = classifier();
    model.compile("sgd", "sparse_categorical_crossentropy");
    Tensor x = features();
    Tensor y = labels();
    History h = model.fit(x, y, Fit.epochs(1).validationSplit(0.2).verbose(Fit.Verbose.SILENT));
    Map<String, Double> lastSix = model.evaluate(x.narrow(0, 24, 6), y.narrow(0, 24, 6));
    assertEquals(lastSix.get("loss"), h.get("val_loss").get(0), 1e-6);
  }

  @Test
  void initialEpochContinuesTheCount() {
    Sequential model = classifier();
    model.compile("adam", "sparse_categorical_crossentropy");
    History h = model.fit(features(), labels(), Fit.epochs(5).initialEpoch(3).verbose(Fit.Verbose.SILENT));
    assertEquals(List.of(3, 4), h.epochs());
  }

  private static String printed(Fit.Verbose verbose) {
    Tensor.manualSeed(4);
    Sequential model = classifier();
    model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    model.fit(features(), labels(), Fit.epochs(2).batchSize(10).verbose(verbose)
        .output(new PrintStream(bytes, true, StandardCharsets.UTF_8)));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void oneLinePerEpochForLogs() {
    String[] lines = printed(Fit.Verbose.ONE_LINE_PER_EPOCH).split("\n");
    assertEquals(2, lines.length);
    assertTrue(lines[1].matches("Epoch 2/2 - \\d+s \\d+ms/step - loss: \\d\\.\\d{4} - accuracy: \\d\\.\\d{4}"), lines[1]);
  }

  @Test
  void progressBarRedrawsInPlace() {
    String out = printed(Fit.Verbose.PROGRESS_BAR);
    assertTrue(out.startsWith("Epoch 1/2\n"), out);
    assertTrue(out.contains("\r3/3 [==============================] - "), out);
    assertTrue(out.contains("Epoch 2/2\n"), out);
  }

  @Test
  void historyPlotsAnSvg(@TempDir Path dir) throws Exception {
    Sequential model = classifier();
    model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
    History h = model.fit(features(), labels(), Fit.epochs(3).validationSplit(0.2).verbose(Fit.Verbose.SILENT));
    Path svg = dir.resolve("history.svg");
    h.plot(svg);
    String text = Files.readString(svg);
    assertTrue(text.startsWith("<svg"), text);
    assertEquals(4, text.split("<polyline", -1).length - 1, "loss, val_loss, accuracy, val_accuracy");
  }

  @Test
  void summaryMatchesKerasCounts() {
    Sequential model = Sequential.of(Input.of(28, 28, 1), Conv2D.of(32, 3, "relu"), MaxPooling2D.of(2),
        Conv2D.of(64, 3, "relu"), MaxPooling2D.of(2), Flatten.of(), Dropout.of(0.5), Dense.of(10, "softmax"),
        BatchNormalization.of());
    String summary = model.summary();
    // Keras' example prints 320, 18,496 and 16,010; BatchNormalization adds 20 trainable, 20 not.
    assertTrue(summary.contains("conv2d (Conv2D)                   (None, 26, 26, 32)        320\n"), summary);
    assertTrue(summary.contains("conv2d_1 (Conv2D)                 (None, 11, 11, 64)        18,496\n"), summary);
    assertTrue(summary.contains("dense (Dense)                     (None, 10)                16,010\n"), summary);
    assertTrue(summary.contains("Total params: 34,866 (136.20 KB)\n"), summary);
    assertTrue(summary.contains("Trainable params: 34,846 (136.12 KB)\n"), summary);
    assertTrue(summary.contains("Non-trainable params: 20 (80.00 B)\n"), summary);
    assertTrue(model.toDot().contains("\"conv2d\" -> \"max_pooling2d\";"), model.toDot());
  }
}
