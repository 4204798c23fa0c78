package dev.vectorgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Window2d;
import org.junit.jupiter.api.Test;

class WindowsTest {
  @Test
  void maxPoolGivesATiedWindowsGradientToItsFirstMaximumAsPyTorchDoes() {
    Tensor x = Tensor.from(NdArray.of(new double[] {
      1, 3, 2, 2,
      3, 0, 2, 2,
      5, 5, 0, 1,
      5, 5, 1, 0}, 1, 1, 4, 4)).requiresGrad(true);
    x.maxPool2d(Window2d.of(2, 2, 0, 1)).sum().backward();
    assertArrayEquals(new double[] {
      0, 1, 1, 0,
      0, 0, 0, 0,
      1, 0, 0, 1,
      0, 0, 0, 0}, x.grad().data().toDoubleArray());
  }
}
