package dev.vectorgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.VectorgradException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Tensor#zeroGrad(boolean)} without setting to none: the kept buffer is reused, backward
 * adds into it (products straight from the GEMM, other gradients in place) with the same values
 * as the gradients handed over after {@link Tensor#zeroGrad()}, and the cases that must not write
 * into it ({@code Autograd.grad}, {@code createGraph}, anomaly mode, a gradient set by the user)
 * leave it alone.
 */
class KeptGradientTest {
  /** A two-layer net through both product rules (matmul, linear) and the bias adds. */
  private static final class Net {
    final Tensor w1;
    final Tensor b1;
    final Tensor w2;

    Net(DType dtype) {
      w1 = Inputs.normal(1, 6, 5).cast(dtype).detach().requiresGrad(true);
      b1 = Inputs.normal(2, 5).cast(dtype).detach().requiresGrad(true);
      w2 = Inputs.normal(3, 3, 5).cast(dtype).detach().requiresGrad(true);
    }

    Tensor loss(Tensor x) {
      Tensor h = x.matmul(w1).plus(b1).tanh();
      Tensor y = Tensor.linear(h, w2, null);
      return y.times(y).sum();
    }

    List<Tensor> params() {
      return List.of(w1, b1, w2);
    }
  }

  private static Tensor batch(int rows, long seed, DType dtype) {
    return Inputs.normal(seed, rows, 6).cast(dtype).detach();
  }

  /**
   * Steps at batch 1 (products of depth one) and batch 4 (packed products): after each, every
   * parameter's kept gradient carries the bits that the set-to-none mode hands over.
   */
  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"F32", "F64"})
  void keptBuffersGetTheSameGradientsAsFreshOnes(DType dtype) {
    Net kept = new Net(dtype);
    Net fresh = new Net(dtype);
    for (int step = 0; step < 4; step++) {
      Tensor x = batch(step % 2 == 0 ? 1 : 4, 10 + step, dtype);
      kept.loss(x).backward();
      fresh.loss(x).backward();
      for (int i = 0; i < 3; i++) {
        assertArrayEquals(fresh.params().get(i).grad().toDoubleArray(), kept.params().get(i).grad().toDoubleArray(),
            "step " + step + ", parameter " + i);
      }
      for (Tensor p : kept.params()) {
        p.zeroGrad(false);
      }
      for (Tensor p : fresh.params()) {
        p.zeroGrad();
      }
    }
  }

  @Test
  void theBufferIsKeptZeroedAndAddedInto() {
    Net net = new Net(DType.F64);
    net.loss(batch(3, 20, DType.F64)).backward();
    Tensor first = net.w1.grad();
    net.w1.zeroGrad(false); // the handed-over gradient is replaced by a buffer of its own, once
    Tensor buffer = net.w1.grad();
    assertNotSame(first, buffer);
    assertTrue(first.data().abs().sum().item() > 0, "the gradient handed over first is left as it was");
    assertEquals(0.0, buffer.data().abs().sum().item());
    Tensor x1 = batch(3, 21, DType.F64);
    Tensor x2 = batch(2, 22, DType.F64);
    net.loss(x1).backward();
    net.loss(x2).backward(); // accumulates, as backward always does
    assertSame(buffer, net.w1.grad());
    List<Tensor> g1 = Autograd.grad(net.loss(x1), List.of(net.w1), false);
    List<Tensor> g2 = Autograd.grad(net.loss(x2), List.of(net.w1), false);
    assertArrayEquals(g1.get(0).plus(g2.get(0)).toDoubleArray(), buffer.toDoubleArray(), 1e-12);
    int version = buffer.version();
    net.w1.zeroGrad(false);
    assertSame(buffer, net.w1.grad());
    assertTrue(buffer.version() > version, "zeroing in place bumps the version");
    assertEquals(0.0, buffer.data().abs().sum().item());
  }

  @Test
  void noGradientStaysNone() {
    Tensor w = Inputs.normal(4, 2, 2);
    w.zeroGrad(false);
    assertNull(w.grad());
  }

  /** Autograd.grad returns its gradients, also when it runs inside a backward that accumulates. */
  @Test
  void autogradGradLeavesTheBufferAlone() {
    Net net = new Net(DType.F64);
    net.loss(batch(3, 30, DType.F64)).backward();
    net.w1.zeroGrad(false);
    List<Tensor> grads = Autograd.grad(net.loss(batch(3, 31, DType.F64)), List.of(net.w1), false);
    assertTrue(grads.get(0).data().abs().sum().item() > 0);
    assertEquals(0.0, net.w1.grad().data().abs().sum().item());

    Tensor inner = Inputs.normal(5, 4, 3);
    Tensor a = Inputs.normal(6, 2, 4).detach();
    a.matmul(inner).sum().backward();
    inner.zeroGrad(false);
    Tensor output = new Function() {
      @Override
      protected Tensor forward(FunctionContext ctx, Tensor... inputs) {
        return inputs[0].sum();
      }

      @Override
      protected Tensor[] backward(FunctionContext ctx, Tensor gradOutput) {
        try (Grad.Scope on = Grad.enabled()) {
          List<Tensor> nested = Autograd.grad(a.matmul(inner).sum(), List.of(inner), false);
          assertEquals(0.0, inner.grad().data().abs().sum().item(), "the nested Autograd.grad must not accumulate");
          return new Tensor[] {nested.get(0).sum().expand(2, 2)};
        }
      }
    }.apply(Inputs.normal(7, 2, 2));
    output.backward();
  }

  @Test
  void aRecordedBackwardAccumulatesOutOfPlace() {
    Net net = new Net(DType.F64);
    Tensor x = batch(3, 40, DType.F64);
    net.loss(x).backward();
    net.w1.zeroGrad(false);
    Tensor buffer = net.w1.grad();
    net.loss(x).backward(Tensor.from(NdArray.scalar(1.0, DType.F64)), false, true);
    assertNotSame(buffer, net.w1.grad(), "a recorded gradient is a new tensor in the graph");
    assertNotNull(net.w1.grad().gradFnName());
    assertEquals(0.0, buffer.data().abs().sum().item());
  }

  /**
   * In anomaly mode the weight gradient is returned, so that it is checked: here it overflows (an
   * input of 1e200 times an output gradient of 1e200) while the forward stays finite.
   */
  @Test
  void anomalyModeChecksGradientsInsteadOfAddingThemDirectly() {
    Tensor w = Inputs.normal(8, 2, 2).times(1e-200).detach().requiresGrad(true);
    Tensor x = Tensor.from(NdArray.full(Shape.of(3, 2), 1e200, DType.F64));
    x.matmul(w).sum().backward();
    w.zeroGrad(false);
    Autograd.detectAnomaly(true);
    try {
      VectorgradException e = assertThrows(VectorgradException.class, () -> x.matmul(w).times(1e200).sum().backward());
      assertTrue(e.getMessage().contains("matmul"), e.getMessage());
    } finally {
      Autograd.detectAnomaly(false);
    }
  }

  @Test
  void aGradientSetByTheUserIsNeverWrittenInto() {
    Net net = new Net(DType.F64);
    net.loss(batch(3, 59, DType.F64)).backward();
    net.w1.zeroGrad(false); // a kept buffer, then replaced by the user's tensor
    Tensor mine = Tensor.from(NdArray.ones(net.w1.shape(), DType.F64));
    net.w1.setGrad(mine);
    net.loss(batch(3, 60, DType.F64)).backward();
    assertEquals(30.0, mine.data().sum().item());
    assertNotSame(mine, net.w1.grad());
  }
}
