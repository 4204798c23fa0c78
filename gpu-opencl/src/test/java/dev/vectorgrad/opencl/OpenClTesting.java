package dev.vectorgrad.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.Device;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.VectorgradException;
import dev.vectorgrad.tensor.spi.Backends;
import org.junit.jupiter.api.Assumptions;

/** What the device tests share: finding the device, and comparing arrays bit for bit. */
final class OpenClTesting {
  private OpenClTesting() {}

  /**
   * The first OpenCL device. Without one the calling tests are skipped, except under {@code CI=true}:
   * CI installs PoCL, so a missing device there is a broken setup and fails with the recorded reason.
   */
  static Device requireDevice() {
    Device device = Device.opencl(0);
    if (Backends.devices().contains(device)) {
      return device;
    }
    String reason = "no OpenCL device; problems: " + Backends.unavailableReasons();
    if ("true".equals(System.getenv("CI"))) {
      return fail(reason);
    }
    return Assumptions.abort(reason);
  }

  /** True when the device can hold F64 arrays, which needs cl_khr_fp64. */
  static boolean supportsFloat64(Device device) {
    try {
      NdArray.zeros(Shape.of(1), DType.F64).to(device);
      return true;
    } catch (VectorgradException e) {
      return false;
    }
  }

  /** Same shape, dtype and elements, exactly (NaN equals NaN); {@code actual} may be on any device. */
  static void assertIdentical(NdArray expected, NdArray actual) {
    NdArray host = actual.to(Device.CPU);
    assertEquals(expected.shape(), host.shape(), "shape");
    assertEquals(expected.dtype(), host.dtype(), "dtype");
    switch (expected.dtype()) {
      case F32 -> assertArrayEquals(expected.toFloatArray(), host.toFloatArray());
      case F64 -> assertArrayEquals(expected.toDoubleArray(), host.toDoubleArray());
      case I32 -> assertArrayEquals(expected.toIntArray(), host.toIntArray());
      case I64 -> assertArrayEquals(expected.toLongArray(), host.toLongArray());
      case BOOL -> assertArrayEquals(expected.toBooleanArray(), host.toBooleanArray());
    }
  }
}
