package dev.vectorgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vectorgrad.tensor.NdArray;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Forward values and gradients of composite expressions against PyTorch golden files written by
 * {@code tools/golden_autodiff.py}; each expression here mirrors the Python one of the same name.
 */
class GoldenExpressionsTest {
  private static final double ATOL = 1e-10;
  private static final double RTOL = 1e-8;

  private static Tensor index(long[] values, int... shape) {
    return Tensor.from(NdArray.of(values, shape));
  }

  private static final Map<String, Function<Tensor[], Tensor>> EXPRESSIONS = new LinkedHashMap<>();

  static {
    EXPRESSIONS.put("mlp", x -> x[0].matmul(x[1]).plus(x[2]).relu().matmul(x[3]).plus(x[4]));
    EXPRESSIONS.put("mse", x -> x[0].matmul(x[1]).minus(x[2]).pow(2).mean());
    EXPRESSIONS.put("cross_entropy", x -> x[1].times(x[0].logSoftmax(1)).sum(1).mean().neg());
    EXPRESSIONS.put("logsumexp_axes", x -> x[0].logSumExp(new int[] {0, 2}, false));
    EXPRESSIONS.put("gelu_tanh", x -> x[0].gelu().times(x[0].tanh()));
    EXPRESSIONS.put("bce", x -> {
      Tensor s = x[0].sigmoid();
      Tensor y = x[1];
      return y.times(s.log()).plus(y.neg().plus(1.0).times(s.neg().plus(1.0).log())).mean().neg();
    });
    EXPRESSIONS.put("layer_norm", x -> {
      Tensor d = x[0].minus(x[0].mean(new int[] {-1}, true));
      Tensor var = d.pow(2).mean(new int[] {-1}, true);
      return d.div(var.plus(1e-5).sqrt()).times(x[1]).plus(x[2]);
    });
    EXPRESSIONS.put("attention",
        x -> x[0].matmul(x[1].transpose(-1, -2)).div(Math.sqrt(4)).softmax(-1).matmul(x[2]));
    EXPRESSIONS.put("batched_broadcast_matmul", x -> x[0].matmul(x[1]).sin());
    EXPRESSIONS.put("var_std",
        x -> x[0].var(new int[] {1}, false, 1).sum().plus(x[0].std().times(x[0].var(new int[] {0}, false, 0))));
    EXPRESSIONS.put("prod", x -> x[0].prod(1, false).plus(x[0].prod()));
    EXPRESSIONS.put("max_min", x -> x[0].max(1).times(x[0].min(0).sum()));
    EXPRESSIONS.put("clamp", x -> x[0].clamp(-0.5, 0.7).times(x[0]));
    EXPRESSIONS.put("pow_tensor", x -> x[0].pow(x[1]).plus(x[0].pow(3.0)));
    EXPRESSIONS.put("where", x -> Tensor.where(x[0].gt(0), x[0].times(x[1]), x[1].exp()));
    EXPRESSIONS.put("cat_stack_split", x -> Tensor.cat(
        List.of(x[0], Tensor.stack(List.of(x[1], x[1].times(2)), 0)), 0).split(2, 0).get(1).sum(0));
    EXPRESSIONS.put("gather", x -> x[0].gather(1, index(new long[] {2, 0, 1, 1, 0, 3}, 3, 2)).exp());
    EXPRESSIONS.put("index_select", x -> x[0].indexSelect(0, index(new long[] {1, 1, 0}, 3)).tanh());
    EXPRESSIONS.put("scatter_add",
        x -> x[0].scatterAdd(1, index(new long[] {0, 0, 2, 1}, 2, 2), x[1]).sin());
    EXPRESSIONS.put("views", x -> x[0].permute(2, 0, 1).select(1, 1).slice(1, 0, Integer.MAX_VALUE, 2)
        .transpose(0, 1).reshape(-1).exp());
    EXPRESSIONS.put("special", x -> x[0].softplus().plus(x[0].erf()).plus(x[0].abs().log1p())
        .plus(x[0].times(x[0]).plus(1).rsqrt()));
    EXPRESSIONS.put("remainder", x -> x[0].rem(x[1]));
    EXPRESSIONS.put("maximum_minimum", x -> x[0].maximum(x[1]).minus(x[0].minimum(x[1].times(2))));
    EXPRESSIONS.put("expand_sum", x -> x[0].expand(2, 3, 4).sum(new int[] {0, 1}, false).times(x[0].sum()));
    EXPRESSIONS.put("cosine", x -> x[0].times(x[1]).sum()
        .div(x[0].times(x[0]).sum().sqrt().times(x[1].times(x[1]).sum().sqrt())));
    EXPRESSIONS.put("smooth_l1", x -> {
      Tensor d = x[0].minus(x[1]);
      return Tensor.where(d.abs().lt(1), d.pow(2).times(0.5), d.abs().minus(0.5)).mean();
    });
    EXPRESSIONS.put("residual", x -> x[0].plus(x[0].matmul(x[1]).relu().matmul(x[2])));
    EXPRESSIONS.put("softmax_chain", x -> x[0].softmax(0).times(x[0].logSoftmax(1)));
    EXPRESSIONS.put("vector_products",
        x -> x[0].matmul(x[1]).times(x[2].matmul(x[0])).plus(x[0].matmul(x[2].t())));
    EXPRESSIONS.put("sigmoid_sqrt_log", x -> x[0].sigmoid().sqrt().log().div(x[0].exp().plus(1)));
  }

  @TestFactory
  Stream<DynamicTest> matchesPyTorch() {
    List<GoldenFile.Case> cases = GoldenFile.load("/golden/autodiff.txt");
    assertEquals(EXPRESSIONS.keySet(), new LinkedHashSet<>(cases.stream().map(GoldenFile.Case::name).toList()),
        "the golden file and this test must list the same expressions");
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      Tensor[] inputs = c.all("input").stream()
          .map(x -> Tensor.from(x).requiresGrad(true)).toArray(Tensor[]::new);
      Tensor out = EXPRESSIONS.get(c.name()).apply(inputs);
      GoldenFile.assertClose(c.first("output"), out.data(), ATOL, RTOL, "output");
      out.times(Tensor.from(c.first("cotangent"))).sum().backward();
      List<NdArray> grads = c.all("grad");
      for (int i = 0; i < inputs.length; i++) {
        Tensor grad = inputs[i].grad();
        NdArray actual = grad == null ? NdArray.zeros(inputs[i].shape(), inputs[i].dtype()) : grad.data();
        GoldenFile.assertClose(grads.get(i), actual, ATOL, RTOL, "gradient of input " + i);
      }
    }));
  }
}
