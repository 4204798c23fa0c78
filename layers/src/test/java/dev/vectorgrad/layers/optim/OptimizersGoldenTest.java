package dev.vectorgrad.layers.optim;

import static dev.vectorgrad.autodiff.GoldenFile.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vectorgrad.autodiff.GoldenFile;
import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.tensor.NdArray;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Five steps of each optimizer on {@code sum((p * c - t)^2)} against PyTorch's parameter
 * trajectories ({@code tools/golden_layers.py}).
 */
class OptimizersGoldenTest {
  private static final Map<String, Function<List<Tensor>, Optimizer>> OPTIMIZERS = new LinkedHashMap<>();

  static {
    OPTIMIZERS.put("sgd", ps -> new SGD(ps, 0.1));
    OPTIMIZERS.put("sgd_momentum", ps -> new SGD(ps, 0.05, 0.9));
    OPTIMIZERS.put("sgd_nesterov_decay", ps -> new SGD(ps, 0.05, 0.9, 0, 0.01, true));
    OPTIMIZERS.put("sgd_dampening", ps -> new SGD(ps, 0.05, 0.5, 0.3, 0, false));
    OPTIMIZERS.put("adam", ps -> new Adam(ps, 0.1));
    OPTIMIZERS.put("adam_decay", ps -> new Adam(ps, 0.05, 0.8, 0.99, 1e-6, 0.1));
    OPTIMIZERS.put("adamw", ps -> new AdamW(ps, 0.1));
    OPTIMIZERS.put("rmsprop", ps -> new RMSprop(ps, 0.01));
    OPTIMIZERS.put("rmsprop_centered_momentum", ps -> new RMSprop(ps, 0.01, 0.99, 1e-8, 0.01, 0.9, true));
    OPTIMIZERS.put("adagrad", ps -> new Adagrad(ps, 0.1));
    OPTIMIZERS.put("adagrad_decay", ps -> new Adagrad(ps, 0.1, 0.05, 0, 0.1, 1e-10));
  }

  @TestFactory
  Stream<DynamicTest> trajectoriesMatchPyTorch() {
    return trajectories(true);
  }

  /** The same trajectories with gradients zeroed in kept buffers and accumulated into them. */
  @TestFactory
  Stream<DynamicTest> trajectoriesMatchPyTorchWithKeptGradients() {
    return trajectories(false);
  }

  private Stream<DynamicTest> trajectories(boolean setToNone) {
    List<GoldenFile.Case> cases = GoldenFile.load("/golden/layers.txt").stream()
        .filter(c -> c.name().startsWith("optimizer ")).toList();
    assertEquals(OPTIMIZERS.size(), cases.size());
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      List<NdArray> inputs = c.all("input");
      Tensor p = Tensor.from(inputs.get(0).copy()).requiresGrad(true);
      Tensor scale = Tensor.from(inputs.get(1));
      Tensor target = Tensor.from(inputs.get(2));
      Optimizer optimizer = OPTIMIZERS.get(c.name().substring(10)).apply(List.of(p));
      List<NdArray> steps = c.all("step");
      for (int i = 0; i < steps.size(); i++) {
        optimizer.zeroGrad(setToNone);
        p.times(scale).minus(target).pow(2).sum().backward();
        optimizer.step();
        assertClose(steps.get(i), p.data(), 1e-12, 1e-9, c.name() + " after step " + (i + 1));
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> stateRoundTripContinuesIdentically() {
    return OPTIMIZERS.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      Tensor a = Tensor.of(new double[] {1, -2, 3}, 3).requiresGrad(true);
      Tensor b = Tensor.of(new double[] {1, -2, 3}, 3).requiresGrad(true);
      Optimizer first = e.getValue().apply(List.of(a));
      for (int i = 0; i < 3; i++) {
        first.zeroGrad();
        a.pow(2).sum().backward();
        first.step();
      }
      Optimizer second = e.getValue().apply(List.of(b));
      b.data().copyFrom(a.data());
      second.loadStateDict(first.stateDict());
      for (int i = 0; i < 2; i++) {
        for (var pair : List.of(List.of(first, a), List.of(second, b))) {
          Optimizer o = (Optimizer) pair.get(0);
          Tensor t = (Tensor) pair.get(1);
          o.zeroGrad();
          t.pow(2).sum().backward();
          o.step();
        }
      }
      assertClose(a.data(), b.data(), 0, 0, "restored optimizer");
    }));
  }
}
