package dev.vectorgrad.samples.jmh;

import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.simd.Gemm;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The simd SGEMM on square contiguous F32 operands, {@code [1, n, n] x [1, n, n]}, one product per
 * call; GFLOP/s is {@code 2 n^3 / (time per call)}. Run with {@code ./run jmh SgemmJmh}; the thread
 * count is the {@link dev.vectorgrad.tensor.spi.Parallel} default (all processors). The warm-up is
 * long enough for C2 to compile the micro-kernel: before that the Vector API runs boxed and slow.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SgemmJmh {
  @Param({"64", "128", "256", "512", "1024", "2048"})
  public int n;

  private NdArray a;
  private NdArray b;
  private NdArray out;

  @Setup
  public void setUp() {
    NdArray.manualSeed(0);
    a = NdArray.randn(1, n, n);
    b = NdArray.randn(1, n, n);
    out = NdArray.zeros(Shape.of(1, n, n));
  }

  @Benchmark
  public NdArray sgemm() {
    Gemm.matmul(a, b, out);
    return out;
  }
}
