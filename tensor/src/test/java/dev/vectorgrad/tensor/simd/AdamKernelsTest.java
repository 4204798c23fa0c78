package dev.vectorgrad.tensor.simd;

import static dev.vectorgrad.tensor.simd.SimdVsScalarTest.assertSameBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vectorgrad.tensor.AdamStep;
import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.DTypeMismatchException;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.ShapeMismatchException;
import dev.vectorgrad.tensor.scalar.ScalarBackend;
import dev.vectorgrad.tensor.spi.Backend;
import dev.vectorgrad.tensor.spi.Parallel;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The fused Adam update of both CPU backends against the same formula written as separate NdArray
 * ops (with subnormal moments flushed to zero, see {@link AdamStep}), bit for bit: contiguous arrays at sizes around the vector lengths and past several parallel
 * chunks, arrays at different offsets in larger storages, non-contiguous arrays (which take the
 * composed path), gradients with special values and moments that are subnormal.
 */
class AdamKernelsTest {
  private final Backend[] backends = {new ScalarBackend(), new SimdBackend()};

  /** {@code [p, m, v]} after one update, as the separate ops compute it, subnormal moments flushed. */
  private static NdArray[] composed(NdArray p, NdArray g, NdArray m, NdArray v, AdamStep c) {
    NdArray m1 = flush(m.times(c.beta1()).plus(g.times(1 - c.beta1())));
    NdArray v1 = flush(v.times(c.beta2()).plus(g.times(g).times(1 - c.beta2())));
    NdArray denominator = v1.sqrt().div(Math.sqrt(c.biasCorrection2())).plus(c.eps());
    return new NdArray[] {p.minus(m1.div(denominator).times(c.lr() / c.biasCorrection1())), m1, v1};
  }

  private static NdArray flush(NdArray x) {
    double tiny = x.dtype() == DType.F32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
    return NdArray.where(x.abs().lt(tiny), NdArray.zeros(x.shape(), x.dtype()), x);
  }

  /** Four inputs {@code p, g, m, v} of n elements; v is non-negative, m partly subnormal. */
  private static NdArray[] inputs(int n, DType dtype, Random random) {
    double[] m = Views.values(n, random, 1e-3, false);
    for (int i = 0; i < n; i += 7) {
      m[i] = i % 2 == 0 ? 1e-40 : -Float.MIN_VALUE;
    }
    double[] v = Views.values(n, random, 1e-3, true);
    for (int i = 0; i < n; i++) {
      v[i] = Double.isNaN(v[i]) ? 0 : v[i] * v[i];
    }
    return new NdArray[] {
      Views.array(Views.values(n, random, 1, false), dtype, n),
      Views.array(Views.values(n, random, 1e-2, true), dtype, n),
      Views.array(m, dtype, n),
      Views.array(v, dtype, n)
    };
  }

  /** Runs {@code backend}'s fused update on arrays laid out by {@code layout}; returns {@code [p, m, v]}. */
  private static NdArray[] fused(Backend backend, NdArray[] in, AdamStep c, Function<NdArray, NdArray> layout) {
    NdArray p = layout.apply(in[0]);
    NdArray m = layout.apply(in[2]);
    NdArray v = layout.apply(in[3]);
    backend.adamStep(p, layout.apply(in[1]), m, v, c);
    return new NdArray[] {p.copy(), m.copy(), v.copy()}; // fresh storage: assertSameBits reads from index 0
  }

  /** A copy of {@code x} at offset {@code shift} of a larger storage. */
  private static NdArray shifted(NdArray x, int shift) {
    NdArray base = NdArray.zeros(Shape.of(x.numel() + shift), x.dtype());
    NdArray view = base.narrow(0, shift, x.numel());
    view.copyFrom(x);
    return view;
  }

  /** A copy of {@code x} {@code [n]} in every second element of a storage (a column of an {@code [n, 2]} view). */
  private static NdArray strided(NdArray x) {
    NdArray column = NdArray.zeros(Shape.of(x.numel(), 2), x.dtype()).select(1, 1);
    column.copyFrom(x);
    if (x.numel() > 1 && column.isContiguous()) {
      throw new AssertionError("the strided layout must reach the composed path");
    }
    return column;
  }

  @Test
  void fusedUpdateEqualsTheSeparateOpsBitForBit() {
    Random random = new Random(5);
    AdamStep c = new AdamStep(1e-3, 0.9, 0.999, 1e-8, 3);
    for (DType dtype : new DType[] {DType.F32, DType.F64}) {
      for (int n : Views.sizes()) {
        NdArray[] in = inputs(n, dtype, random);
        NdArray[] expected = composed(in[0], in[1], in[2], in[3], c);
        for (Backend backend : backends) {
          String what = backend.name() + " " + dtype + " n=" + n;
          assertAll(expected, fused(backend, in, c, NdArray::copy), what + " contiguous");
          int[] shift = {1};
          assertAll(expected, fused(backend, in, c, x -> shifted(x, shift[0]++)), what + " offsets 1-4");
          if (n <= 4099) {
            assertAll(expected, fused(backend, in, c, AdamKernelsTest::strided), what + " strided");
          }
        }
      }
    }
  }

  @Test
  void momentsThatBecomeSubnormalAreStoredAsZero() {
    for (DType dtype : new DType[] {DType.F32, DType.F64}) {
      double tiny = dtype == DType.F32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
      for (Backend backend : backends) {
        NdArray p = NdArray.full(Shape.of(40), 0.5, dtype);
        NdArray m = NdArray.full(Shape.of(40), 1.05 * tiny, dtype); // times beta1 0.9: subnormal
        NdArray v = NdArray.full(Shape.of(40), 4.0, dtype);
        backend.adamStep(p, NdArray.zeros(Shape.of(40), dtype), m, v, new AdamStep(0.1, 0.9, 0.999, 1e-8, 1));
        String what = backend.name() + " " + dtype;
        assertEquals(0.0, m.abs().max().item(), what);
        assertEquals(4.0 * 0.999, v.min().item(), 1e-6, what);
        assertEquals(0.5, p.max().item(), what);
      }
    }
  }

  /** Negative moments that fall below the smallest normal become +0 on the fused and the composed path alike. */
  @Test
  void flushedNegativeMomentsArePositiveZeroOnEveryPath() {
    for (DType dtype : new DType[] {DType.F32, DType.F64}) {
      double tiny = dtype == DType.F32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
      NdArray[] in = {
        NdArray.full(Shape.of(40), 0.5, dtype), NdArray.zeros(Shape.of(40), dtype),
        NdArray.full(Shape.of(40), -1.05 * tiny, dtype), NdArray.full(Shape.of(40), 4.0, dtype)
      };
      AdamStep c = new AdamStep(0.1, 0.9, 0.999, 1e-8, 1);
      NdArray positiveZeros = NdArray.zeros(Shape.of(40), dtype);
      for (Backend backend : backends) {
        String what = backend.name() + " " + dtype;
        assertSameBits(positiveZeros, fused(backend, in, c, NdArray::copy)[1], "exp_avg of " + what + " contiguous");
        assertSameBits(positiveZeros, fused(backend, in, c, AdamKernelsTest::strided)[1], "exp_avg of " + what + " strided");
      }
    }
  }

  @Test
  void resultsDoNotDependOnTheThreadCount() {
    NdArray[] in = inputs(200_003, DType.F32, new Random(6));
    AdamStep c = new AdamStep(0.01, 0.8, 0.99, 1e-6, 1);
    int before = Parallel.numThreads();
    try {
      Parallel.setNumThreads(1);
      NdArray[] one = fused(backends[1], in, c, NdArray::copy);
      for (int threads : new int[] {2, 3, 16}) {
        Parallel.setNumThreads(threads);
        assertAll(one, fused(backends[1], in, c, NdArray::copy), threads + " threads");
      }
    } finally {
      Parallel.setNumThreads(before);
    }
  }

  @Test
  void mismatchedArraysAreRefusedNamingTheArray() {
    NdArray p = NdArray.zeros(Shape.of(3, 4), DType.F32);
    NdArray ok = NdArray.zeros(Shape.of(3, 4), DType.F32);
    AdamStep c = new AdamStep(1e-3, 0.9, 0.999, 1e-8, 1);
    ShapeMismatchException shape = assertThrows(ShapeMismatchException.class,
        () -> c.apply(p, ok, NdArray.zeros(Shape.of(4, 3), DType.F32), ok));
    assertEquals("adam: exp_avg of shape [4, 3] for a parameter of shape [3, 4]", shape.getMessage());
    DTypeMismatchException dtype = assertThrows(DTypeMismatchException.class,
        () -> c.apply(p, NdArray.zeros(Shape.of(3, 4), DType.F64), ok, ok));
    assertEquals("adam: gradient is F64, the parameter F32", dtype.getMessage());
    assertThrows(DTypeMismatchException.class, () -> c.apply(NdArray.zeros(Shape.of(2), DType.I32),
        NdArray.zeros(Shape.of(2), DType.I32), NdArray.zeros(Shape.of(2), DType.I32), NdArray.zeros(Shape.of(2), DType.I32)));
    assertThrows(IllegalArgumentException.class, () -> new AdamStep(1e-3, 0.9, 0.999, 1e-8, 0));
  }

  private static void assertAll(NdArray[] expected, NdArray[] actual, String what) {
    String[] names = {"param", "exp_avg", "exp_avg_sq"};
    for (int i = 0; i < names.length; i++) {
      assertSameBits(expected[i], actual[i], names[i] + " of " + what);
    }
  }
}
