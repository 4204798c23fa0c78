package dev.vectorgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vectorgrad.tensor.spi.HeapStorage;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The documented stream: element {@code i} of the draws since {@code manualSeed(s)} is output
 * {@code i} of SplitMix64 seeded with {@code s}, which is what the JDK's {@link SplittableRandom}
 * computes, so the JDK serves as an independent oracle.
 */
class GeneratorTest {
  private static double[] concat(double[] a, double[] b) {
    double[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void f64UniformsAreSplitMix64Doubles() {
    NdArray.manualSeed(42);
    double[] drawn = NdArray.rand(Shape.of(2, 3), DType.F64).toDoubleArray();
    SplittableRandom oracle = new SplittableRandom(42);
    for (double value : drawn) {
      assertEquals(oracle.nextDouble(), value);
    }
  }

  @Test
  void restoringAStateContinuesTheSameSequence() {
    NdArray.manualSeed(9);
    NdArray.rand(7);
    long[] saved = Generator.global().state();
    double[] expected = NdArray.randn(Shape.of(5), DType.F64).toDoubleArray();
    NdArray.manualSeed(1234);
    NdArray.rand(3);
    Generator.global().restore(saved);
    assertArrayEquals(expected, NdArray.randn(Shape.of(5), DType.F64).toDoubleArray());
  }

  @Test
  void f32UniformsAreTheTop24Bits() {
    NdArray.manualSeed(-7);
    float[] drawn = NdArray.rand(5).toFloatArray();
    SplittableRandom oracle = new SplittableRandom(-7);
    for (float value : drawn) {
      assertEquals((oracle.nextLong() >>> 40) * 0x1.0p-24, value);
    }
  }

  @Test
  void normalsAreBoxMullerOfTwoUniforms() {
    NdArray.manualSeed(3);
    double[] drawn = NdArray.randn(Shape.of(4), DType.F64).toDoubleArray();
    SplittableRandom oracle = new SplittableRandom(3);
    for (double value : drawn) {
      double u1 = 1 - oracle.nextDouble();
      double u2 = oracle.nextDouble();
      assertEquals(Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2), value, 1e-15);
    }
  }

  @Test
  void integersScaleAUniformIntoTheRange() {
    NdArray.manualSeed(11);
    long[] drawn = NdArray.randint(-5, 12, Shape.of(50)).toLongArray();
    SplittableRandom oracle = new SplittableRandom(11);
    for (long value : drawn) {
      assertEquals(-5 + (long) (oracle.nextDouble() * 17), value);
    }
  }

  @Test
  void drawsContinueTheStreamSoSplittingADrawChangesNothing() {
    NdArray.manualSeed(5);
    double[] whole = NdArray.rand(Shape.of(7), DType.F64).toDoubleArray();
    NdArray.manualSeed(5);
    double[] first = NdArray.rand(Shape.of(3), DType.F64).toDoubleArray();
    double[] rest = NdArray.rand(Shape.of(2, 2), DType.F64).toDoubleArray();
    assertArrayEquals(whole, concat(first, rest));
  }

  @Test
  void normalsUseTwoNumbersPerElement() {
    NdArray.manualSeed(8);
    NdArray.randn(3);
    double[] after = NdArray.rand(Shape.of(2), DType.F64).toDoubleArray();
    SplittableRandom oracle = new SplittableRandom(8);
    for (int i = 0; i < 6; i++) {
      oracle.nextLong();
    }
    assertEquals(oracle.nextDouble(), after[0]);
    assertEquals(oracle.nextDouble(), after[1]);
  }

  @Test
  void reseedingRestartsAndOtherSeedsDiffer() {
    NdArray.manualSeed(123);
    float[] a = NdArray.randn(10).toFloatArray();
    float[] b = NdArray.randn(10).toFloatArray();
    NdArray.manualSeed(123);
    assertArrayEquals(a, NdArray.randn(10).toFloatArray());
    assertFalse(Arrays.equals(a, b));
    NdArray.manualSeed(124);
    assertFalse(Arrays.equals(a, NdArray.randn(10).toFloatArray()));
  }

  @Test
  void separateGeneratorsDoNotShareState() {
    Generator g = new Generator(9);
    Generator.global().manualSeed(9);
    NdArray.rand(4);
    HeapStorage out = HeapStorage.allocate(DType.F64, 1);
    g.fillUniform(out);
    assertEquals(new SplittableRandom(9).nextDouble(), out.get(0));
  }
}
