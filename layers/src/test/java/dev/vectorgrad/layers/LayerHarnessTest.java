package dev.vectorgrad.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.optim.SGD;
import dev.vectorgrad.tensor.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The contract every layer keeps: output shape, parameter count, backward reaching every
 * parameter, state dict round trip giving an identical output, and one training step changing the
 * trainable parameters but not the frozen ones.
 */
class LayerHarnessTest {
  private record Case(String name, Supplier<Module> layer, Supplier<Tensor> input, Shape output, int parameters) {}

  private static List<Case> cases() {
    return List.of(
        new Case("Linear", () -> new Linear(5, 3), () -> Tensor.randn(4, 5), Shape.of(4, 3), 18),
        new Case("Linear without bias", () -> new Linear(5, 3, false), () -> Tensor.randn(2, 7, 5), Shape.of(2, 7, 3), 15),
        new Case("Embedding", () -> new Embedding(10, 4, 0), () -> Tensor.of(new long[] {1, 0, 9, 3}, 2, 2),
            Shape.of(2, 2, 4), 40),
        new Case("LayerNorm", () -> new LayerNorm(6), () -> Tensor.randn(3, 6), Shape.of(3, 6), 12),
        new Case("BatchNorm1d", () -> new BatchNorm1d(4), () -> Tensor.randn(8, 4), Shape.of(8, 4), 8),
        new Case("BatchNorm2d", () -> new BatchNorm2d(3), () -> Tensor.randn(2, 3, 4, 4), Shape.of(2, 3, 4, 4), 6),
        new Case("Sequential MLP", () -> new Sequential(new Linear(6, 8), new GELU(), new Dropout(0.5),
            new Linear(8, 2), new LogSoftmax(1)), () -> Tensor.randn(5, 6), Shape.of(5, 2), 74),
        new Case("Conv2d same", () -> new Conv2d(3, 4, 3, 1, Conv2d.SAME), () -> Tensor.randn(2, 3, 5, 6),
            Shape.of(2, 4, 5, 6), 112),
        new Case("Conv2d strided groups", () -> new Conv2d(4, 6, 3, 2, 1, 1, 2, true), () -> Tensor.randn(1, 4, 7, 7),
            Shape.of(1, 6, 4, 4), 6 * 2 * 9 + 6),
        new Case("Conv1d", () -> new Conv1d(2, 3, 3), () -> Tensor.randn(2, 2, 8), Shape.of(2, 3, 6), 21),
        new Case("CNN block", () -> new Sequential(new Conv2d(1, 2, 3), new ReLU(), new MaxPool2d(2),
            new AvgPool2d(2, 1, 1), new AdaptiveAvgPool2d(1, 1), new Flatten(), new Linear(2, 3)),
            () -> Tensor.randn(2, 1, 8, 8), Shape.of(2, 3), 20 + 9),
        new Case("Flatten + activations", () -> new Sequential(new Flatten(), new Linear(12, 3), new LeakyReLU(),
            new SiLU(), new Tanh(), new Sigmoid(), new ReLU(), new Softmax(1), new Identity()),
            () -> Tensor.randn(2, 3, 4), Shape.of(2, 3), 39));
  }

  @TestFactory
  Stream<DynamicTest> everyLayerKeepsTheContract() {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      Tensor.manualSeed(11);
      Module layer = c.layer().get();
      Tensor x = c.input().get();
      Tensor y = layer.invoke(x);
      assertEquals(c.output(), y.shape(), "output shape");
      assertEquals(c.parameters(), layer.parameters().stream().mapToInt(Tensor::numel).sum(), "parameter count");

      y.times(Tensor.randn(y.shape().toArray())).sum().backward();
      layer.namedParameters().forEach((name, p) -> assertNotNull(p.grad(), "no gradient reached " + name));

      Module copy = c.layer().get();
      copy.loadStateDict(layer.stateDict(), true);
      layer.eval();
      copy.eval();
      assertArrayEquals(layer.invoke(x).toFloatArray(), copy.invoke(x).toFloatArray(), "state dict round trip");

      layer.train();
      // Freeze the first parameter when there is another to train, so the step still has a graph.
      List<Tensor> params = layer.parameters();
      Tensor frozen = params.size() > 1 ? params.get(0) : null;
      float[] frozenBefore = frozen == null ? new float[0] : frozen.requiresGrad(false).toFloatArray();
      List<Tensor> trainable = params.stream().filter(Tensor::requiresGrad).toList();
      List<float[]> before = trainable.stream().map(Tensor::toFloatArray).toList();
      layer.zeroGrad();
      layer.invoke(x).times(Tensor.randn(y.shape().toArray())).sum().backward();
      new SGD(params, 0.1).step();
      if (frozen != null) {
        assertArrayEquals(frozenBefore, frozen.toFloatArray(), "a frozen parameter changed");
      }
      for (int i = 0; i < trainable.size(); i++) {
        assertFalse(Arrays.equals(before.get(i), trainable.get(i).toFloatArray()),
            "trainable parameter " + i + " did not change");
      }
    }));
  }
}
