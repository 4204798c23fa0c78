package dev.vectorgrad.layers.io;

import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.Device;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Arrays to and from little-endian bytes in row-major order, the safetensors data layout. */
final class Encoding {
  private Encoding() {}

  static byte[] toBytes(NdArray array) {
    NdArray host = array.to(Device.CPU);
    int n = host.numel();
    ByteBuffer out = ByteBuffer.allocate(n * array.dtype().byteSize()).order(ByteOrder.LITTLE_ENDIAN);
    switch (array.dtype()) {
      case F32:
        out.asFloatBuffer().put(host.toFloatArray());
        break;
      case F64:
        out.asDoubleBuffer().put(host.toDoubleArray());
        break;
      case I32:
        out.asIntBuffer().put(host.toIntArray());
        break;
      case I64:
        out.asLongBuffer().put(host.toLongArray());
        break;
      case BOOL:
        for (boolean b : host.toBooleanArray()) {
          out.put((byte) (b ? 1 : 0));
        }
        break;
    }
    return out.array();
  }

  static NdArray fromBytes(byte[] bytes, DType dtype, Shape shape) {
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int n = shape.numel();
    int[] dims = shape.toArray();
    switch (dtype) {
      case F32: {
        float[] values = new float[n];
        in.asFloatBuffer().get(values);
        return NdArray.of(values, n).reshape(dims);
      }
      case F64: {
        double[] values = new double[n];
        in.asDoubleBuffer().get(values);
        return NdArray.of(values, n).reshape(dims);
      }
      case I32: {
        int[] values = new int[n];
        in.asIntBuffer().get(values);
        return NdArray.of(values, n).reshape(dims);
      }
      case I64: {
        long[] values = new long[n];
        in.asLongBuffer().get(values);
        return NdArray.of(values, n).reshape(dims);
      }
      case BOOL: {
        boolean[] values = new boolean[n];
        for (int i = 0; i < n; i++) {
          byte b = in.get();
          if (b != 0 && b != 1) {
            throw new ModelFormatException("a BOOL tensor holds the byte " + b + ", not 0 or 1");
          }
          values[i] = b == 1;
        }
        return NdArray.of(values, n).reshape(dims);
      }
    }
    throw new AssertionError(dtype);
  }
}
