package dev.vectorgrad.autodiff;

import org.jspecify.annotations.Nullable;

/**
 * Weight gradients added by the GEMM straight into a leaf's kept gradient buffer (see {@link
 * Tensor#zeroGrad(boolean)}) instead of into a fresh array that backward then adds or hands over.
 * Allowed only while a backward accumulates into {@link Tensor#grad()} without recording it: not
 * with {@code createGraph}, and never inside {@link Autograd#grad}, which returns its gradients and
 * leaves {@code grad()} alone (also when it runs inside another backward, e.g. in a custom
 * function's rule).
 */
final class Accumulation {
  private Accumulation() {}

  /** Whether the innermost backward running on this thread accumulates into leaves' grads. */
  private static final ThreadLocal<boolean[]> INTO_GRADS = ThreadLocal.withInitial(() -> new boolean[1]);

  static boolean active() {
    return INTO_GRADS.get()[0];
  }

  /** Sets whether the backward now starting accumulates into grads; returns the setting to restore. */
  static boolean enter(boolean intoGrads) {
    boolean[] state = INTO_GRADS.get();
    boolean outer = state[0];
    state[0] = intoGrads;
    return outer;
  }

  static void exit(boolean outer) {
    INTO_GRADS.get()[0] = outer;
  }

  /**
   * {@code a · b}, the gradient of {@code target}; or, when target is a leaf with a kept buffer
   * that may take it ({@link Tensor#gradBufferFor}), {@code null} after adding the product into
   * that buffer, so that no gradient flows on to be accumulated a second time.
   */
  static @Nullable Tensor product(Tensor target, Tensor a, Tensor b) {
    Tensor buffer = target.gradBufferFor(a, b);
    if (buffer == null) {
      return a.matmul(b);
    }
    buffer.data().addmmInPlace(a.data(), b.data());
    buffer.bumpVersion();
    return null;
  }
}
