package dev.vectorgrad.layers;

import static dev.vectorgrad.autodiff.GoldenFile.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vectorgrad.autodiff.GoldenFile;
import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.tensor.DType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every loss and option against PyTorch's value and input gradient ({@code tools/golden_layers.py}). */
class LossesGoldenTest {
  /** Each loss of (input, target); integer targets are stored as floats in the golden file. */
  private static final Map<String, BiFunction<Tensor, Tensor, Tensor>> LOSSES = new LinkedHashMap<>();

  static {
    Tensor weights = Tensor.of(new double[] {1.0, 2.0, 0.5, 1.5}, 4);
    CrossEntropyOptions ce = CrossEntropyOptions.defaults();
    LOSSES.put("ce", (x, t) -> F.crossEntropy(x, labels(t)));
    LOSSES.put("ce_sum", (x, t) -> F.crossEntropy(x, labels(t), ce.reduction(Reduction.SUM)));
    LOSSES.put("ce_none", (x, t) -> F.crossEntropy(x, labels(t), ce.reduction(Reduction.NONE)));
    LOSSES.put("ce_weight", (x, t) -> F.crossEntropy(x, labels(t), ce.weight(weights)));
    LOSSES.put("ce_ignore", (x, t) -> F.crossEntropy(x, labels(t)));
    LOSSES.put("ce_smooth", (x, t) -> F.crossEntropy(x, labels(t), ce.labelSmoothing(0.1)));
    LOSSES.put("ce_smooth_weight_ignore",
        (x, t) -> F.crossEntropy(x, labels(t), ce.weight(weights).labelSmoothing(0.2)));
    LOSSES.put("ce_probs", F::crossEntropy);
    LOSSES.put("ce_probs_smooth_weight", (x, t) -> F.crossEntropy(x, t, ce.weight(weights).labelSmoothing(0.1)));
    LOSSES.put("ce_sequence", (x, t) -> F.crossEntropy(x, labels(t)));
    LOSSES.put("nll", (x, t) -> F.nllLoss(x, labels(t)));
    LOSSES.put("mse", F::mseLoss);
    LOSSES.put("l1_sum", (x, t) -> F.l1Loss(x, t, Reduction.SUM));
    LOSSES.put("smooth_l1", (x, t) -> F.smoothL1Loss(x, t, 0.5, Reduction.MEAN));
    LOSSES.put("huber", (x, t) -> F.huberLoss(x, t, 0.7, Reduction.MEAN));
    LOSSES.put("bce", F::binaryCrossEntropy);
    LOSSES.put("bce_logits", F::binaryCrossEntropyWithLogits);
    LOSSES.put("bce_logits_pos_weight",
        (x, t) -> F.binaryCrossEntropyWithLogits(x, t, Tensor.scalar(3.0, DType.F64), Reduction.MEAN));
    LOSSES.put("kl_batchmean", (x, t) -> F.klDiv(x, t, Reduction.BATCH_MEAN, false));
    LOSSES.put("kl_log_target_sum", (x, t) -> F.klDiv(x, t.log(), Reduction.SUM, true));
  }

  private static Tensor labels(Tensor t) {
    return t.cast(DType.I64);
  }

  @TestFactory
  Stream<DynamicTest> lossesMatchPyTorch() {
    List<GoldenFile.Case> cases = GoldenFile.load("/golden/layers.txt").stream()
        .filter(c -> c.name().startsWith("loss ")).toList();
    assertEquals(LOSSES.size(), cases.size(), "the golden file and this test must list the same losses");
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      String name = c.name().substring(5);
      Tensor x = Tensor.from(c.first("input")).requiresGrad(true);
      Tensor out = LOSSES.get(name).apply(x, Tensor.from(c.first("target")));
      assertClose(c.first("output"), out.data(), 1e-12, 1e-10, name + " value");
      out.times(Tensor.from(c.first("cotangent"))).sum().backward();
      assertClose(c.first("grad"), x.grad().data(), 1e-12, 1e-10, name + " gradient");
    }));
  }
}
