package dev.vectorgrad.dsl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.dsl.callbacks.EarlyStopping;
import dev.vectorgrad.dsl.callbacks.ModelCheckpoint;
import dev.vectorgrad.tensor.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Keras-style snippet of the README, on small random data so it runs in seconds. */
class ReadmeSnippetTest {
  @Test
  void theReadmeSnippetRuns(@TempDir Path dir) {
    Tensor.manualSeed(0);
    Tensor xTrain = Tensor.rand(40, 28, 28, 1);
    Tensor yTrain = Tensor.randint(0, 10, Shape.of(40));
    Tensor xTest = Tensor.rand(8, 28, 28, 1);
    Tensor yTest = Tensor.randint(0, 10, Shape.of(8));

    var model = Sequential.of(
        Input.of(28, 28, 1),
        Conv2D.of(32, 3, "relu"), MaxPooling2D.of(2),
        Conv2D.of(64, 3, "relu"), MaxPooling2D.of(2),
        Flatten.of(), Dropout.of(0.5), Dense.of(10, "softmax"));
    assertTrue(model.summary().contains("Total params: 34,826"));
    model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
    Path best = dir.resolve("best.vgm");
    History h = model.fit(xTrain, yTrain, Fit.epochs(2).batchSize(16).validationSplit(0.25).verbose(Fit.Verbose.SILENT)
        .callbacks(new EarlyStopping().patience(3), new ModelCheckpoint(best.toString()).saveBestOnly(true)));
    assertEquals(2, h.epochs().size());
    assertEquals(2, model.evaluate(xTest, yTest).size());
    Path file = dir.resolve("mnist.vgm");
    model.save(file);
    Model again = Models.load(file);
    assertArrayEquals(model.predict(xTest).toFloatArray(), again.predict(xTest).toFloatArray());
    assertTrue(Files.exists(best));

    var in = Input.of(784);
    var out = Dense.of(10, "softmax").apply(Dropout.of(0.2).apply(Dense.of(128, "relu").apply(in)));
    Model functional = Model.of(in, out);
    assertEquals(Shape.of(3, 10), functional.predict(Tensor.rand(3, 784)).shape());
  }
}
