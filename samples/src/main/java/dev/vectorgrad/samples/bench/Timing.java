package dev.vectorgrad.samples.bench;

/** Wall-clock timing for whole-program benchmarks: warm up, then the median of several rounds. */
final class Timing {
  private Timing() {}

  /**
   * Runs {@code body} until about {@code seconds} of warm-up have passed, then five rounds of the
   * same length; returns the median milliseconds per call.
   */
  static double millisPerCall(Runnable body, double seconds) {
    long budget = (long) (seconds * 1e9);
    int calls = 0;
    long start = System.nanoTime();
    while (System.nanoTime() - start < budget) {
      body.run();
      calls++;
    }
    double[] rounds = new double[5];
    for (int r = 0; r < rounds.length; r++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        body.run();
      }
      rounds[r] = (System.nanoTime() - t0) / 1e6 / calls;
    }
    java.util.Arrays.sort(rounds);
    return rounds[rounds.length / 2];
  }
}
