package dev.vectorgrad.tensor.scalar;

import dev.vectorgrad.tensor.spi.Backend;
import dev.vectorgrad.tensor.spi.BackendProvider;
import java.util.Collections;
import java.util.List;

/** Registers {@link ScalarBackend} as the lowest-priority CPU backend: always available. */
public final class ScalarBackendProvider implements BackendProvider {
  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public boolean isCpu() {
    return true;
  }

  @Override
  public int priority() {
    return 0;
  }

  @Override
  public List<Backend> open() {
    return Collections.singletonList(new ScalarBackend());
  }
}
