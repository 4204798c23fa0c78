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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Learning-rate sequences over 12 steps against PyTorch's schedulers. */
class SchedulersGoldenTest {
  private static final Map<String, Function<Optimizer, LRScheduler>> SCHEDULERS = new LinkedHashMap<>();

  static {
    SCHEDULERS.put("step", o -> new StepLR(o, 3, 0.5));
    SCHEDULERS.put("multistep", o -> new MultiStepLR(o, new int[] {2, 5, 9}, 0.1));
    SCHEDULERS.put("exponential", o -> new ExponentialLR(o, 0.9));
    SCHEDULERS.put("cosine", o -> new CosineAnnealingLR(o, 10, 0.001));
    SCHEDULERS.put("linear_warmup", o -> new LinearLR(o, 0.1, 1.0, 5));
    SCHEDULERS.put("one_cycle", o -> new OneCycleLR(o, 1.0, 13));
  }

  private static Optimizer sgd() {
    return new SGD(List.of(Tensor.zeros(1).requiresGrad(true)), 0.1);
  }

  @TestFactory
  Stream<DynamicTest> sequencesMatchPyTorch() {
    List<GoldenFile.Case> cases = GoldenFile.load("/golden/layers.txt").stream()
        .filter(c -> c.name().startsWith("scheduler ")).toList();
    assertEquals(SCHEDULERS.size(), cases.size());
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      Optimizer optimizer = sgd();
      LRScheduler scheduler = SCHEDULERS.get(c.name().substring(10)).apply(optimizer);
      double[] lrs = new double[13];
      lrs[0] = optimizer.lr();
      for (int i = 1; i < lrs.length; i++) {
        scheduler.step();
        lrs[i] = optimizer.lr();
      }
      assertClose(c.first("output"), NdArray.of(lrs, lrs.length), 1e-12, 1e-9, c.name());
    }));
  }

  @Test
  void reduceOnPlateauWaitsForPatienceThenCoolsDown() {
    Optimizer optimizer = sgd();
    ReduceLROnPlateau plateau = new ReduceLROnPlateau(optimizer, true, 0.5, 2, 1e-4, 1, 0.02);
    double[] losses = {1.0, 0.9, 0.95, 0.91, 0.92, 0.93, 0.94, 0.95, 0.96, 0.97};
    double[] expected = {0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.025, 0.025};
    for (int i = 0; i < losses.length; i++) {
      plateau.step(losses[i]);
      assertEquals(expected[i], optimizer.lr(), 1e-15, "after metric " + (i + 1));
    }
  }
}
