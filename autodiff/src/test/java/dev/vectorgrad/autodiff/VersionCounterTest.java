package dev.vectorgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.tensor.VectorgradException;
import org.junit.jupiter.api.Test;

class VersionCounterTest {
  @Test
  void modifyingASavedTensorInPlaceMakesBackwardFail() {
    Tensor w = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
    Tensor a = Tensor.of(new double[] {3, 4}, 2);
    Tensor y = w.times(a).sum();
    a.addInPlace(Tensor.of(new double[] {1, 1}, 2));
    VectorgradException e = assertThrows(VectorgradException.class, y::backward);
    assertTrue(e.getMessage().contains("mul") && e.getMessage().contains("modified in place"), e.getMessage());
  }

  @Test
  void viewsShareTheVersionCounterAndTheMemory() {
    Tensor a = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
    Tensor row = a.get(1);
    row.mulInPlace(10);
    assertEquals(1, a.version());
    assertArrayEquals(new double[] {1, 2, 30, 40}, a.toDoubleArray(), 0);
  }

  @Test
  void inPlaceOnAParameterNeedsGradDisabled() {
    Tensor p = Tensor.of(new double[] {1}, 1).requiresGrad(true);
    assertThrows(VectorgradException.class, () -> p.mulInPlace(2));
    try (Grad.Scope off = Grad.disabled()) {
      p.mulInPlace(2);
    }
    assertEquals(2.0, p.item(), 0);
    assertEquals(1, p.version());
  }

  @Test
  void unchangedSavedTensorsStillBackpropagate() {
    Tensor w = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
    Tensor a = Tensor.of(new double[] {3, 4}, 2);
    Tensor y = w.times(a).sum();
    Tensor.of(new double[] {0, 0}, 2).addInPlace(a); // another tensor changes, a does not
    y.backward();
    assertArrayEquals(new double[] {3, 4}, w.grad().toDoubleArray(), 0);
  }
}
