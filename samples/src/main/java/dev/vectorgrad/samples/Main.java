package dev.vectorgrad.samples;

import dev.vectorgrad.samples.bench.Benchmarks;
import dev.vectorgrad.samples.keras.KerasMnist;
import dev.vectorgrad.samples.mnist.MnistKotlin;
import dev.vectorgrad.samples.mnist.MnistTorchStyle;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** The dispatcher behind {@code ./run <job> [args...]}. */
public final class Main {
  private static final Map<String, Job> JOBS = new LinkedHashMap<>();

  private record Job(String summary, Consumer<String[]> body) {}

  static {
    JOBS.put("mnist", new Job("the Keras MNIST convnet: [--epochs N] [--batch-size N] [--threads N] [--dataset"
        + " mnist|fashion] [--data DIR]", KerasMnist::main));
    JOBS.put("tour", new Job("the tensor API next to PyTorch and Keras/TensorFlow", Tour::main));
    JOBS.put("mnist-torch-style", new Job(
        "the PyTorch MNIST example: [--model mlp|cnn] [--epochs N] [--data DIR]", MnistTorchStyle::main));
    JOBS.put("mnist-kotlin", new Job("the same CNN written in Kotlin: [epochs]", MnistKotlin::main));
    JOBS.put("bench", new Job("whole-program benchmarks: bench <name> [args...]", Benchmarks::run));
    JOBS.put("jmh", new Job("JMH microbenchmarks: jmh [JMH options, e.g. a name regex]", Main::jmh));
  }

  private Main() {}

  private static void jmh(String[] args) {
    try {
      org.openjdk.jmh.Main.main(args);
    } catch (Exception e) {
      throw new IllegalStateException("JMH failed", e);
    }
  }

  public static void main(String[] args) {
    if (args.length == 0 || !JOBS.containsKey(args[0])) {
      System.err.println(args.length == 0 ? "usage: ./run <job> [args...]" : "unknown job: " + args[0]);
      JOBS.forEach((name, job) -> System.err.printf("  %-12s %s%n", name, job.summary()));
      System.exit(2);
    }
    JOBS.get(args[0]).body().accept(Arrays.copyOfRange(args, 1, args.length));
  }
}
