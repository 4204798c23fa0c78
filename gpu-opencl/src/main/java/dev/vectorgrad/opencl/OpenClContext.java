package dev.vectorgrad.opencl;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_DEVICE_EXTENSIONS;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_MEM_COPY_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;
import static org.jocl.CL.CL_TRUE;
import static org.jocl.CL.clBuildProgram;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clCreateCommandQueue;
import static org.jocl.CL.clCreateContext;
import static org.jocl.CL.clCreateKernel;
import static org.jocl.CL.clCreateProgramWithSource;
import static org.jocl.CL.clEnqueueFillBuffer;
import static org.jocl.CL.clEnqueueNDRangeKernel;
import static org.jocl.CL.clEnqueueReadBuffer;
import static org.jocl.CL.clGetDeviceInfo;
import static org.jocl.CL.clGetProgramBuildInfo;
import static org.jocl.CL.clSetKernelArg;

import dev.vectorgrad.tensor.Device;
import dev.vectorgrad.tensor.VectorgradException;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_platform_id;
import org.jocl.cl_program;

/**
 * One device's OpenCL context, its in-order command queue and its kernel cache.
 *
 * <p>The queue is in order, so a kernel always sees the writes of the commands enqueued before it
 * and a blocking read sees them all; nothing else needs events. Kernels are compiled on first use
 * and kept, because building a program costs milliseconds to seconds and a launch microseconds.
 * Launches are serialized: a {@code cl_kernel} holds its arguments, so two threads must not set
 * them at the same time.
 */
final class OpenClContext {
  private final Device device;
  private final String deviceName;
  private final boolean supportsFloat64;
  private final cl_device_id deviceId;
  private final cl_context context;
  private final cl_command_queue queue;
  private final Map<String, cl_kernel> kernels = new HashMap<>();

  /** Suppressed: {@code clCreateCommandQueue} is the call OpenCL 1.2 drivers (Apple's) know. */
  @SuppressWarnings("deprecation")
  OpenClContext(Device device, cl_platform_id platform, cl_device_id deviceId) {
    this.device = device;
    this.deviceId = deviceId;
    this.deviceName = deviceInfo(deviceId, CL_DEVICE_NAME);
    this.supportsFloat64 = deviceInfo(deviceId, CL_DEVICE_EXTENSIONS).contains("cl_khr_fp64");
    cl_context_properties properties = new cl_context_properties();
    properties.addProperty(CL_CONTEXT_PLATFORM, platform);
    this.context = clCreateContext(properties, 1, new cl_device_id[] {deviceId}, null, null, null);
    this.queue = clCreateCommandQueue(context, deviceId, 0, null);
  }

  Device device() {
    return device;
  }

  /** The name the driver reports, e.g. {@code NVIDIA H200} or {@code pthread-skylake}. */
  String deviceName() {
    return deviceName;
  }

  /** True when the device has the {@code cl_khr_fp64} extension, which F64 arrays need. */
  boolean supportsFloat64() {
    return supportsFloat64;
  }

  /** A new buffer of {@code bytes} bytes, filled with zeros before any later command runs. */
  cl_mem zeroBuffer(long bytes) {
    cl_mem buffer = clCreateBuffer(context, CL_MEM_READ_WRITE, bytes, null, null);
    clEnqueueFillBuffer(queue, buffer, Pointer.to(new byte[] {0}), 1, 0, bytes, 0, null, null);
    return buffer;
  }

  /** A new buffer holding a copy of {@code bytes} bytes of host memory, copied before this returns. */
  cl_mem bufferOf(Pointer host, long bytes) {
    return clCreateBuffer(context, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, bytes, host, null);
  }

  /** Waits for every enqueued command, then copies the whole of {@code storage} into {@code host}. */
  void read(OpenClStorage storage, Pointer host) {
    clEnqueueReadBuffer(queue, storage.buffer(), CL_TRUE, 0, storage.bytes(), host, 0, null, null);
    Reference.reachabilityFence(storage); // its cleaner must not release the buffer mid-read
  }

  /**
   * The kernel named {@code kernelName} of the program {@code source} supplies, compiled the first
   * time {@code key} is asked for.
   */
  synchronized cl_kernel kernel(String key, String kernelName, Supplier<String> source) {
    cl_kernel kernel = kernels.get(key);
    if (kernel == null) {
      kernel = clCreateKernel(build(key, source.get()), kernelName, null);
      kernels.put(key, kernel);
    }
    return kernel;
  }

  private cl_program build(String key, String source) {
    cl_program program = clCreateProgramWithSource(context, 1, new String[] {source}, null, null);
    try {
      clBuildProgram(program, 1, new cl_device_id[] {deviceId}, null, null, null);
    } catch (CLException e) {
      throw new VectorgradException(
          "OpenCL could not build kernel " + key + " for " + device + " (" + deviceName + "): "
              + buildLog(program) + "\n" + source,
          e);
    }
    return program;
  }

  /**
   * Enqueues {@code kernel} over {@code globalSize} work items with {@code arguments} in order:
   * an {@link OpenClStorage} becomes its buffer, an {@code Integer} an {@code int}, an {@code int[8]}
   * an {@code int8}. Work-group sizes are left to the driver.
   */
  synchronized void launch(cl_kernel kernel, long[] globalSize, Object... arguments) {
    for (int i = 0; i < arguments.length; i++) {
      Object argument = arguments[i];
      if (argument instanceof OpenClStorage storage) {
        clSetKernelArg(kernel, i, Sizeof.cl_mem, Pointer.to(storage.buffer()));
      } else if (argument instanceof Integer value) {
        clSetKernelArg(kernel, i, Sizeof.cl_int, Pointer.to(new int[] {value}));
      } else if (argument instanceof int[] vector && vector.length == 8) {
        clSetKernelArg(kernel, i, Sizeof.cl_int8, Pointer.to(vector));
      } else {
        throw new IllegalArgumentException("kernel argument " + i + " has no OpenCL type: " + argument);
      }
    }
    clEnqueueNDRangeKernel(queue, kernel, globalSize.length, null, globalSize, null, 0, null, null);
    // Once enqueued, OpenCL keeps the buffers alive; until then the storages' cleaners must wait.
    Reference.reachabilityFence(arguments);
  }

  /** {@code count} rounded up to a multiple of {@code multiple}, so drivers pick even work groups. */
  static long roundUp(int count, int multiple) {
    return (count + (long) multiple - 1) / multiple * multiple;
  }

  private String buildLog(cl_program program) {
    long[] size = new long[1];
    clGetProgramBuildInfo(program, deviceId, CL_PROGRAM_BUILD_LOG, 0, null, size);
    byte[] log = new byte[(int) size[0]];
    clGetProgramBuildInfo(program, deviceId, CL_PROGRAM_BUILD_LOG, log.length, Pointer.to(log), null);
    return cString(log);
  }

  private static String deviceInfo(cl_device_id deviceId, int parameter) {
    long[] size = new long[1];
    clGetDeviceInfo(deviceId, parameter, 0, null, size);
    byte[] value = new byte[(int) size[0]];
    clGetDeviceInfo(deviceId, parameter, value.length, Pointer.to(value), null);
    return cString(value);
  }

  /** OpenCL strings end with a NUL byte. */
  static String cString(byte[] bytes) {
    int length = 0;
    while (length < bytes.length && bytes[length] != 0) {
      length++;
    }
    return new String(bytes, 0, length, StandardCharsets.UTF_8).trim();
  }
}
