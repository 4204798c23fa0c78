package dev.vectorgrad.tensor;

import dev.vectorgrad.tensor.spi.Backends;
import dev.vectorgrad.tensor.spi.Parallel;

/** Library-wide settings and facts: threads, the CPU backend in use, devices. */
public final class Vectorgrad {
  private Vectorgrad() {}

  /** Threads the CPU backends use, like {@code torch.set_num_threads}; results do not depend on it. */
  public static void setNumThreads(int threads) {
    Parallel.setNumThreads(threads);
  }

  public static int numThreads() {
    return Parallel.numThreads();
  }

  /** The CPU backend's name: {@code simd} or {@code scalar}. */
  public static String cpuBackend() {
    return Backends.cpu().name();
  }
}
