package dev.vectorgrad.autodiff;

import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.VectorgradException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Functional entry points to the engine, and anomaly mode. */
public final class Autograd {
  private static volatile boolean anomalyDetection;

  private Autograd() {}

  /**
   * In anomaly mode every op checks its output, and every derivative rule its gradients, for NaN
   * and Inf; the first one found raises an exception naming the op (for backward, with the place
   * the op was created as the cause). Slow: for debugging.
   */
  public static void detectAnomaly(boolean enabled) {
    anomalyDetection = enabled;
  }

  public static boolean isAnomalyDetectionEnabled() {
    return anomalyDetection;
  }

  /** {@code d output / d input} for each input, for a single-element output. */
  public static List<Tensor> grad(Tensor output, List<Tensor> inputs, boolean createGraph) {
    return grad(List.of(output), inputs, null, createGraph, createGraph);
  }

  /**
   * The gradients of {@code sum(outputs[i] * gradOutputs[i])} with respect to each input, returned
   * instead of accumulated into {@link Tensor#grad()} (like {@code torch.autograd.grad}). An input
   * the outputs do not depend on gets zeros.
   *
   * @param gradOutputs one per output, or {@code null} for ones (single-element outputs only)
   * @param createGraph record the backward so the returned gradients can be differentiated again
   */
  public static List<Tensor> grad(
      List<Tensor> outputs,
      List<Tensor> inputs,
      @Nullable List<Tensor> gradOutputs,
      boolean retainGraph,
      boolean createGraph) {
    List<Tensor> seeds = new ArrayList<>();
    for (int i = 0; i < outputs.size(); i++) {
      Tensor out = outputs.get(i);
      if (!out.requiresGrad()) {
        throw new VectorgradException("grad: output " + i + " does not require grad");
      }
      if (gradOutputs == null && out.numel() != 1) {
        throw new VectorgradException(
            "grad: output " + i + " has shape " + out.shape() + "; pass gradOutputs for non-scalars");
      }
      seeds.add(gradOutputs == null
          ? Tensor.from(NdArray.ones(out.shape(), out.dtype()).to(out.device()))
          : gradOutputs.get(i));
    }
    Map<Tensor, Integer> position = new IdentityHashMap<>();
    Map<Node, Tensor> captured = new IdentityHashMap<>();
    for (int i = 0; i < inputs.size(); i++) {
      Tensor input = inputs.get(i);
      if (!input.requiresGrad()) {
        throw new VectorgradException("grad: input " + i + " does not require grad");
      }
      position.put(input, i);
      Node node = input.gradFn();
      if (node != null) {
        captured.put(node, input);
      }
    }
    Tensor[] results = new Tensor[inputs.size()];
    Engine.run(outputs, seeds, retainGraph, createGraph, false, captured, (tensor, g) -> {
      Integer i = position.get(tensor);
      if (i != null) {
        results[i] = results[i] == null ? g : results[i].plus(g);
      }
    });
    List<Tensor> grads = new ArrayList<>();
    for (int i = 0; i < results.length; i++) {
      Tensor input = inputs.get(i);
      grads.add(results[i] != null
          ? results[i]
          : Tensor.from(NdArray.zeros(input.shape(), input.dtype()).to(input.device())));
    }
    return grads;
  }
}
