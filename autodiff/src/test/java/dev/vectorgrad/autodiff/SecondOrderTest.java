package dev.vectorgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.vectorgrad.tensor.Window2d;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Gradients of gradients: {@code createGraph} records the backward so it can be differentiated. */
class SecondOrderTest {
  private record Case(String name, Function<Tensor, Tensor> f, Tensor input) {}

  private static final Window2d POOL = Window2d.of(2, 2, 0, 1);

  private static List<Case> cases() {
    Tensor x = Inputs.normal(1, 2, 3);
    Tensor positive = Inputs.uniform(2, 0.5, 2.0, 2, 3);
    Tensor w = Tensor.from(Inputs.normal(3, 3, 2).data());
    Tensor image = Inputs.normal(4, 2, 2, 4, 5);
    Tensor kernel = Inputs.normal(5, 4, 1, 2, 2);
    Window2d window = Window2d.of(2, 1, 0, 1);
    return List.of(
        new Case("exp", Tensor::exp, x),
        new Case("log", Tensor::log, positive),
        new Case("sqrt", Tensor::sqrt, positive),
        new Case("tanh", Tensor::tanh, x),
        new Case("sigmoid", Tensor::sigmoid, x),
        new Case("gelu", Tensor::gelu, x),
        new Case("softplus", Tensor::softplus, x),
        new Case("erf", Tensor::erf, x),
        new Case("sin cos", t -> t.sin().times(t.cos()), x),
        new Case("pow", t -> t.pow(3.5), positive),
        new Case("mul div", t -> t.times(t).div(t.plus(3.0)), positive),
        new Case("mean var", t -> t.var(new int[] {1}, false, 1).times(t.mean()), x),
        new Case("logSumExp", t -> t.logSumExp(1), x),
        new Case("softmax", t -> t.softmax(1).times(t), x),
        new Case("max", t -> t.max(1).pow(2), x),
        new Case("matmul", t -> t.matmul(w).tanh(), x),
        new Case("matmul with itself", t -> t.matmul(t.t()), x),
        new Case("linear, input", t -> Tensor.linear(t, w.t(), Tensor.from(w.data().select(0, 0))).tanh(), x),
        new Case("linear, weight", t -> Tensor.linear(Tensor.from(x.data()), t, null).sigmoid(), Inputs.normal(6, 4, 3)),
        new Case("conv2d, input", t -> t.conv2d(Tensor.from(kernel.data()), null, window, 2).tanh(), image),
        new Case("conv2d, weight", t -> Tensor.from(image.data()).conv2d(t, null, window, 2).tanh(), kernel),
        new Case("conv2dMaxPool2d, input", t -> t.conv2dMaxPool2d(Tensor.from(kernel.data()), null, window, 2, POOL)
            .tanh(), image),
        new Case("conv2dMaxPool2d, weight", t -> Tensor.from(image.data()).conv2dMaxPool2d(t, null, window, 2, POOL)
            .tanh(), kernel));
  }

  /** Checks the gradient function {@code x -> d sum(f(x)) / dx} with central differences. */
  @TestFactory
  Stream<DynamicTest> gradientsAreDifferentiable() {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> GradCheck.check(
        in -> Autograd.grad(c.f().apply(in[0]).sum(), List.of(in[0]), true).get(0), c.input())));
  }

  /**
   * The mixed derivatives of a convolution: the input gradient differentiated by the weight (a
   * gradient penalty on the input trains the kernel) and the weight gradient by the input. They run
   * the rules of conv2dInputGrad and conv2dWeightGrad for their second operand.
   */
  @Test
  void convolutionGradientsAreDifferentiableByTheOtherOperand() {
    Tensor image = Inputs.normal(7, 2, 2, 4, 5);
    Tensor kernel = Inputs.normal(8, 4, 1, 2, 2);
    Tensor bias = Inputs.normal(9, 4);
    Window2d window = new Window2d(2, 2, 1, 2, 1, 0, 1, 1);
    GradCheck.check(in -> {
      Tensor leaf = Tensor.from(image.data()).requiresGrad(true);
      return Autograd.grad(leaf.conv2d(in[0], in[1], window, 2).tanh().sum(), List.of(leaf), true).get(0);
    }, kernel, bias);
    GradCheck.check(in -> {
      Tensor leaf = Tensor.from(kernel.data()).requiresGrad(true);
      return Autograd.grad(in[0].conv2d(leaf, null, window, 2).tanh().sum(), List.of(leaf), true).get(0);
    }, image);
  }

  /** The same for a convolution fused with its max pool: its weight gradient reads the maxima. */
  @Test
  void pooledConvolutionGradientsAreDifferentiableByTheOtherOperand() {
    Tensor image = Inputs.normal(10, 5, 2, 5, 6);
    Tensor kernel = Inputs.normal(11, 4, 1, 2, 2);
    Window2d window = Window2d.of(2, 1, 0, 1);
    GradCheck.check(in -> {
      Tensor leaf = Tensor.from(image.data()).requiresGrad(true);
      return Autograd.grad(leaf.conv2dMaxPool2d(in[0], null, window, 2, POOL).tanh().sum(), List.of(leaf), true).get(0);
    }, kernel);
    GradCheck.check(in -> {
      Tensor leaf = Tensor.from(kernel.data()).requiresGrad(true);
      return Autograd.grad(in[0].conv2dMaxPool2d(leaf, null, window, 2, POOL).tanh().sum(), List.of(leaf), true).get(0);
    }, image);
  }

  @Test
  void hessianVectorProduct() {
    Tensor x = Tensor.of(new double[] {1, -2, 3}, 3).requiresGrad(true);
    Tensor v = Tensor.of(new double[] {1, 0.5, -1}, 3);
    Tensor g = Autograd.grad(x.pow(3).sum(), List.of(x), true).get(0); // 3x^2
    Tensor hv = Autograd.grad(g.times(v).sum(), List.of(x), false).get(0); // 6x * v
    assertArrayEquals(new double[] {6, -6, -18}, hv.toDoubleArray(), 1e-12);
  }

  @Test
  void gradientPenaltyTrainsThroughTheGradient() {
    Tensor w = Tensor.of(new double[] {0.5, -1.5}, 2).requiresGrad(true);
    Tensor x = Tensor.of(new double[] {2, 3}, 2).requiresGrad(true);
    Tensor out = x.times(w).tanh().sum();
    Tensor gx = Autograd.grad(out, List.of(x), true).get(0);
    gx.pow(2).sum().backward(); // d/dw sum((w (1 - tanh^2(wx)))^2)
    double[] expected = new double[2];
    double[] wv = {0.5, -1.5};
    double[] xv = {2, 3};
    for (int i = 0; i < 2; i++) {
      double t = Math.tanh(wv[i] * xv[i]);
      double s = 1 - t * t;
      expected[i] = 2 * wv[i] * s * (s + wv[i] * (-2 * t * s) * xv[i]);
    }
    assertArrayEquals(expected, w.grad().toDoubleArray(), 1e-12);
  }
}
