package dev.vectorgrad.autodiff;

import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.VectorgradException;
import org.jspecify.annotations.Nullable;

/** The checks of anomaly mode ({@link Autograd#detectAnomaly}): the first NaN or Inf names its op. */
final class Anomaly {
  /** Set while a derivative rule runs, so its result is blamed on the rule's op, not on its parts. */
  private static final ThreadLocal<Boolean> IN_RULE = ThreadLocal.withInitial(() -> false);

  private Anomaly() {}

  /** Runs a node's derivative rule with forward checks off, then checks what it produced. */
  static @Nullable Tensor[] backward(Node node, Tensor grad) {
    if (!Autograd.isAnomalyDetectionEnabled()) {
      return node.backward(grad);
    }
    IN_RULE.set(true);
    @Nullable Tensor[] grads;
    try {
      grads = node.backward(grad);
    } finally {
      IN_RULE.set(false);
    }
    checkBackward(node, grads);
    return grads;
  }

  private static boolean hasNonFinite(NdArray x) {
    if (!x.dtype().isFloating() || x.numel() == 0) {
      return false;
    }
    return x.abs().lt(Double.POSITIVE_INFINITY).cast(DType.I64).sum().itemLong() != x.numel();
  }

  static void checkForward(String op, NdArray out) {
    if (Autograd.isAnomalyDetectionEnabled() && !IN_RULE.get() && hasNonFinite(out)) {
      throw new VectorgradException(
          "anomaly: " + op + " produced NaN or Inf in its output of shape " + out.shape());
    }
  }

  private static void checkBackward(Node node, @Nullable Tensor[] grads) {
    for (int i = 0; i < grads.length; i++) {
      Tensor g = grads[i];
      if (g != null && hasNonFinite(g.data())) {
        String message =
            "anomaly: the backward of " + node.name + " produced NaN or Inf in the gradient of input "
                + i + " (shape " + g.shape() + ")";
        Throwable site = node.creationSite;
        throw site == null ? new VectorgradException(message) : new VectorgradException(message, site);
      }
    }
  }
}
