package dev.vectorgrad.samples.bench;

import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Vectorgrad;
import java.util.List;
import java.util.function.Supplier;

/**
 * Memory-bound elementwise ops and reductions on 16M F32 elements, through the public NdArray API
 * (so each call allocates its result, as {@code torch.add(a, b)} does). Prints one line per case,
 * {@code add n=16777216 threads=1 ms=12.3 gbps=16.4 impl=vectorgrad-simd}, where gbps counts the
 * bytes a minimal implementation must move: inputs read plus output written (add: 12 bytes per
 * element, exp: 8, sum: 4). Softmax runs along the last axis of a {@code [4096, 4096]} array and
 * counts 8 bytes per element (read x, write the result), though the composite makes more passes.
 * The same cases in PyTorch and NumPy: {@code tools/bench_ops_peers.py}.
 *
 * <p>A first pass runs every case briefly, so the heap has grown to hold the 64 MB results before
 * anything is timed (first-touch page faults otherwise land on the first case).
 *
 * <p>Usage: {@code ./run bench ops [--threads N] [n]}; defaults: all processors, n = 2^24.
 */
public final class OpsBench {
  private OpsBench() {}

  public static void main(String[] args) {
    BenchArgs parsed = BenchArgs.parse(args, new int[] {1 << 24});
    int n = parsed.sizes()[0];
    NdArray.manualSeed(0);
    NdArray a = NdArray.randn(n);
    NdArray b = NdArray.randn(n);
    int rows = (int) Math.round(Math.sqrt(n));
    NdArray matrix = NdArray.randn(rows, n / rows);
    List<Case> cases = List.of(
        new Case("add", n, 12, () -> a.plus(b)),
        new Case("mul", n, 12, () -> a.times(b)),
        new Case("exp", n, 8, a::exp),
        new Case("relu", n, 8, a::relu),
        new Case("sum", n, 4, a::sum),
        new Case("max", n, 4, a::max),
        new Case("softmax", matrix.numel(), 8, () -> matrix.softmax(1)));
    for (Case c : cases) { // the heap grows to its working size here, not in the first timed case
      Timing.millisPerCall(c.op()::get, 0.3);
    }
    for (Case c : cases) {
      double ms = Timing.millisPerCall(c.op()::get, 1.0);
      double gbps = (double) c.bytesPerElement() * c.n() / (ms * 1e6);
      System.out.printf("%s n=%d threads=%d ms=%.3f gbps=%.1f impl=vectorgrad-%s%n",
          c.name(), c.n(), parsed.threads(), ms, gbps, Vectorgrad.cpuBackend());
    }
  }

  /** One timed call: {@code op} on {@code n} elements moving {@code bytesPerElement} each. */
  private record Case(String name, int n, int bytesPerElement, Supplier<NdArray> op) {}
}
