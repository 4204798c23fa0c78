package dev.vectorgrad.samples.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The whole-program benchmarks behind {@code ./run bench <name> [args...]}. Each prints one
 * machine-readable line per case, e.g. {@code sgemm n=1024 threads=1 gflops=151.2}, so a script can
 * pair it with the same case measured in PyTorch or NumPy (see {@code tools/}).
 */
public final class Benchmarks {
  private static final Map<String, Consumer<String[]>> BENCHMARKS = new LinkedHashMap<>();

  static {
    BENCHMARKS.put("mlp-autograd", MlpAutogradBench::main);
    BENCHMARKS.put("sgemm", SgemmBench::main);
    BENCHMARKS.put("ops", OpsBench::main);
    BENCHMARKS.put("train", TrainBench::main);
  }

  private Benchmarks() {}

  public static void run(String[] args) {
    if (args.length == 0 || !BENCHMARKS.containsKey(args[0])) {
      System.err.println("usage: ./run bench <name> [args...]; names: " + BENCHMARKS.keySet());
      System.exit(2);
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    BENCHMARKS.get(args[0]).accept(rest);
  }
}
