package dev.vectorgrad.autodiff;

/**
 * Whether ops record the graph, per thread, like {@code torch.no_grad()}:
 *
 * <pre>{@code
 * try (var off = Grad.disabled()) {
 *   ... // ops here record nothing and their results do not require grad
 * }
 * }</pre>
 */
public final class Grad {
  private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> true);

  private Grad() {}

  /** Restores the previous grad mode when closed. */
  public static final class Scope implements AutoCloseable {
    private final boolean previous;

    private Scope(boolean enabled) {
      previous = ENABLED.get();
      ENABLED.set(enabled);
    }

    @Override
    public void close() {
      ENABLED.set(previous);
    }
  }

  /** Turns recording off on this thread until the scope closes. */
  public static Scope disabled() {
    return new Scope(false);
  }

  /** Turns recording on on this thread until the scope closes (inside a disabled scope). */
  public static Scope enabled() {
    return new Scope(true);
  }

  /** Whether ops on this thread record the graph. */
  public static boolean isEnabled() {
    return ENABLED.get();
  }
}
