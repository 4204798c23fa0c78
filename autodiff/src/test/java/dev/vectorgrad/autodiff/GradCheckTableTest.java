package dev.vectorgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.VectorgradException;
import dev.vectorgrad.tensor.Window2d;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Central-difference gradient checks in F64 for every differentiable op, with broadcasting and
 * non-contiguous inputs; inputs stay off kinks (relu/abs at 0, ties in max/min).
 */
class GradCheckTableTest {
  private record Case(String name, Function<Tensor[], Tensor> f, Supplier<Tensor[]> inputs) {}

  private static Case unary(String name, Function<Tensor, Tensor> f, Supplier<Tensor> input) {
    return new Case(name, in -> f.apply(in[0]), () -> new Tensor[] {input.get()});
  }

  private static Case binary(String name, Function<Tensor[], Tensor> f, Supplier<Tensor> a, Supplier<Tensor> b) {
    return new Case(name, f, () -> new Tensor[] {a.get(), b.get()});
  }

  private static Tensor index(long[] values, int... shape) {
    return Tensor.from(NdArray.of(values, shape));
  }

  private static final Window2d STRIDED = new Window2d(3, 2, 2, 1, 1, 1, 1, 1);
  private static final Window2d DILATED = new Window2d(2, 2, 1, 1, 1, 0, 2, 1);

  static List<Case> cases() {
    Supplier<Tensor> x = () -> Inputs.normal(1, 3, 4);
    Supplier<Tensor> xt = () -> Inputs.transposed(2, 3, 4);
    Supplier<Tensor> positive = () -> Inputs.uniform(3, 0.5, 2.0, 3, 4);
    Supplier<Tensor> offZero = () -> Inputs.awayFromZero(4, 0.1, 3, 4);
    Supplier<Tensor> row = () -> Inputs.normal(5, 4);
    Supplier<Tensor> column = () -> Inputs.uniform(6, 0.5, 2.0, 3, 1);
    return List.of(
        unary("neg", Tensor::neg, xt),
        unary("abs", Tensor::abs, offZero),
        unary("relu", Tensor::relu, offZero),
        unary("exp", Tensor::exp, xt),
        unary("log", Tensor::log, positive),
        unary("log1p", Tensor::log1p, positive),
        unary("sqrt", Tensor::sqrt, positive),
        unary("rsqrt", Tensor::rsqrt, positive),
        unary("sin", Tensor::sin, xt),
        unary("cos", Tensor::cos, xt),
        unary("tanh", Tensor::tanh, x),
        unary("sigmoid", Tensor::sigmoid, xt),
        unary("gelu", Tensor::gelu, x),
        unary("softplus", Tensor::softplus, x),
        unary("erf", Tensor::erf, x),
        unary("clamp", t -> t.clamp(-0.55, 0.65), offZero),
        unary("pow scalar", t -> t.pow(2.5), positive),
        unary("plus scalar", t -> t.plus(2.0), x),
        unary("times scalar", t -> t.times(-3f), xt),
        unary("div scalar", t -> t.div(4), x),
        binary("plus broadcast", in -> in[0].plus(in[1]), x, row),
        binary("minus broadcast", in -> in[0].minus(in[1]), column, row),
        binary("times non-contiguous", in -> in[0].times(in[1]), xt, column),
        binary("div broadcast", in -> in[0].div(in[1]), x, column),
        binary("pow tensor", in -> in[0].pow(in[1]), positive, row),
        binary("maximum", in -> in[0].maximum(in[1]), x, () -> Inputs.normal(7, 3, 4)),
        binary("minimum broadcast", in -> in[0].minimum(in[1]), x, row),
        binary("rem", in -> in[0].rem(in[1]), () -> Inputs.uniform(8, 0.1, 0.9, 3, 4),
            () -> Inputs.uniform(9, 1.5, 2.5, 4)),
        binary("reluGrad broadcast", in -> in[0].reluGrad(in[1]), x, () -> Inputs.awayFromZero(10, 0.1, 4)),
        binary("where", in -> Tensor.where(in[0].gt(0), in[0], in[1]), offZero, row),
        unary("sum all", Tensor::sum, xt),
        unary("sum axes keepDim", t -> t.sum(new int[] {0}, true), xt),
        unary("mean axis", t -> t.mean(1), x),
        unary("prod axis", t -> t.prod(1, false), positive),
        unary("prod with a zero", t -> t.times(Tensor.of(new double[] {0, 1, 1, 1}, 4)).prod(1, false), positive),
        unary("max axis", t -> t.max(1), x),
        unary("min all", Tensor::min, xt),
        unary("var axis", t -> t.var(new int[] {1}, false, 1), x),
        unary("std all", Tensor::std, xt),
        unary("logSumExp", t -> t.logSumExp(new int[] {0, 1}, false), x),
        unary("softmax", t -> t.softmax(1), xt),
        unary("logSoftmax", t -> t.logSoftmax(0), x),
        binary("matmul 2-D", in -> in[0].matmul(in[1]), x, () -> Inputs.transposed(10, 4, 2)),
        binary("matmul vector-matrix", in -> in[0].matmul(in[1]), row, () -> Inputs.normal(11, 4, 3)),
        binary("matmul matrix-vector", in -> in[0].matmul(in[1]), xt, row),
        binary("matmul vector-vector", in -> in[0].matmul(in[1]), row, () -> Inputs.normal(12, 4)),
        binary("matmul broadcast batch", in -> in[0].matmul(in[1]),
            () -> Inputs.normal(13, 2, 3, 4), () -> Inputs.normal(14, 4, 2)),
        new Case("linear", in -> Tensor.linear(in[0], in[1], in[2]),
            () -> new Tensor[] {Inputs.transposed(15, 3, 4), Inputs.normal(16, 5, 4), Inputs.normal(17, 5)}),
        new Case("linear 3-D input, no bias", in -> Tensor.linear(in[0], in[1], null),
            () -> new Tensor[] {Inputs.normal(18, 2, 3, 4), Inputs.transposed(19, 5, 4)}),
        unary("reshape", t -> t.reshape(2, 6).exp(), xt),
        unary("transpose", t -> t.transpose(0, 1).sin(), x),
        unary("permute", t -> t.reshape(3, 2, 2).permute(2, 0, 1).times(Tensor.of(new double[] {1, 2}, 2, 1, 1)), x),
        unary("slice with step", t -> t.slice(1, 1, 4, 2).exp(), xt),
        unary("select", t -> t.select(1, -1).exp(), x),
        unary("narrow", t -> t.narrow(0, 1, 2).tanh(), x),
        unary("expand", t -> t.expand(2, 3, 4).sin(), () -> Inputs.normal(15, 3, 1)),
        unary("squeeze unsqueeze", t -> t.unsqueeze(0).squeeze().cos(), x),
        unary("get", t -> t.get(1).exp(), x),
        binary("cat", in -> Tensor.cat(List.of(in[0], in[1].unsqueeze(0)), 0).sin(), x, row),
        binary("stack", in -> Tensor.stack(List.of(in[0], in[1]), 1).sin(), row, () -> Inputs.normal(16, 4)),
        unary("split", t -> t.split(3, 1).get(1).exp(), x),
        unary("chunk", t -> t.chunk(2, 0).get(0).exp(), x),
        unary("gather", t -> t.gather(1, index(new long[] {0, 3, 3, 1, 2, 0}, 3, 2)).exp(), x),
        binary("scatterAdd", in -> in[0].scatterAdd(0, index(new long[] {2, 0, 0, 1}, 1, 4), in[1]).sin(),
            x, () -> Inputs.normal(17, 1, 4)),
        unary("scatterAddToZeros", t -> Tensor.scatterAddToZeros(
            Shape.of(3, 2), 1, index(new long[] {1, 1, 0, 0, 0, 1, 1, 1}, 2, 4), t).sin(), () -> Inputs.normal(18, 2, 5)),
        unary("indexSelect", t -> t.indexSelect(0, index(new long[] {2, 0, 2}, 3)).exp(), xt),
        unary("cast round trip", t -> t.cast(DType.F32).cast(DType.F64), x),
        unary("copy", t -> t.copy().times(t), xt),
        unary("im2col", t -> t.im2col(STRIDED, 0.5).sin(), () -> Inputs.normal(20, 2, 2, 5, 4)),
        unary("col2im", t -> t.col2im(5, 4, STRIDED).sin(), () -> Inputs.normal(21, 2, 2 * 6, 3 * 5)),
        binary("conv2d strided padded", in -> in[0].conv2d(in[1], null, STRIDED, 1).tanh(),
            () -> Inputs.normal(22, 2, 2, 5, 4), () -> Inputs.normal(23, 3, 2, 3, 2)),
        new Case("conv2d groups and bias", in -> in[0].conv2d(in[1], in[2], DILATED, 2),
            () -> new Tensor[] {Inputs.normal(24, 1, 4, 5, 5), Inputs.normal(25, 4, 2, 2, 2), Inputs.normal(26, 4)}),
        binary("conv1d", in -> in[0].conv1d(in[1], null, 2, 1, 1, 1),
            () -> Inputs.normal(27, 2, 3, 7), () -> Inputs.normal(28, 2, 3, 3)),
        new Case("conv2dMaxPool2d groups and bias, 4 + 1 images", in -> in[0].conv2dMaxPool2d(in[1], in[2],
                Window2d.of(2, 1, 0, 1), 2, Window2d.of(2, 2, 0, 1)).tanh(),
            () -> new Tensor[] {Inputs.normal(32, 5, 2, 5, 6), Inputs.normal(33, 4, 1, 2, 2), Inputs.normal(34, 4)}),
        unary("maxPool2d padded", t -> t.maxPool2d(new Window2d(3, 3, 2, 2, 1, 1, 1, 1)),
            () -> Inputs.normal(29, 1, 2, 5, 5)),
        unary("avgPool2d", t -> t.avgPool2d(Window2d.of(2, 1, 0, 1)), () -> Inputs.normal(30, 2, 1, 3, 4)),
        unary("adaptiveAvgPool2d uneven", t -> t.adaptiveAvgPool2d(2, 3), () -> Inputs.normal(31, 1, 2, 5, 4)));
  }

  @TestFactory
  Stream<DynamicTest> everyDifferentiableOpPassesGradCheck() {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      Tensor[] inputs = c.inputs().get();
      if (c.name().equals("cast round trip")) {
        // F32 in the middle: the numeric derivative sees float rounding, so compare loosely.
        GradCheck.check(c.f(), 1e-3, 1e-3, 1e-2, inputs);
      } else {
        GradCheck.check(c.f(), inputs);
      }
    }));
  }

  @Test
  void gradCheckRejectsAWrongGradient() {
    Function<Tensor[], Tensor> wrong = in -> new WrongSquare().apply(in[0]);
    VectorgradException e =
        assertThrows(VectorgradException.class, () -> GradCheck.check(wrong, Inputs.normal(18, 3)));
    assertTrue(e.getMessage().contains("analytic"), e.getMessage());
  }

  /** A deliberately wrong custom function: proves gradcheck can fail. */
  private static final class WrongSquare extends dev.vectorgrad.autodiff.Function {
    @Override
    protected Tensor forward(FunctionContext ctx, Tensor... in) {
      ctx.saveForBackward(in[0]);
      return in[0].times(in[0]);
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor grad) {
      return new Tensor[] {grad.times(ctx.savedTensors()[0]).times(3f)};
    }
  }
}
