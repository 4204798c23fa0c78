package dev.vectorgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.ShapeMismatchException;
import dev.vectorgrad.tensor.VectorgradException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class EngineTest {
  private static Tensor leaf(double... values) {
    return Tensor.of(values, values.length).requiresGrad(true);
  }

  @Test
  void fanOutAccumulatesEveryPath() {
    Tensor x = leaf(1.5, -2.0);
    x.times(x).plus(x).sum().backward(); // d/dx (x^2 + x) = 2x + 1
    assertArrayEquals(new double[] {4.0, -3.0}, x.grad().toDoubleArray(), 1e-12);
  }

  @Test
  void gradientsAccumulateAcrossBackwardCallsUntilCleared() {
    Tensor x = leaf(3.0);
    x.times(2.0).sum().backward();
    x.times(2.0).sum().backward();
    assertEquals(4.0, x.grad().item(), 1e-12);
    x.zeroGrad();
    assertNull(x.grad());
  }

  @Test
  void aMillionOpChainBackpropagatesWithoutStackOverflow() {
    Tensor x = Tensor.scalar(1.0, DType.F64).requiresGrad(true);
    Tensor y = x;
    for (int i = 0; i < 1_000_000; i++) {
      y = y.plus(1e-6);
    }
    y.backward();
    assertEquals(1.0, x.grad().item(), 0);
    assertEquals(2.0, y.item(), 1e-9);
  }

  @Test
  void secondBackwardNeedsRetainGraph() {
    Tensor x = leaf(2.0);
    Tensor y = x.exp().sum();
    y.backward(Tensor.scalar(1.0, DType.F64), true, false);
    y.backward(Tensor.scalar(1.0, DType.F64));
    assertEquals(2 * Math.exp(2.0), x.grad().item(), 1e-12);
    VectorgradException e = assertThrows(VectorgradException.class, y::backward);
    assertTrue(e.getMessage().contains("retainGraph"), e.getMessage());
  }

  @Test
  void backwardFromNonScalarNeedsAGradient() {
    Tensor x = leaf(1, 2);
    Tensor y = x.times(3.0);
    assertThrows(ShapeMismatchException.class, y::backward);
    y.backward(Tensor.of(new double[] {1, 10}, 2));
    assertArrayEquals(new double[] {3, 30}, x.grad().toDoubleArray(), 0);
  }

  @Test
  void gradientOfWrongShapeIsRejected() {
    Tensor y = leaf(1, 2).times(3.0);
    assertThrows(ShapeMismatchException.class, () -> y.backward(Tensor.of(new double[] {1, 2, 3}, 3)));
  }

  @Test
  void noGradScopeRecordsNothingAndRestoresTheMode() {
    Tensor x = leaf(1, 2);
    try (Grad.Scope off = Grad.disabled()) {
      Tensor y = x.times(2.0);
      assertFalse(y.requiresGrad());
      try (Grad.Scope on = Grad.enabled()) {
        assertTrue(x.times(2.0).requiresGrad());
      }
      assertFalse(Grad.isEnabled());
    }
    assertTrue(Grad.isEnabled());
    assertTrue(x.times(2.0).requiresGrad());
  }

  @Test
  void gradModeIsConfinedToItsThread() throws InterruptedException {
    AtomicBoolean otherThreadRecords = new AtomicBoolean();
    Tensor x = leaf(1);
    try (Grad.Scope off = Grad.disabled()) {
      Thread other = new Thread(() -> otherThreadRecords.set(x.times(2.0).requiresGrad()));
      other.start();
      other.join();
    }
    assertTrue(otherThreadRecords.get());
  }

  @Test
  void detachStopsTheGradientAndSharesMemory() {
    Tensor x = leaf(2.0);
    Tensor d = x.times(3.0).detach();
    assertTrue(d.isLeaf());
    assertFalse(d.requiresGrad());
    x.times(d).sum().backward();
    assertEquals(6.0, x.grad().item(), 0);
  }

  @Test
  void leavesAndRecordedResultsDescribeThemselves() {
    Tensor x = leaf(1.0);
    Tensor y = x.times(2.0);
    assertTrue(x.isLeaf());
    assertFalse(y.isLeaf());
    assertEquals("mul", y.gradFnName());
    assertEquals("tensor([1.], dtype=float64, requires_grad=True)", x.toString());
    assertEquals("tensor([2.], dtype=float64, grad_fn=<mul>)", y.toString());
  }

  @Test
  void requiresGradIsOnlyForFloatingLeaves() {
    Tensor y = leaf(1.0).times(2.0);
    assertThrows(VectorgradException.class, () -> y.requiresGrad(false));
    assertThrows(VectorgradException.class, () -> Tensor.arange(3).requiresGrad(true));
  }

  @Test
  void comparisonsAndIndicesCarryNoGradient() {
    Tensor x = leaf(1, -1);
    assertFalse(x.gt(0).requiresGrad());
    assertFalse(x.argmax().requiresGrad());
  }

  /**
   * 100,000 training steps of a small model: the graph of each step is released, so the heap after
   * a full GC does not grow with the number of steps.
   */
  @Test
  void trainingLoopKeepsAFlatHeap() {
    Tensor.manualSeed(3);
    Tensor w = Tensor.randn(8, 4).times(0.1f).detach().requiresGrad(true);
    Tensor x = Tensor.randn(2, 8);
    Tensor y = Tensor.randn(2, 4);
    long afterWarmUp = 0;
    for (int step = 1; step <= 100_000; step++) {
      Tensor loss = x.matmul(w).tanh().minus(y).pow(2).mean();
      loss.backward();
      try (Grad.Scope off = Grad.disabled()) {
        w.subInPlace(w.grad().times(0.01f));
      }
      w.zeroGrad();
      if (step == 10_000) {
        afterWarmUp = usedHeapAfterGc();
      }
    }
    long growth = usedHeapAfterGc() - afterWarmUp;
    assertTrue(growth < 4 << 20, "heap grew by " + growth + " bytes over 90,000 steps");
  }

  private static long usedHeapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
