package dev.vectorgrad.autodiff;

import dev.vectorgrad.tensor.ShapeMismatchException;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reverse-mode traversal. Counts, for every node reachable from the roots, how many edges lead into
 * it, then runs nodes once all their consumers have contributed (Kahn's algorithm). Both passes use
 * explicit stacks, so a chain of a million ops needs no deep Java stack.
 */
final class Engine {
  private Engine() {}

  /** Where the gradient reaching a leaf (or a requested tensor) goes. */
  interface Sink {
    void accept(Tensor tensor, Tensor grad);
  }

  /**
   * Propagates {@code grads} from {@code roots}. A gradient reaching a leaf that requires grad, or a
   * tensor listed in {@code captured}, goes to {@code sink}; gradients do not flow past captured
   * tensors' nodes unless they have other consumers. {@code intoGrads} says that the sink
   * accumulates into leaves' grads, so rules may add products into kept buffers ({@link
   * Accumulation}).
   */
  static void run(
      List<Tensor> roots,
      List<Tensor> grads,
      boolean retainGraph,
      boolean createGraph,
      boolean intoGrads,
      Map<Node, Tensor> captured,
      Sink sink) {
    boolean outer = Accumulation.enter(intoGrads && !createGraph);
    try {
      propagate(roots, grads, retainGraph, createGraph, captured, sink);
    } finally {
      Accumulation.exit(outer);
    }
  }

  private static void propagate(
      List<Tensor> roots,
      List<Tensor> grads,
      boolean retainGraph,
      boolean createGraph,
      Map<Node, Tensor> captured,
      Sink sink) {
    Map<Node, Integer> dependencies = countDependencies(roots);
    Map<Node, Tensor> pending = new IdentityHashMap<>();
    for (int i = 0; i < roots.size(); i++) {
      Tensor root = roots.get(i);
      Tensor grad = grads.get(i);
      if (!grad.shape().equals(root.shape())) {
        throw new ShapeMismatchException(
            "backward: gradient of shape " + grad.shape() + " for an output of shape " + root.shape());
      }
      Node node = root.gradFn();
      if (node == null) {
        sink.accept(root, grad);
      } else {
        pending.merge(node, grad, Tensor::plus);
      }
    }
    ArrayDeque<Node> ready = new ArrayDeque<>();
    for (Tensor root : roots) {
      Node node = root.gradFn();
      if (node != null && dependencies.get(node) == 0 && !ready.contains(node)) {
        ready.push(node);
      }
    }
    try (Grad.Scope mode = createGraph ? Grad.enabled() : Grad.disabled()) {
      while (!ready.isEmpty()) {
        Node node = ready.pop();
        // A node may get no gradient at all (its consumers returned none); it still has to release
        // its producers' dependency counts, or producers reached by other paths would never run.
        Tensor grad = pending.remove(node);
        @Nullable Tensor @Nullable [] inputGrads = grad == null ? null : Anomaly.backward(node, grad);
        if (grad != null) {
          Tensor capturedOutput = captured.get(node);
          if (capturedOutput != null) {
            sink.accept(capturedOutput, grad);
          }
          if (!retainGraph) {
            node.release();
          }
        }
        for (int i = 0; i < node.inputs.length; i++) {
          Tensor input = node.inputs[i];
          Tensor inputGrad = inputGrads == null ? null : inputGrads[i];
          Node producer = input.gradFn();
          if (producer != null) {
            if (inputGrad != null) {
              pending.merge(producer, inputGrad, Tensor::plus);
            }
            if (dependencies.merge(producer, -1, Integer::sum) == 0) {
              ready.push(producer);
            }
          } else if (inputGrad != null && input.requiresGrad()) {
            sink.accept(input, inputGrad);
          }
        }
      }
    }
  }

  /** For each reachable node, the number of edges from other reachable nodes into it. */
  private static Map<Node, Integer> countDependencies(List<Tensor> roots) {
    Map<Node, Integer> dependencies = new IdentityHashMap<>();
    ArrayDeque<Node> stack = new ArrayDeque<>();
    for (Tensor root : roots) {
      Node node = root.gradFn();
      if (node != null && !dependencies.containsKey(node)) {
        dependencies.put(node, 0);
        stack.push(node);
      }
    }
    while (!stack.isEmpty()) {
      Node node = stack.pop();
      for (Tensor input : node.inputs) {
        Node producer = input.gradFn();
        if (producer != null) {
          Integer seen = dependencies.get(producer);
          dependencies.put(producer, seen == null ? 1 : seen + 1);
          if (seen == null) {
            stack.push(producer);
          }
        }
      }
    }
    return dependencies;
  }
}
