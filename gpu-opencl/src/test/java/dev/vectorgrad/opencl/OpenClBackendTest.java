package dev.vectorgrad.opencl;

import static dev.vectorgrad.opencl.OpenClTesting.assertIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.Device;
import dev.vectorgrad.tensor.DeviceMismatchException;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.VectorgradException;
import dev.vectorgrad.tensor.spi.Backends;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Storage, transfers and the strided {@code copy} kernel, plus the errors the backend gives. */
class OpenClBackendTest {
  private Device device;

  @BeforeEach
  void findDevice() {
    device = OpenClTesting.requireDevice();
    NdArray.manualSeed(3);
  }

  /** A host array of {@code dtype} whose values exercise that type: signs, fractions, extremes. */
  private static NdArray sample(DType dtype, int... shape) {
    int count = Shape.of(shape).numel();
    return switch (dtype) {
      case F32, F64 -> NdArray.randn(Shape.of(shape), dtype).times(100);
      case I32 -> NdArray.randint(-(1L << 30), 1L << 30, Shape.of(shape)).cast(DType.I32).times(2);
      case I64 -> NdArray.randint(-(1L << 30), 1L << 30, Shape.of(shape)).times(1 << 22);
      case BOOL -> NdArray.randn(count).reshape(shape).cast(DType.I64).cast(DType.BOOL);
    };
  }

  private void assumeDeviceHolds(DType dtype) {
    assumeTrue(
        dtype != DType.F64 || OpenClTesting.supportsFloat64(device), "the device lacks cl_khr_fp64");
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void roundTripKeepsEveryElement(DType dtype) {
    assumeDeviceHolds(dtype);
    for (int[] shape : new int[][] {{0}, {1}, {}, {1001}, {3, 0, 2}, {4, 5, 6}}) {
      NdArray host = sample(dtype, shape);
      NdArray onDevice = host.to(device);
      assertEquals(device, onDevice.device());
      assertEquals(dtype, onDevice.dtype());
      assertIdentical(host, onDevice.to(Device.CPU));
    }
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void viewsOfDeviceArraysComeBackAsTheirElements(DType dtype) {
    assumeDeviceHolds(dtype);
    NdArray host = sample(dtype, 4, 5, 6);
    NdArray onDevice = host.to(device);
    assertIdentical(host.permute(2, 0, 1), onDevice.permute(2, 0, 1));
    assertIdentical(host.slice(2, 1, 6, 2).select(0, 3), onDevice.slice(2, 1, 6, 2).select(0, 3));
    assertIdentical(
        host.narrow(1, 1, 3).expand(2, 4, 3, 6), onDevice.narrow(1, 1, 3).expand(2, 4, 3, 6));
    assertIdentical(host.get(2, 1), onDevice.get(2, 1));
  }

  @Test
  void castsConvertLikeTheCpu() {
    float inf = Float.POSITIVE_INFINITY;
    NdArray special =
        NdArray.of(
            new float[] {-2.7f, 2.7f, -0.5f, 0f, -0f, Float.NaN, inf, -inf, 3e9f, -3e9f, 1e19f, 255.9f},
            12);
    List<NdArray> sources = new ArrayList<>();
    sources.add(special);
    sources.add(NdArray.of(new long[] {-1, 0, 1, 1L << 40, -(1L << 33) - 5, 123456789012L}, 6));
    sources.add(NdArray.of(new int[] {-1, 0, 7, Integer.MIN_VALUE, Integer.MAX_VALUE}, 5));
    sources.add(NdArray.of(new boolean[] {true, false, true}, 3));
    if (OpenClTesting.supportsFloat64(device)) {
      sources.add(special.cast(DType.F64).times(1e10));
      sources.add(NdArray.of(new double[] {1e300, -1e-300, 0.1}, 3));
    }
    for (NdArray source : sources) {
      for (DType target : DType.values()) {
        if (target == DType.F64 && !OpenClTesting.supportsFloat64(device)) {
          continue;
        }
        assertIdentical(source.cast(target), source.to(device).cast(target));
        assertIdentical(
            source.slice(0, 1, source.numel(), 2).cast(target),
            source.to(device).slice(0, 1, source.numel(), 2).cast(target));
      }
    }
  }

  @Test
  void contiguousCopiesATransposeOnTheDevice() {
    NdArray host = NdArray.randn(6, 7);
    NdArray transposed = host.to(device).transpose(0, 1);
    NdArray copy = transposed.contiguous();
    assertEquals(device, copy.device());
    assertTrue(copy.isContiguous());
    assertIdentical(host.transpose(0, 1).contiguous(), copy);
  }

  @Test
  void copyFromWritesIntoAStridedDeviceView() {
    NdArray expected = NdArray.zeros(4, 6);
    NdArray actual = expected.to(device);
    NdArray source = NdArray.randn(4, 3);
    expected.slice(1, 0, 6, 2).copyFrom(source);
    actual.slice(1, 0, 6, 2).copyFrom(source);
    assertIdentical(expected, actual);

    expected.get(1).copyFrom(NdArray.scalar(9));
    actual.get(1).copyFrom(NdArray.scalar(9).to(device));
    expected.setAt(new int[] {3, 5}, -4);
    actual.setAt(new int[] {3, 5}, -4);
    assertIdentical(expected, actual);
  }

  @Test
  void allocationsAreZeroFilled() {
    NdArray ones = NdArray.ones(Shape.of(4), DType.F32).to(device);
    NdArray sum = ones.plus(NdArray.zeros(4).to(device));
    assertIdentical(NdArray.ones(Shape.of(4), DType.F32), sum);
    NdArray empty = NdArray.zeros(Shape.of(0, 2), DType.I64);
    assertIdentical(empty, empty.to(device));
  }

  @Test
  void registeredAsTheBackendOfItsDevice() {
    OpenClBackend backend = assertInstanceOf(OpenClBackend.class, Backends.forDevice(device));
    assertEquals("opencl", backend.name());
    assertEquals(device, backend.device());
    assertTrue(backend.toString().startsWith("opencl:0 ("), backend.toString());
    assertTrue(Device.available().contains(device));
  }

  private static void assertUnsupported(String op, Executable call) {
    VectorgradException e = assertThrows(VectorgradException.class, call);
    assertEquals(
        op + " is not supported on opencl:0 yet; move the array to the CPU with to(Device.CPU)",
        e.getMessage());
  }

  @Test
  void unsupportedOpsNameTheOpAndTheWayBack() {
    NdArray x = NdArray.randn(3, 4).to(device);
    assertUnsupported("exp", x::exp);
    assertUnsupported("sub", () -> x.minus(x));
    assertUnsupported("sum", () -> x.sum(1));
    assertUnsupported("gt", () -> x.gt(0));
    NdArray mask = NdArray.of(new boolean[] {true, false, false, true}, 4).to(device);
    assertUnsupported("where", () -> NdArray.where(mask, x, x));
  }

  @Test
  void mixingDevicesNamesBoth() {
    NdArray onDevice = NdArray.randn(2, 3).to(device);
    NdArray onCpu = NdArray.randn(2, 3);
    DeviceMismatchException add =
        assertThrows(DeviceMismatchException.class, () -> onDevice.plus(onCpu));
    assertTrue(add.getMessage().contains("add"), add.getMessage());
    assertTrue(add.getMessage().contains("opencl:0 [2, 3] and cpu [2, 3]"), add.getMessage());
    DeviceMismatchException matmul =
        assertThrows(DeviceMismatchException.class, () -> onCpu.matmul(onDevice.t()));
    assertTrue(matmul.getMessage().contains("matmul"), matmul.getMessage());
    assertTrue(matmul.getMessage().contains("cpu [2, 3] and opencl:0 [3, 2]"), matmul.getMessage());
  }
}
