package dev.vectorgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.tensor.VectorgradException;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AnomalyTest {
  @AfterEach
  void off() {
    Autograd.detectAnomaly(false);
  }

  @Test
  void forwardNaNNamesTheOp() {
    Autograd.detectAnomaly(true);
    Tensor x = Tensor.of(new double[] {1, -1}, 2);
    VectorgradException e = assertThrows(VectorgradException.class, x::log);
    assertTrue(e.getMessage().contains("log") && e.getMessage().contains("NaN"), e.getMessage());
  }

  @Test
  void backwardInfNamesTheOpAndWhereItWasCreated() {
    Autograd.detectAnomaly(true);
    Tensor x = Tensor.of(new double[] {0, 4}, 2).requiresGrad(true);
    Tensor y = x.sqrt().sum(); // finite forward, infinite derivative at 0
    VectorgradException e = assertThrows(VectorgradException.class, y::backward);
    assertTrue(e.getMessage().contains("sqrt"), e.getMessage());
    assertNotNull(e.getCause());
    assertTrue(Arrays.stream(e.getCause().getStackTrace())
        .anyMatch(frame -> frame.getMethodName().equals("backwardInfNamesTheOpAndWhereItWasCreated")));
  }

  @Test
  void withoutAnomalyModeNonFiniteGradientsPassSilently() {
    Tensor x = Tensor.of(new double[] {0}, 1).requiresGrad(true);
    x.sqrt().sum().backward();
    assertTrue(Double.isInfinite(x.grad().item()));
  }
}
