package dev.vectorgrad.opencl;

import static dev.vectorgrad.opencl.OpenClTesting.assertIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.Device;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Shape;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code add} and {@code mul} on the device against the CPU reference, bit for bit: one IEEE
 * operation per element has one right answer. The views are made on the device, so the kernels
 * see the broadcast, transposed and sliced strides themselves.
 */
class OpenClElementwiseTest {
  private Device device;

  @BeforeEach
  void findDevice() {
    device = OpenClTesting.requireDevice();
    NdArray.manualSeed(7);
  }

  static Stream<Named<BinaryOperator<NdArray>>> ops() {
    return Stream.of(
        Named.of("add", (BinaryOperator<NdArray>) NdArray::plus),
        Named.of("mul", (BinaryOperator<NdArray>) NdArray::times));
  }

  /** Applies {@code op} to the views on the CPU and to the same views of device copies. */
  private void assertSameAsCpu(
      BinaryOperator<NdArray> op,
      NdArray a,
      UnaryOperator<NdArray> viewOfA,
      NdArray b,
      UnaryOperator<NdArray> viewOfB) {
    NdArray expected = op.apply(viewOfA.apply(a), viewOfB.apply(b));
    NdArray actual = op.apply(viewOfA.apply(a.to(device)), viewOfB.apply(b.to(device)));
    assertEquals(device, actual.device());
    assertIdentical(expected, actual);
  }

  private void assertSameAsCpu(BinaryOperator<NdArray> op, NdArray a, NdArray b) {
    assertSameAsCpu(op, a, x -> x, b, x -> x);
  }

  private void assertSameAsCpu(
      BinaryOperator<NdArray> op, NdArray a, NdArray b, UnaryOperator<NdArray> viewOfB) {
    assertSameAsCpu(op, a, x -> x, b, viewOfB);
  }

  @ParameterizedTest
  @MethodSource("ops")
  void sameShapes(BinaryOperator<NdArray> op) {
    assertSameAsCpu(op, NdArray.randn(3, 4), NdArray.randn(3, 4));
  }

  @ParameterizedTest
  @MethodSource("ops")
  void broadcastColumnAgainstRow(BinaryOperator<NdArray> op) {
    assertSameAsCpu(op, NdArray.randn(5, 1), NdArray.randn(1, 6));
  }

  @ParameterizedTest
  @MethodSource("ops")
  void broadcastRowOntoBatchOfMatrices(BinaryOperator<NdArray> op) {
    assertSameAsCpu(op, NdArray.randn(2, 3, 4), NdArray.randn(4));
  }

  @ParameterizedTest
  @MethodSource("ops")
  void rankZeroOperand(BinaryOperator<NdArray> op) {
    assertSameAsCpu(op, NdArray.randn(2, 3), NdArray.scalar(1.25));
    assertSameAsCpu(op, NdArray.randint(-5, 5, Shape.of(4)), NdArray.scalar(3, DType.I64));
  }

  @Test
  void scalarOperandsOfTheKotlinOperators() {
    NdArray x = NdArray.randn(2, 5);
    assertIdentical(x.plus(0.1), x.to(device).plus(0.1));
    assertIdentical(x.times(3f), x.to(device).times(3f));
    assertIdentical(x.plus(2), x.to(device).plus(2));
  }

  @ParameterizedTest
  @MethodSource("ops")
  void transposedOperand(BinaryOperator<NdArray> op) {
    assertSameAsCpu(op, NdArray.randn(4, 3), x -> x.transpose(0, 1), NdArray.randn(3, 4), x -> x);
  }

  @ParameterizedTest
  @MethodSource("ops")
  void permutedOperandsOfRankThree(BinaryOperator<NdArray> op) {
    assertSameAsCpu(
        op, NdArray.randn(7, 11, 13), x -> x.permute(2, 0, 1),
        NdArray.randn(11, 13, 7), x -> x.permute(1, 2, 0));
  }

  @ParameterizedTest
  @MethodSource("ops")
  void slicedOperandsWithSteps(BinaryOperator<NdArray> op) {
    assertSameAsCpu(
        op, NdArray.randn(9, 10), x -> x.slice(0, 1, 9, 2).slice(1, 2, 10, 3),
        NdArray.randn(6, 5), x -> x.narrow(0, 2, 4).select(1, 3).unsqueeze(1));
  }

  @ParameterizedTest
  @MethodSource("ops")
  void expandedOnTheDevice(BinaryOperator<NdArray> op) {
    assertSameAsCpu(
        op, NdArray.randn(1, 4), x -> x.expand(3, 4), NdArray.randn(3, 1), x -> x.expand(3, 4));
  }

  @ParameterizedTest
  @MethodSource("ops")
  void emptyArrays(BinaryOperator<NdArray> op) {
    assertSameAsCpu(op, NdArray.randn(0), NdArray.randn(0));
    assertSameAsCpu(op, NdArray.randn(0, 3), NdArray.randn(3));
  }

  @ParameterizedTest
  @MethodSource("ops")
  void singleElement(BinaryOperator<NdArray> op) {
    assertSameAsCpu(op, NdArray.randn(1), NdArray.randn(1));
  }

  @ParameterizedTest
  @MethodSource("ops")
  void oddLargeLengthWithOffsetView(BinaryOperator<NdArray> op) {
    assertSameAsCpu(op, NdArray.randn(1001), NdArray.randn(1003), x -> x.narrow(0, 2, 1001));
  }

  @ParameterizedTest
  @MethodSource("ops")
  void integersWrapAroundLikeJava(BinaryOperator<NdArray> op) {
    assertSameAsCpu(
        op, NdArray.of(new int[] {Integer.MAX_VALUE, -7, 1 << 20, 0}, 4),
        NdArray.of(new int[] {1, 3, 1 << 12, Integer.MIN_VALUE}, 4));
    assertSameAsCpu(
        op, NdArray.of(new long[] {Long.MAX_VALUE, -7, 1L << 40}, 3, 1),
        NdArray.of(new long[] {2, 1L << 30}, 2));
  }

  @ParameterizedTest
  @MethodSource("ops")
  void mixedDtypesAreCastOnTheDevice(BinaryOperator<NdArray> op) {
    NdArray ints = NdArray.randint(-50, 50, Shape.of(4, 5)).cast(DType.I32);
    assertSameAsCpu(op, ints, NdArray.randn(5));
    assertSameAsCpu(op, ints, NdArray.randint(-9, 9, Shape.of(4, 1)));
  }

  @ParameterizedTest
  @MethodSource("ops")
  void float64WhereTheDeviceHasIt(BinaryOperator<NdArray> op) {
    assumeTrue(OpenClTesting.supportsFloat64(device), "the device lacks cl_khr_fp64");
    assertSameAsCpu(
        op, NdArray.randn(Shape.of(6, 7), DType.F64), x -> x.transpose(0, 1),
        NdArray.randn(Shape.of(6), DType.F64), x -> x);
  }

  @ParameterizedTest
  @MethodSource("ops")
  void specialValues(BinaryOperator<NdArray> op) {
    float inf = Float.POSITIVE_INFINITY;
    assertSameAsCpu(
        op, NdArray.of(new float[] {inf, -inf, Float.NaN, -0f, 3e38f, 1e-30f, Float.MIN_VALUE}, 7),
        NdArray.of(new float[] {-inf, 2, 1, 0f, 3e38f, 1e-30f, 0.5f}, 7));
  }
}
