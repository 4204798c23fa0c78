package dev.vectorgrad.dsl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.tensor.Shape;
import java.util.List;
import java.util.Map;

/**
 * Small models covering every saved layer type, with seeded inputs and targets, for the model-file
 * tests. Each factory seeds the generator itself, so two calls build identical models.
 */
final class SampleModels {
  private SampleModels() {}

  /** Dense 3 -> 4 -> 2, compiled with Adam and trained one step, so its file holds optimizer state. */
  static Sequential tinyTrained() {
    Tensor.manualSeed(1);
    Sequential model = Sequential.of(Input.of(3), Dense.of(4, "relu"), Dense.of(2));
    model.compile("adam", "mse");
    model.fit(Tensor.randn(4, 3), Tensor.randn(4, 2), Fit.epochs(1).batchSize(4).verbose(Fit.Verbose.SILENT));
    return model;
  }

  /** Conv2D, BatchNormalization, MaxPooling2D, AveragePooling2D, Flatten, Dropout, Dense, LayerNormalization. */
  static Sequential cnn() {
    Tensor.manualSeed(11);
    Sequential model = Sequential.of(Input.of(8, 8, 1), Conv2D.of(4, 3, "relu"), BatchNormalization.of(),
        MaxPooling2D.of(2), Conv2D.of(6, 3).padding("same"), AveragePooling2D.of(3), Flatten.of(), Dropout.of(0.25),
        Dense.of(12, "relu"), LayerNormalization.of(), Dense.of(5, "softmax"));
    model.named("sample_cnn");
    return model;
  }

  static Tensor cnnInput(int samples) {
    Tensor.manualSeed(12);
    return Tensor.rand(samples, 8, 8, 1);
  }

  static Tensor cnnTargets(int samples) {
    Tensor.manualSeed(13);
    return Tensor.randint(0, 5, Shape.of(samples));
  }

  /** Embedding, Conv1D, GlobalAveragePooling after a Reshape, Activation. */
  static Sequential embedding() {
    Tensor.manualSeed(21);
    return Sequential.of(Input.of(6), Embedding.of(20, 4), Conv1D.of(3, 2, "tanh"), Reshape.of(5, 3, 1),
        GlobalAveragePooling2D.of(), Dense.of(2), Activation.of("sigmoid"));
  }

  /** Token ids in [0, 20). */
  static Tensor embeddingInput(int samples) {
    Tensor.manualSeed(22);
    return Tensor.randint(0, 20, Shape.of(samples, 6));
  }

  /**
   * Two inputs through one shared Dense, merged by Add, Multiply and Concatenate, into a class
   * output and a score output.
   */
  static Model twoTowers() {
    Tensor.manualSeed(31);
    Input left = Input.of(6).named("left");
    Input right = Input.of(6).named("right");
    Dense shared = Dense.of(8, "tanh");
    SymbolicTensor l = shared.apply(left);
    SymbolicTensor r = shared.apply(right);
    SymbolicTensor sum = Add.of().apply(l, r);
    SymbolicTensor both = Concatenate.of().apply(sum, Multiply.of().apply(l, r));
    SymbolicTensor classes = Dense.of(3, "softmax").named("classes").apply(Dropout.of(0.2).apply(both));
    SymbolicTensor score = Dense.of(1).named("score").apply(sum);
    return Model.of(List.of(left, right), List.of(classes, score)).named("two_towers");
  }

  static List<Tensor> twoTowersInput(int samples) {
    Tensor.manualSeed(32);
    return List.of(Tensor.randn(samples, 6), Tensor.randn(samples, 6));
  }

  static List<Tensor> twoTowersTargets(int samples) {
    Tensor.manualSeed(33);
    return List.of(Tensor.rand(samples, 3), Tensor.randn(samples, 1));
  }

  /** The same keys, shapes, dtypes and bits. */
  static void assertSameState(Map<String, Tensor> expected, Map<String, Tensor> actual) {
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()));
    expected.forEach((key, e) -> assertSameBits(e, actual.get(key), key));
  }

  static void assertSameBits(Tensor expected, Tensor actual, String what) {
    assertEquals(expected.shape(), actual.shape(), what);
    assertEquals(expected.dtype(), actual.dtype(), what);
    assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray(), 0.0, what);
  }
}
