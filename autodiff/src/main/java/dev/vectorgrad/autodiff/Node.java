package dev.vectorgrad.autodiff;

import dev.vectorgrad.tensor.VectorgradException;
import org.jspecify.annotations.Nullable;

/**
 * One recorded op: its inputs, the tensors its derivative rule needs (with their versions at save
 * time), and the rule. The graph is the web of nodes reachable through {@link Tensor#gradFn()}.
 */
final class Node {
  /** Maps the gradient of the output to one gradient per input ({@code null} where none flows). */
  interface Rule {
    @Nullable Tensor[] apply(Tensor gradOutput, Tensor[] saved);
  }

  final String name;
  final Tensor[] inputs;
  private Tensor @Nullable [] saved;
  private final int[] savedVersions;
  private @Nullable Rule rule;
  /** Where the op was called, captured only in anomaly mode. */
  final @Nullable Throwable creationSite;

  Node(String name, Tensor[] inputs, Tensor[] saved, Rule rule) {
    this.name = name;
    this.inputs = inputs;
    this.saved = saved;
    this.savedVersions = new int[saved.length];
    for (int i = 0; i < saved.length; i++) {
      savedVersions[i] = saved[i].version();
    }
    this.rule = rule;
    this.creationSite = Autograd.isAnomalyDetectionEnabled() ? new Throwable("created here") : null;
  }

  /** Whether input {@code i} wants a gradient. */
  boolean needsGrad(int i) {
    return inputs[i].requiresGrad();
  }

  @Nullable Tensor[] backward(Tensor gradOutput) {
    Tensor[] tensors = saved;
    Rule r = rule;
    if (tensors == null || r == null) {
      throw new VectorgradException(
          "backward through " + name + " a second time: its saved tensors were freed after the first"
              + " backward; pass retainGraph=true to the first call");
    }
    for (int i = 0; i < tensors.length; i++) {
      if (tensors[i].version() != savedVersions[i]) {
        throw new VectorgradException(
            "backward through " + name + ": a tensor of shape " + tensors[i].shape()
                + " that it saved was modified in place (version " + tensors[i].version()
                + ", saved at version " + savedVersions[i] + "); use an out-of-place op");
      }
    }
    return r.apply(gradOutput, tensors);
  }

  /** Frees what the rule needs, so a finished graph holds no activations. */
  void release() {
    saved = null;
    rule = null;
  }

  @Override
  public String toString() {
    return name;
  }
}
