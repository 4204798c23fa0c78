package dev.vectorgrad.samples.jmh;

import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Vectorgrad;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH versions of {@code ./run bench ops}: elementwise ops, reductions and softmax through the
 * public NdArray API, at a cache-resident size (64K elements, where compute shows) and at 16M
 * (memory-bound), for a given thread count. Run with {@code ./run jmh OpsJmh} or e.g. {@code ./run
 * jmh OpsJmh.exp -p n=16777216 -p threads=1}; results in ms per call. The backend is the default
 * CPU backend ({@code -Dvectorgrad.backend=scalar} in {@code -jvmArgsAppend} compares the scalar one).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class OpsJmh {
  @Param({"65536", "16777216"})
  int n;

  @Param({"1"})
  int threads;

  NdArray a;
  NdArray b;
  NdArray matrix;

  @Setup(Level.Trial)
  public void setUp() {
    Vectorgrad.setNumThreads(threads);
    NdArray.manualSeed(0);
    a = NdArray.randn(n);
    b = NdArray.randn(n);
    int rows = (int) Math.round(Math.sqrt(n));
    matrix = NdArray.randn(rows, n / rows);
  }

  @Benchmark
  public NdArray add() {
    return a.plus(b);
  }

  @Benchmark
  public NdArray mul() {
    return a.times(b);
  }

  @Benchmark
  public NdArray exp() {
    return a.exp();
  }

  @Benchmark
  public NdArray relu() {
    return a.relu();
  }

  @Benchmark
  public NdArray tanh() {
    return a.tanh();
  }

  @Benchmark
  public NdArray gelu() {
    return a.gelu();
  }

  @Benchmark
  public NdArray sum() {
    return a.sum();
  }

  @Benchmark
  public NdArray max() {
    return a.max();
  }

  @Benchmark
  public NdArray softmax() {
    return matrix.softmax(1);
  }
}
