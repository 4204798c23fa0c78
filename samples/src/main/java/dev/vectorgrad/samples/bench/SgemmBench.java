package dev.vectorgrad.samples.bench;

import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.simd.Gemm;
import dev.vectorgrad.tensor.spi.Parallel;
import java.util.ArrayList;
import java.util.List;

/**
 * Throughput of the simd SGEMM on square contiguous F32 operands, {@code [n, n] x [n, n]}, in
 * GFLOP/s ({@code 2 n^3} flops per product). Prints one line per size, {@code sgemm n=1024
 * threads=1 gflops=151.2}; with {@code --gemv} also the matrix-vector product {@code [1, n] x [n,
 * n]} as {@code sgemv n=1024 threads=1 gflops=...} ({@code 2 n^2} flops). The same cases in NumPy
 * and PyTorch: {@code tools/bench_gemm_peers.py}.
 *
 * <p>Usage: {@code ./run bench sgemm [--threads N] [--seconds S] [--gemv] [n...]}; defaults: all
 * processors, 1 second of warm-up and per round (see {@link Timing}), n = 64 128 256 512 1024 2048.
 */
public final class SgemmBench {
  private SgemmBench() {}

  public static void main(String[] args) {
    int threads = Runtime.getRuntime().availableProcessors();
    double seconds = 1.0;
    boolean gemv = false;
    List<Integer> sizes = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--seconds" -> seconds = Double.parseDouble(args[++i]);
        case "--gemv" -> gemv = true;
        default -> sizes.add(Integer.parseInt(args[i]));
      }
    }
    if (sizes.isEmpty()) {
      sizes = List.of(64, 128, 256, 512, 1024, 2048);
    }
    Parallel.setNumThreads(threads);
    NdArray.manualSeed(0);
    warmUp(Math.max(3, 2 * seconds));
    for (int n : sizes) {
      report("sgemm", n, n, threads, seconds);
      if (gemv) {
        report("sgemv", 1, n, threads, seconds);
      }
    }
  }

  /**
   * Runs products of every path untimed until they stop getting faster (at least {@code seconds},
   * at most 20 s): until C2 has compiled the kernels the Vector API runs boxed, a hundred times
   * slower, and on a busy machine the compiler threads can take several seconds to get there.
   */
  private static void warmUp(double seconds) {
    int[] sizes = {100, 300}; // edge tiles in both dimensions; one task and several
    Runnable body = () -> {
      for (int n : sizes) {
        NdArray a = NdArray.randn(1, n, n);
        Gemm.matmul(a, a, NdArray.zeros(Shape.of(1, n, n)));
        Gemm.matmul(NdArray.randn(1, 1, n), a, NdArray.zeros(Shape.of(1, 1, n)));
      }
    };
    long start = System.nanoTime();
    double previous = Double.MAX_VALUE;
    while (true) {
      double ms = Timing.millisPerCall(body, 0.1);
      double elapsed = (System.nanoTime() - start) / 1e9;
      if (elapsed > 20 || (elapsed > seconds && ms > 0.9 * previous)) {
        return;
      }
      previous = Math.min(previous, ms);
    }
  }

  /** Times {@code [m, n] x [n, n]} and prints its line. */
  private static void report(String name, int m, int n, int threads, double seconds) {
    NdArray a = NdArray.randn(1, m, n);
    NdArray b = NdArray.randn(1, n, n);
    NdArray out = NdArray.zeros(Shape.of(1, m, n));
    double ms = Timing.millisPerCall(() -> Gemm.matmul(a, b, out), seconds);
    double gflops = 2.0 * m * n * n / (ms * 1e6);
    System.out.printf("%s n=%d threads=%d gflops=%.1f%n", name, n, threads, gflops);
  }
}
