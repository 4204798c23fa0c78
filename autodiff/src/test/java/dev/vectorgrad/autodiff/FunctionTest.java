package dev.vectorgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.tensor.ShapeMismatchException;
import dev.vectorgrad.tensor.VectorgradException;
import org.junit.jupiter.api.Test;

class FunctionTest {
  /** {@code x^3}, with its derivative written by hand. */
  static final class Cube extends Function {
    @Override
    protected Tensor forward(FunctionContext ctx, Tensor... in) {
      ctx.saveForBackward(in[0]);
      return in[0].pow(3);
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor grad) {
      Tensor x = ctx.savedTensors()[0];
      return new Tensor[] {grad.times(x.pow(2)).times(3f)};
    }
  }

  /** {@code a * scale + b}, keeping a non-tensor value in the context. */
  static final class ScaledSum extends Function {
    @Override
    protected Tensor forward(FunctionContext ctx, Tensor... in) {
      ctx.put("scale", 2.5);
      return in[0].times(2.5).plus(in[1]);
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor grad) {
      double scale = ctx.get("scale");
      return new Tensor[] {
        ctx.needsInputGrad(0) ? grad.times(scale) : null, ctx.needsInputGrad(1) ? grad : null
      };
    }
  }

  @Test
  void customFunctionJoinsTheGraph() {
    Tensor x = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
    Tensor y = new Cube().apply(x.times(2.0)).sum(); // (2x)^3 -> 24 x^2
    assertEquals("Cube", new Cube().apply(x).gradFnName());
    y.backward();
    assertArrayEquals(new double[] {24, 96}, x.grad().toDoubleArray(), 1e-12);
  }

  @Test
  void customFunctionsPassGradCheck() {
    GradCheck.check(in -> new Cube().apply(in[0]), Inputs.normal(1, 3, 2));
    GradCheck.check(in -> new ScaledSum().apply(in[0], in[1]), Inputs.normal(2, 3), Inputs.normal(3, 3));
  }

  @Test
  void inputsWithoutGradGetNone() {
    Tensor a = Tensor.of(new double[] {1}, 1).requiresGrad(true);
    Tensor b = Tensor.of(new double[] {1}, 1);
    new ScaledSum().apply(a, b).sum().backward();
    assertEquals(2.5, a.grad().item(), 0);
  }

  @Test
  void wrongNumberOrShapeOfGradientsIsReported() {
    Function tooFew = new Function() {
      @Override
      protected Tensor forward(FunctionContext ctx, Tensor... in) {
        return in[0].plus(in[1]);
      }

      @Override
      protected Tensor[] backward(FunctionContext ctx, Tensor grad) {
        return new Tensor[] {grad};
      }
    };
    Tensor a = Tensor.of(new double[] {1}, 1).requiresGrad(true);
    VectorgradException e = assertThrows(VectorgradException.class, () -> tooFew.apply(a, a).sum().backward());
    assertTrue(e.getMessage().contains("1 gradients for 2 inputs"), e.getMessage());

    Function wrongShape = new Function() {
      @Override
      protected Tensor forward(FunctionContext ctx, Tensor... in) {
        return in[0].sum();
      }

      @Override
      protected Tensor[] backward(FunctionContext ctx, Tensor grad) {
        return new Tensor[] {grad};
      }
    };
    Tensor v = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
    assertThrows(ShapeMismatchException.class, () -> wrongShape.apply(v).backward());
  }

  @Test
  void savedTensorChangedInPlaceIsCaught() {
    Tensor w = Tensor.of(new double[] {1, 1}, 2).requiresGrad(true);
    Tensor z = new Cube().apply(w).sum();
    try (Grad.Scope off = Grad.disabled()) {
      w.mulInPlace(2);
    }
    VectorgradException e = assertThrows(VectorgradException.class, z::backward);
    assertTrue(e.getMessage().contains("Cube"), e.getMessage());
  }
}
