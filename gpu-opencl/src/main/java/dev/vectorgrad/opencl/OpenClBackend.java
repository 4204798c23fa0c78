package dev.vectorgrad.opencl;

import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.Device;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.VectorgradException;
import dev.vectorgrad.tensor.ops.BinaryOp;
import dev.vectorgrad.tensor.ops.ReduceOp;
import dev.vectorgrad.tensor.ops.UnaryOp;
import dev.vectorgrad.tensor.spi.Backend;
import dev.vectorgrad.tensor.spi.HeapStorage;
import dev.vectorgrad.tensor.spi.Storage;
import org.jocl.Pointer;
import org.jocl.cl_kernel;

/**
 * The kernels of one OpenCL device, {@code opencl:i}: storage in device buffers, whole-storage
 * copies to and from the host, and kernels for {@code copy}, {@code add}, {@code mul} and {@code
 * matmul}, compiled once per device. Every other kernel throws a {@link VectorgradException} that
 * names the op and the way back to the CPU, so a program stops at its first unsupported op instead
 * of silently moving data.
 *
 * <p>Inputs arrive as the {@link Backend} contract says: strided views (stride 0 where broadcast)
 * already in the compute dtype. Elementwise kernels get the shape merged by {@link CollapsedShape}
 * and each view's strides and offset; {@code matmul} gets each operand's three strides. Nothing is
 * copied to make an input contiguous.
 */
public final class OpenClBackend implements Backend {
  /** Elementwise ranges are padded to this multiple so drivers can choose full work groups. */
  private static final int ELEMENTWISE_MULTIPLE = 64;
  /** Matmul pads its column and row ranges to this multiple for the same reason. */
  private static final int MATMUL_MULTIPLE = 16;

  private final OpenClContext context;

  OpenClBackend(OpenClContext context) {
    this.context = context;
  }

  @Override
  public String name() {
    return "opencl";
  }

  @Override
  public Device device() {
    return context.device();
  }

  @Override
  public Storage allocate(DType dtype, int length) {
    requireSupported(dtype);
    long bytes = OpenClStorage.bytes(dtype, length);
    return new OpenClStorage(dtype, length, device(), length == 0 ? null : context.zeroBuffer(bytes));
  }

  @Override
  public Storage upload(HeapStorage host) {
    DType dtype = host.dtype();
    requireSupported(dtype);
    int length = host.length();
    long bytes = OpenClStorage.bytes(dtype, length);
    return new OpenClStorage(
        dtype, length, device(), length == 0 ? null : context.bufferOf(hostElements(host), bytes));
  }

  @Override
  public HeapStorage download(Storage storage) {
    OpenClStorage source = (OpenClStorage) storage;
    HeapStorage host = HeapStorage.allocate(source.dtype(), source.length());
    if (source.length() == 0) {
      return host;
    }
    if (source.dtype() == DType.BOOL) {
      byte[] bytes = new byte[source.length()];
      context.read(source, Pointer.to(bytes));
      for (int i = 0; i < bytes.length; i++) {
        host.setLong(i, bytes[i]);
      }
    } else {
      context.read(source, hostElements(host));
    }
    return host;
  }

  /**
   * A pointer to the elements of {@code host}; for BOOL, whose {@code boolean[]} JOCL cannot point
   * to, a pointer to a byte copy, which serves uploads only.
   */
  private static Pointer hostElements(HeapStorage host) {
    return switch (host.dtype()) {
      case F32 -> Pointer.to(((HeapStorage.Floats) host).array());
      case F64 -> Pointer.to(((HeapStorage.Doubles) host).array());
      case I32 -> Pointer.to(((HeapStorage.Ints) host).array());
      case I64 -> Pointer.to(((HeapStorage.Longs) host).array());
      case BOOL -> {
        byte[] bytes = new byte[host.length()];
        for (int i = 0; i < bytes.length; i++) {
          bytes[i] = (byte) host.getLong(i);
        }
        yield Pointer.to(bytes);
      }
    };
  }

  @Override
  public void copy(NdArray src, NdArray dst) {
    int count = dst.numel();
    if (count == 0) {
      return;
    }
    CollapsedShape shape =
        CollapsedShape.of("copy", dst.shape().toArray(), src.strides(), dst.strides());
    cl_kernel kernel =
        context.kernel(
            "copy " + src.dtype() + " to " + dst.dtype(),
            "copy",
            () -> KernelSources.copy(src.dtype(), dst.dtype()));
    context.launch(
        kernel,
        new long[] {OpenClContext.roundUp(count, ELEMENTWISE_MULTIPLE)},
        storage(src), src.offset(), shape.stridesVector(0),
        storage(dst), dst.offset(), shape.stridesVector(1),
        shape.sizesVector(), shape.rank(), count);
  }

  @Override
  public void binary(BinaryOp op, NdArray a, NdArray b, NdArray out) {
    if (op != BinaryOp.ADD && op != BinaryOp.MUL) {
      throw unsupported(op.opName());
    }
    int count = out.numel();
    if (count == 0) {
      return;
    }
    CollapsedShape shape =
        CollapsedShape.of(op.opName(), out.shape().toArray(), a.strides(), b.strides());
    cl_kernel kernel =
        context.kernel(
            op.opName() + " " + a.dtype(), "binary", () -> KernelSources.binary(op, a.dtype()));
    context.launch(
        kernel,
        new long[] {OpenClContext.roundUp(count, ELEMENTWISE_MULTIPLE)},
        storage(a), a.offset(), shape.stridesVector(0),
        storage(b), b.offset(), shape.stridesVector(1),
        storage(out), shape.sizesVector(), shape.rank(), count);
  }

  @Override
  public void matmul(NdArray a, NdArray b, NdArray out) {
    int batch = out.size(0);
    int m = out.size(1);
    int n = out.size(2);
    int k = a.size(2);
    if (out.numel() == 0 || k == 0) { // out is fresh, so already the zeros an empty sum gives
      return;
    }
    cl_kernel kernel =
        context.kernel("matmul " + a.dtype(), "matmul", () -> KernelSources.matmul(a.dtype()));
    context.launch(
        kernel,
        new long[] {
          OpenClContext.roundUp(n, MATMUL_MULTIPLE), OpenClContext.roundUp(m, MATMUL_MULTIPLE), batch
        },
        storage(a), a.offset(), a.stride(0), a.stride(1), a.stride(2),
        storage(b), b.offset(), b.stride(0), b.stride(1), b.stride(2),
        storage(out), m, n, k);
  }

  @Override
  public void unary(UnaryOp op, NdArray x, NdArray out) {
    throw unsupported(op.opName());
  }

  @Override
  public void where(NdArray cond, NdArray a, NdArray b, NdArray out) {
    throw unsupported("where");
  }

  @Override
  public void reduce(ReduceOp op, NdArray x, NdArray out) {
    throw unsupported(op.opName());
  }

  @Override
  public void gather(NdArray x, int axis, NdArray index, NdArray out) {
    throw unsupported("gather");
  }

  @Override
  public void scatterAdd(NdArray target, int axis, NdArray index, NdArray src) {
    throw unsupported("scatterAdd");
  }

  /** The device and the name its driver gives it, e.g. {@code opencl:0 (NVIDIA H200)}. */
  @Override
  public String toString() {
    return device() + " (" + context.deviceName() + ")";
  }

  private static OpenClStorage storage(NdArray x) {
    return (OpenClStorage) x.storage();
  }

  private void requireSupported(DType dtype) {
    if (dtype == DType.F64 && !context.supportsFloat64()) {
      throw new VectorgradException(
          "float64 is not supported on " + this + ": the device lacks cl_khr_fp64; use F32 or keep"
              + " the array on the CPU");
    }
  }

  private VectorgradException unsupported(String op) {
    return new VectorgradException(
        op + " is not supported on " + device()
            + " yet; move the array to the CPU with to(Device.CPU)");
  }
}
