package dev.vectorgrad.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.tensor.Device;
import dev.vectorgrad.tensor.ShapeMismatchException;
import dev.vectorgrad.tensor.VectorgradException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModuleTest {
  /** The seed articles' MLP, written the PyTorch way. */
  static final class Net extends Module {
    final Linear fc1 = register("fc1", new Linear(784, 128));
    final Dropout drop = register("drop", new Dropout(0.2));
    final Linear fc2 = register("fc2", new Linear(128, 10));

    @Override
    public Tensor forward(Tensor x) {
      return fc2.invoke(drop.invoke(F.relu(fc1.invoke(x))));
    }
  }

  @Test
  void parametersAreNamedByPathLikePyTorch() {
    Net net = new Net();
    assertEquals(List.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"),
        List.copyOf(net.namedParameters().keySet()));
    int count = net.parameters().stream().mapToInt(Tensor::numel).sum();
    assertEquals(784 * 128 + 128 + 128 * 10 + 10, count);
  }

  @Test
  void linearInitializationStaysInPyTorchsBound() {
    Linear layer = new Linear(400, 30);
    double bound = 1 / Math.sqrt(400);
    for (float w : layer.weight.toFloatArray()) {
      assertTrue(Math.abs(w) <= bound, "weight " + w + " outside +-" + bound);
    }
    double std = layer.weight.data().std().item();
    assertEquals(bound / Math.sqrt(3), std, 0.05 * bound, "uniform(-b, b) has std b/sqrt(3)");
  }

  @Test
  void trainAndEvalReachChildren() {
    Net net = new Net();
    net.eval();
    assertFalse(net.drop.isTraining());
    Tensor x = Tensor.randn(2, 784);
    assertEquals(net.invoke(x).toString(), net.invoke(x).toString(), "eval is deterministic");
    net.train();
    assertTrue(net.drop.isTraining());
  }

  @Test
  void stateDictRoundTripReproducesTheOutput() {
    Net a = new Net();
    Net b = new Net();
    a.eval();
    b.eval();
    Tensor x = Tensor.randn(3, 784);
    b.loadStateDict(a.stateDict(), true);
    assertEquals(a.invoke(x).toString(), b.invoke(x).toString());
  }

  @Test
  void strictLoadReportsMissingAndUnexpectedKeys() {
    Net net = new Net();
    Map<String, Tensor> state = new java.util.LinkedHashMap<>(net.stateDict());
    state.remove("fc2.bias");
    state.put("extra", Tensor.zeros(1));
    VectorgradException e = assertThrows(VectorgradException.class, () -> net.loadStateDict(state, true));
    assertTrue(e.getMessage().contains("fc2.bias") && e.getMessage().contains("extra"), e.getMessage());
    net.loadStateDict(state, false);
    state.put("fc1.bias", Tensor.zeros(3));
    assertThrows(ShapeMismatchException.class, () -> net.loadStateDict(state, false));
  }

  @Test
  void frozenParametersGetNoGradient() {
    Net net = new Net();
    net.fc1.freeze();
    net.invoke(Tensor.randn(2, 784)).sum().backward();
    assertEquals(null, net.fc1.weight.grad());
    assertTrue(net.fc2.weight.grad() != null);
  }

  @Test
  void toKeepsTheParameterObjects() {
    Net net = new Net();
    Tensor weight = net.fc1.weight;
    net.to(Device.CPU);
    assertSame(weight, net.fc1.weight);
  }

  @Test
  void printsATreeLikePyTorch() {
    assertEquals("Net(\n  (fc1): Linear(in=784, out=128)\n  (drop): Dropout(p=0.2)\n"
        + "  (fc2): Linear(in=128, out=10)\n)", new Net().toString());
  }

  @Test
  void duplicateNamesAreRejected() {
    assertThrows(VectorgradException.class, () -> new Module() {
      final Linear a = register("a", new Linear(1, 1));
      final Linear b = register("a", new Linear(1, 1));

      @Override
      public Tensor forward(Tensor x) {
        return x;
      }
    });
  }
}
