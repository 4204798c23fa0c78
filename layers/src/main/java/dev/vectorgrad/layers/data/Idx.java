package dev.vectorgrad.layers.data;

import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.VectorgradException;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files (the MNIST format), raw or gzip-compressed ({@code .gz}). The header (magic
 * {@code 0 0 type rank}, then {@code rank} big-endian sizes) is checked against the bytes actually
 * present before the array is allocated, so a corrupt or hostile header cannot trigger a huge
 * allocation.
 *
 * <p>Element types: unsigned byte (0x08) and int (0x0C) give I32, signed byte (0x09) and short
 * (0x0B) give I32, float (0x0D) F32, double (0x0E) F64.
 */
public final class Idx {
  private static final int MAX_RANK = 8;

  private Idx() {}

  public static NdArray read(Path file) {
    try (InputStream raw = Files.newInputStream(file)) {
      InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
      return read(in, file.toString());
    } catch (IOException e) {
      throw new VectorgradException("idx: cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads one IDX array from {@code in}; {@code name} appears in error messages. */
  public static NdArray read(InputStream in, String name) throws IOException {
    DataInputStream header = new DataInputStream(in);
    int[] dims;
    int type;
    long count = 1;
    int elementSize;
    try {
      if (header.readUnsignedByte() != 0 || header.readUnsignedByte() != 0) {
        throw new VectorgradException("idx: " + name + " does not start with the IDX magic 0 0");
      }
      type = header.readUnsignedByte();
      int rank = header.readUnsignedByte();
      elementSize = elementSize(type, name);
      if (rank < 1 || rank > MAX_RANK) {
        throw new VectorgradException("idx: " + name + " has rank " + rank + ", expected 1 to " + MAX_RANK);
      }
      dims = new int[rank];
      for (int i = 0; i < rank; i++) {
        dims[i] = header.readInt();
        if (dims[i] < 0) {
          throw new VectorgradException("idx: " + name + " has a negative size " + dims[i]);
        }
        count *= dims[i];
        if (count * elementSize > Integer.MAX_VALUE - 8) {
          throw new VectorgradException("idx: " + name + " declares more than 2 GiB of data");
        }
      }
    } catch (EOFException e) {
      throw new VectorgradException("idx: " + name + " ends inside its header");
    }
    int expected = (int) (count * elementSize);
    // Read what is really there (at most one byte more than declared) before allocating the array.
    ByteArrayOutputStream body = new ByteArrayOutputStream(Math.min(expected, 1 << 20) + 1);
    byte[] chunk = new byte[1 << 16];
    while (body.size() <= expected) {
      int n = in.read(chunk, 0, Math.min(chunk.length, expected + 1 - body.size()));
      if (n < 0) {
        break;
      }
      body.write(chunk, 0, n);
    }
    if (body.size() != expected) {
      throw new VectorgradException(
          "idx: " + name + " declares " + expected + " bytes of data for shape "
              + Arrays.toString(dims) + " but holds " + (body.size() > expected ? "more" : body.size()));
    }
    return decode(ByteBuffer.wrap(body.toByteArray()), type, (int) count, dims);
  }

  private static int elementSize(int type, String name) {
    switch (type) {
      case 0x08:
      case 0x09:
        return 1;
      case 0x0B:
        return 2;
      case 0x0C:
      case 0x0D:
        return 4;
      case 0x0E:
        return 8;
      default:
        throw new VectorgradException(
            "idx: " + name + " has unknown element type 0x" + Integer.toHexString(type));
    }
  }

  private static NdArray decode(ByteBuffer data, int type, int count, int[] dims) {
    switch (type) {
      case 0x0D: {
        float[] values = new float[count];
        data.asFloatBuffer().get(values);
        return NdArray.of(values, dims);
      }
      case 0x0E: {
        double[] values = new double[count];
        data.asDoubleBuffer().get(values);
        return NdArray.of(values, dims);
      }
      default: {
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
          values[i] = type == 0x08 ? data.get() & 0xFF
              : type == 0x09 ? data.get()
              : type == 0x0B ? data.getShort()
              : data.getInt();
        }
        return NdArray.of(values, dims);
      }
    }
  }
}
