package dev.vectorgrad.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.autodiff.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Keras workflow on real data in CI: a Sequential MLP compiled with Keras strings, fitted with
 * a validation split, evaluated on a held-out quarter of scikit-learn's digits. Logistic regression
 * reaches about 96% here, so 95% is a floor any working stack clears.
 */
class KerasDigitsTest {
  @Test
  void sequentialMlpLearnsDigits() {
    Tensor.manualSeed(0);
    Digits all = Digits.load();
    int test = all.x.size(0) / 4;
    Digits train = all.head(all.x.size(0) - test);
    Digits held = all.tail(test);
    Sequential model = Sequential.of(Input.of(64), Dense.of(64, "relu"), Dropout.of(0.1), Dense.of(10, "softmax"));
    model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
    History history = model.fit(train.x, train.y,
        Fit.epochs(30).batchSize(32).validationSplit(0.1).verbose(Fit.Verbose.SILENT));
    Map<String, Double> result = model.evaluate(held.x, held.y);
    assertTrue(result.get("accuracy") >= 0.95, "held-out accuracy " + result);
    assertEquals(30, history.get("val_accuracy").size());
    assertTrue(history.get("loss").get(29) < history.get("loss").get(0) / 3, "loss falls: " + history.get("loss"));
  }
}
