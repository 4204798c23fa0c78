package dev.vectorgrad.tensor.spi;

import java.util.List;

/**
 * Found through {@link java.util.ServiceLoader}: names a backend and opens one {@link Backend} per
 * device it can drive. Listed in {@code META-INF/services/dev.vectorgrad.tensor.spi.BackendProvider}.
 */
public interface BackendProvider {
  /** The name {@code -Dvectorgrad.backend=NAME} selects, e.g. {@code scalar}. */
  String name();

  /** True for backends computing on the host, {@code Device.CPU}; one of them is chosen. */
  boolean isCpu();

  /** Among available CPU providers the highest priority wins unless one is named. */
  int priority();

  /**
   * Opens the backends. May throw anything (missing native libraries, no drivers): the registry
   * catches it and reports the provider as unavailable with the reason.
   */
  List<Backend> open();
}
