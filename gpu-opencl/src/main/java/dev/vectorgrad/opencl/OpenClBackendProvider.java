package dev.vectorgrad.opencl;

import static org.jocl.CL.CL_DEVICE_NOT_FOUND;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_PLATFORM_NAME;
import static org.jocl.CL.CL_PLATFORM_NOT_FOUND_KHR;
import static org.jocl.CL.clGetDeviceIDs;
import static org.jocl.CL.clGetPlatformIDs;
import static org.jocl.CL.clGetPlatformInfo;

import dev.vectorgrad.tensor.Device;
import dev.vectorgrad.tensor.VectorgradException;
import dev.vectorgrad.tensor.spi.Backend;
import dev.vectorgrad.tensor.spi.BackendProvider;
import java.util.ArrayList;
import java.util.List;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * Registers one {@link OpenClBackend} per OpenCL device, numbered across platforms in the order the
 * drivers list them: {@code opencl:0}, {@code opencl:1}, ...
 *
 * <p>The registry opens providers once, so the probe runs once per process. It lets every failure
 * escape {@link #open()}, because the registry turns it into the line {@code
 * Backends.unavailableReasons()} reports: an {@link UnsatisfiedLinkError} when JOCL's native library
 * or {@code libOpenCL} cannot load, a {@link VectorgradException} when no platform or device exists.
 */
public final class OpenClBackendProvider implements BackendProvider {
  @Override
  public String name() {
    return "opencl";
  }

  @Override
  public boolean isCpu() {
    return false;
  }

  /** Unused: priority only ranks CPU providers, and every OpenCL device is registered. */
  @Override
  public int priority() {
    return 0;
  }

  @Override
  public List<Backend> open() {
    // Errors become exceptions that name the failing call instead of status codes to check.
    CL.setExceptionsEnabled(true);
    List<Backend> backends = new ArrayList<>();
    List<String> platformNames = new ArrayList<>();
    for (cl_platform_id platform : platforms()) {
      platformNames.add(platformName(platform));
      for (cl_device_id device : devices(platform)) {
        Device id = Device.opencl(backends.size());
        backends.add(new OpenClBackend(new OpenClContext(id, platform, device)));
      }
    }
    if (backends.isEmpty()) {
      throw new VectorgradException("the OpenCL platforms " + platformNames + " have no devices");
    }
    return backends;
  }

  private static cl_platform_id[] platforms() {
    int[] count = new int[1];
    try {
      clGetPlatformIDs(0, null, count);
    } catch (CLException e) {
      if (e.getStatus() != CL_PLATFORM_NOT_FOUND_KHR) { // the ICD loader's way to say "none"
        throw e;
      }
    }
    if (count[0] == 0) {
      throw new VectorgradException(
          "no OpenCL platform is installed (the ICD loader found no driver; on Debian or Ubuntu"
              + " 'apt-get install pocl-opencl-icd' adds a CPU one)");
    }
    cl_platform_id[] platforms = new cl_platform_id[count[0]];
    clGetPlatformIDs(platforms.length, platforms, null);
    return platforms;
  }

  /** The platform's devices; none when the driver reports {@code CL_DEVICE_NOT_FOUND}. */
  private static cl_device_id[] devices(cl_platform_id platform) {
    int[] count = new int[1];
    try {
      clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 0, null, count);
    } catch (CLException e) {
      if (e.getStatus() == CL_DEVICE_NOT_FOUND) {
        return new cl_device_id[0];
      }
      throw e;
    }
    cl_device_id[] devices = new cl_device_id[count[0]];
    clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, devices.length, devices, null);
    return devices;
  }

  private static String platformName(cl_platform_id platform) {
    long[] size = new long[1];
    clGetPlatformInfo(platform, CL_PLATFORM_NAME, 0, null, size);
    byte[] name = new byte[(int) size[0]];
    clGetPlatformInfo(platform, CL_PLATFORM_NAME, name.length, Pointer.to(name), null);
    return OpenClContext.cString(name);
  }
}
