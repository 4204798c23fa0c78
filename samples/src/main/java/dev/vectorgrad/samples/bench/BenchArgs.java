package dev.vectorgrad.samples.bench;

import dev.vectorgrad.tensor.spi.Parallel;
import java.util.ArrayList;
import java.util.List;

/**
 * The common arguments of the benchmarks: {@code [--threads N] [size...]}. Parsing applies the
 * thread count to the CPU backends' pool.
 */
record BenchArgs(int threads, int[] sizes) {
  static BenchArgs parse(String[] args, int[] defaultSizes) {
    int threads = Runtime.getRuntime().availableProcessors();
    List<Integer> sizes = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--threads") && i + 1 < args.length) {
        threads = Integer.parseInt(args[++i]);
      } else {
        sizes.add(Integer.parseInt(args[i]));
      }
    }
    Parallel.setNumThreads(threads);
    int[] chosen = sizes.isEmpty() ? defaultSizes : sizes.stream().mapToInt(Integer::intValue).toArray();
    return new BenchArgs(threads, chosen);
  }
}
