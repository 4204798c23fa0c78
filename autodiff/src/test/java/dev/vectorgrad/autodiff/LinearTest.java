package dev.vectorgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.ShapeMismatchException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Tensor#linear}: the same values and gradients as the composed form, dtypes kept, named shape errors. */
class LinearTest {
  @Test
  void valuesAndGradientsEqualTheComposedForm() {
    Tensor x = Inputs.normal(1, 2, 3, 4);
    Tensor weight = Inputs.transposed(2, 5, 4);
    Tensor bias = Inputs.normal(3, 5);
    Tensor fused = Tensor.linear(x, weight, bias);
    Tensor composed = x.matmul(weight.t()).plus(bias);
    assertArrayEquals(composed.toDoubleArray(), fused.toDoubleArray(), 1e-12);
    List<Tensor> inputs = List.of(x, weight, bias);
    List<Tensor> expected = Autograd.grad(composed.tanh().sum(), inputs, false);
    List<Tensor> actual = Autograd.grad(fused.tanh().sum(), inputs, false);
    for (int i = 0; i < inputs.size(); i++) {
      assertEquals(expected.get(i).shape(), actual.get(i).shape());
      assertArrayEquals(expected.get(i).toDoubleArray(), actual.get(i).toDoubleArray(), 1e-12, "input " + i);
    }
  }

  @Test
  void gradientsHaveTheDtypesOfTheirInputs() {
    Tensor x = Inputs.normal(4, 3, 4).cast(DType.F32).detach().requiresGrad(true);
    Tensor weight = Inputs.normal(5, 2, 4).detach().requiresGrad(true); // F64
    Tensor bias = Inputs.normal(6, 2).cast(DType.F32).detach().requiresGrad(true);
    Tensor.linear(x, weight, bias).sum().backward();
    assertEquals(DType.F32, x.grad().dtype());
    assertEquals(DType.F64, weight.grad().dtype());
    assertEquals(DType.F32, bias.grad().dtype());
  }

  @Test
  void misfitShapesAreNamed() {
    Tensor x = Inputs.normal(7, 3, 5);
    assertEquals("linear: input [3, 5] has 5 features, weight [2, 4] expects 4",
        assertThrows(ShapeMismatchException.class, () -> Tensor.linear(x, Inputs.normal(8, 2, 4), null)).getMessage());
    assertEquals("linear: needs input [..., in] and weight [out, in], got [3, 5] and [5]",
        assertThrows(ShapeMismatchException.class, () -> Tensor.linear(x, Inputs.normal(9, 5), null)).getMessage());
    assertEquals("linear: bias [3] does not fit weight [2, 5] (bias [out])",
        assertThrows(ShapeMismatchException.class,
            () -> Tensor.linear(x, Inputs.normal(10, 2, 5), Inputs.normal(11, 3))).getMessage());
  }
}
