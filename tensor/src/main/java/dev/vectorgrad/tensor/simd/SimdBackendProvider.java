package dev.vectorgrad.tensor.simd;

import dev.vectorgrad.tensor.VectorgradException;
import dev.vectorgrad.tensor.spi.Backend;
import dev.vectorgrad.tensor.spi.BackendProvider;
import java.util.Collections;
import java.util.List;

/**
 * Registers {@link SimdBackend} as the preferred CPU backend where the Vector API is present.
 *
 * <p>This class names no Vector API type in a field or signature, so loading it (which {@link
 * java.util.ServiceLoader} does on every JVM, Android included) never touches {@code
 * jdk.incubator.vector}. {@link #open()} looks the module up first and throws a clear exception
 * when it is missing (e.g. the JVM was started without {@code --add-modules
 * jdk.incubator.vector}); the registry records that reason and the scalar backend takes over.
 * {@code -Dvectorgrad.backend=scalar} skips this provider altogether.
 */
public final class SimdBackendProvider implements BackendProvider {
  @Override
  public String name() {
    return "simd";
  }

  @Override
  public boolean isCpu() {
    return true;
  }

  /** Above the scalar backend's 0. */
  @Override
  public int priority() {
    return 10;
  }

  @Override
  public List<Backend> open() {
    try {
      Class.forName("jdk.incubator.vector.FloatVector");
    } catch (ClassNotFoundException | LinkageError e) {
      throw new VectorgradException(
          "simd: the Vector API is not available (start the JVM with --add-modules jdk.incubator.vector);"
              + " using the scalar backend", e);
    }
    return Collections.singletonList(new SimdBackend());
  }
}
