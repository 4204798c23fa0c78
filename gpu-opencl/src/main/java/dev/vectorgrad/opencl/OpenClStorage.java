package dev.vectorgrad.opencl;

import static org.jocl.CL.clReleaseMemObject;

import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.Device;
import dev.vectorgrad.tensor.VectorgradException;
import dev.vectorgrad.tensor.spi.Storage;
import java.lang.ref.Cleaner;
import org.jocl.cl_mem;
import org.jspecify.annotations.Nullable;

/**
 * Elements of one dtype in one OpenCL buffer, laid out as on the host; BOOL takes one byte per
 * element.
 *
 * <p>The buffer is released by a {@link Cleaner} once the storage is unreachable: views share
 * storage, so no single array may free it, and device memory is too scarce to wait for the process
 * to end. Empty storage has no buffer at all, since OpenCL rejects zero-byte buffers.
 */
final class OpenClStorage implements Storage {
  private static final Cleaner CLEANER = Cleaner.create();

  private final DType dtype;
  private final int length;
  private final Device device;
  private final @Nullable cl_mem buffer;

  /** Takes ownership of {@code buffer}, which holds {@code length} elements; null when empty. */
  OpenClStorage(DType dtype, int length, Device device, @Nullable cl_mem buffer) {
    this.dtype = dtype;
    this.length = length;
    this.device = device;
    this.buffer = buffer;
    if (buffer != null) {
      CLEANER.register(this, () -> clReleaseMemObject(buffer));
    }
  }

  @Override
  public DType dtype() {
    return dtype;
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public Device device() {
    return device;
  }

  /** The buffer; kernels are never launched over empty storage, so asking for it is a bug. */
  cl_mem buffer() {
    if (buffer == null) {
      throw new VectorgradException("empty " + dtype + " storage on " + device + " has no buffer");
    }
    return buffer;
  }

  long bytes() {
    return bytes(dtype, length);
  }

  static long bytes(DType dtype, int length) {
    return (long) length * dtype.byteSize();
  }

  @Override
  public String toString() {
    return dtype.displayName() + "[" + length + "] on " + device;
  }
}
