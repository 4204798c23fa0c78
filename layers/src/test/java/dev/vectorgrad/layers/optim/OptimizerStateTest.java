package dev.vectorgrad.layers.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.VectorgradException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Restored optimizer state must fit the parameters; a bad entry changes nothing. */
class OptimizerStateTest {
  private static Adam steppedAdam(Tensor w) {
    Adam adam = new Adam(List.of(w), 0.1);
    w.setGrad(Tensor.ones(4, 3));
    adam.step();
    return adam;
  }

  @Test
  void entriesThatDoNotFitAreRefusedBeforeAnythingChanges() {
    Tensor w = Tensor.zeros(4, 3).requiresGrad(true);
    Adam adam = steppedAdam(w);
    Map<String, Tensor> before = adam.stateDict();

    Map<String, Tensor> flattened = new LinkedHashMap<>(before);
    flattened.put("state.0.exp_avg", Tensor.ones(12));
    VectorgradException e = assertThrows(VectorgradException.class, () -> adam.loadStateDict(flattened));
    assertTrue(e.getMessage().contains("'state.0.exp_avg' F32 [12]"), e.getMessage());

    Map<String, Tensor> badStep = new LinkedHashMap<>(before);
    badStep.put("step", Tensor.scalar(1, DType.F64));
    assertThrows(VectorgradException.class, () -> adam.loadStateDict(badStep));
    Map<String, Tensor> badLr = new LinkedHashMap<>(before);
    badLr.put("lr", Tensor.scalar(Double.POSITIVE_INFINITY, DType.F64));
    assertThrows(VectorgradException.class, () -> adam.loadStateDict(badLr));
    Map<String, Tensor> outOfRange = new LinkedHashMap<>(before);
    outOfRange.put("state.1.exp_avg", Tensor.ones(4, 3));
    assertThrows(VectorgradException.class, () -> adam.loadStateDict(outOfRange));

    Map<String, Tensor> after = adam.stateDict();
    assertEquals(before.keySet(), after.keySet());
    for (String key : before.keySet()) {
      assertArrayEquals(before.get(key).toDoubleArray(), after.get(key).toDoubleArray(), key);
    }
  }
}
