package dev.vectorgrad.layers;

import static dev.vectorgrad.autodiff.GoldenFile.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vectorgrad.autodiff.GoldenFile;
import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Window2d;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Convolution, pooling and normalization forward and backward against PyTorch
 * ({@code tools/golden_layers.py}): the output and the gradient of every input.
 */
class ModulesGoldenTest {
  private static final Map<String, Function<Tensor[], Tensor>> MODULES = new LinkedHashMap<>();

  static {
    MODULES.put("conv2d_stride_pad_dilation_groups",
        x -> F.conv2d(x[0], x[1], x[2], new Window2d(3, 2, 2, 1, 1, 2, 1, 2), 2));
    MODULES.put("conv2d_plain", x -> F.conv2d(x[0], x[1], null, Window2d.of(3, 1, 0, 1), 1));
    MODULES.put("conv1d", x -> F.conv1d(x[0], x[1], x[2], 2, 1, 1, 1));
    MODULES.put("max_pool2d", x -> F.maxPool2d(x[0], Window2d.of(3, 2, 1, 1)));
    MODULES.put("avg_pool2d", x -> F.avgPool2d(x[0], 2));
    MODULES.put("adaptive_avg_pool2d", x -> F.adaptiveAvgPool2d(x[0], 3, 2));
    MODULES.put("batch_norm_train", x -> F.batchNorm(x[0], Tensor.zeros(3), Tensor.ones(3), x[1], x[2], true, 0.1, 1e-5));
    MODULES.put("layer_norm", x -> F.layerNorm(x[0], 1, x[1], x[2], 1e-5));
  }

  @TestFactory
  Stream<DynamicTest> forwardAndBackwardMatchPyTorch() {
    List<GoldenFile.Case> cases = GoldenFile.load("/golden/layers.txt").stream()
        .filter(c -> c.name().startsWith("module ")).toList();
    assertEquals(MODULES.size(), cases.size(), "the golden file and this test must list the same modules");
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      Tensor[] inputs = c.all("input").stream().map(x -> Tensor.from(x).requiresGrad(true)).toArray(Tensor[]::new);
      Tensor out = MODULES.get(c.name().substring(7)).apply(inputs);
      assertClose(c.first("output"), out.data(), 1e-10, 1e-8, c.name() + " output");
      out.times(Tensor.from(c.first("cotangent"))).sum().backward();
      List<NdArray> grads = c.all("grad");
      for (int i = 0; i < inputs.length; i++) {
        assertClose(grads.get(i), inputs[i].grad().data(), 1e-10, 1e-8, c.name() + " gradient of input " + i);
      }
    }));
  }
}
