package dev.vectorgrad.dsl.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.dsl.Dense;
import dev.vectorgrad.dsl.Dropout;
import dev.vectorgrad.dsl.Fit;
import dev.vectorgrad.dsl.Input;
import dev.vectorgrad.dsl.Losses;
import dev.vectorgrad.dsl.Metrics;
import dev.vectorgrad.dsl.Model;
import dev.vectorgrad.dsl.Optimizers;
import dev.vectorgrad.dsl.Sequential;
import dev.vectorgrad.tensor.Shape;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tiny classifier on tiny random data for the callback tests: 24 samples in batches of 8 (three
 * batches per epoch), so a fit of several epochs takes milliseconds. Every factory seeds the
 * global generator itself, so the call order does not matter.
 */
final class Tiny {
  static final int BATCHES_PER_EPOCH = 3;

  private Tiny() {}

  static Tensor inputs() {
    Tensor.manualSeed(1);
    return Tensor.randn(24, 4);
  }

  static Tensor labels() {
    Tensor.manualSeed(2);
    return Tensor.randint(0, 3, Shape.of(24));
  }

  /** Dense 8 relu, Dropout 0.25 (so the random generator matters), Dense 3 softmax; Adam at 0.01. */
  static Sequential model() {
    Tensor.manualSeed(7);
    Sequential model = Sequential.of(Input.of(4), Dense.of(8, "relu"), Dropout.of(0.25), Dense.of(3, "softmax"));
    model.compile(Optimizers.adam(0.01), Losses.SPARSE_CATEGORICAL_CROSSENTROPY, Metrics.ACCURACY);
    return model;
  }

  static Fit fit(int epochs) {
    return Fit.epochs(epochs).batchSize(8).verbose(Fit.Verbose.SILENT);
  }

  /** Puts {@code name = values[epoch]} into the epoch-end logs, for callbacks listed after it. */
  static LambdaCallback scripted(String name, double... values) {
    return new LambdaCallback().onEpochEnd((epoch, logs) -> logs.put(name, values[epoch]));
  }

  /** A copy of every weight's values. */
  static Map<String, float[]> weights(Model model) {
    Map<String, float[]> copy = new LinkedHashMap<>();
    model.stateDict().forEach((name, t) -> copy.put(name, t.toFloatArray()));
    return copy;
  }

  /** Bit-for-bit equality of every weight. */
  static void assertSameWeights(Map<String, float[]> expected, Map<String, float[]> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((name, values) -> assertArrayEquals(values, actual.get(name), name));
  }

  /** Whether every weight is bit-for-bit equal (for asserting that two runs differ). */
  static boolean sameWeights(Map<String, float[]> a, Map<String, float[]> b) {
    for (Map.Entry<String, float[]> e : a.entrySet()) {
      if (!Arrays.equals(e.getValue(), b.get(e.getKey()))) {
        return false;
      }
    }
    return a.keySet().equals(b.keySet());
  }
}
