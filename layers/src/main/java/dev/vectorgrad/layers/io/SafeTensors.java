package dev.vectorgrad.layers.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Shape;
import java.io.IOException;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes the safetensors layout, readable by Python's {@code safetensors}: an 8-byte
 * little-endian header length, a JSON header mapping each name to {@code {dtype, shape,
 * data_offsets}} (plus optional string {@code __metadata__}), then the raw little-endian data.
 *
 * <p>Loading is safe by construction: the header length is checked against the file size before it
 * is read, every entry's dtype, shape and offsets are validated (in bounds, sized exactly for the
 * shape, non-overlapping, covering the data without gaps) before any array is allocated, so a
 * corrupt or hostile file can only produce a {@link ModelFormatException}. Writing goes to a temporary
 * file in the same directory, is forced to disk, then atomically renamed over the target, so a crash
 * leaves either the old file or the new one.
 */
public final class SafeTensors {
  /** Headers above this size are refused (the format's own reader uses 100 MB). */
  static final long MAX_HEADER_BYTES = 100L << 20;

  private SafeTensors() {}

  /** The arrays (in header order) and the string metadata of a file. */
  public record Contents(Map<String, NdArray> arrays, Map<String, String> metadata) {}

  private static String code(DType dtype) {
    switch (dtype) {
      case F32: return "F32";
      case F64: return "F64";
      case I32: return "I32";
      case I64: return "I64";
      case BOOL: return "BOOL";
    }
    throw new AssertionError(dtype);
  }

  private static DType dtype(String code, String name) {
    switch (code) {
      case "F32": return DType.F32;
      case "F64": return DType.F64;
      case "I32": return DType.I32;
      case "I64": return DType.I64;
      case "BOOL": return DType.BOOL;
      default: throw new ModelFormatException("tensor '" + name + "' has unsupported dtype " + code);
    }
  }

  /** Writes {@code arrays} (CPU copies are taken of device arrays) atomically to {@code file}. */
  public static void save(Path file, Map<String, NdArray> arrays, Map<String, String> metadata) {
    JsonObject header = new JsonObject();
    if (!metadata.isEmpty()) {
      JsonObject meta = new JsonObject();
      metadata.forEach(meta::addProperty);
      header.add("__metadata__", meta);
    }
    List<byte[]> blobs = new ArrayList<>();
    long offset = 0;
    for (Map.Entry<String, NdArray> e : arrays.entrySet()) {
      if (e.getKey().equals("__metadata__")) {
        throw new ModelFormatException("'__metadata__' is reserved and cannot name a tensor");
      }
      NdArray array = e.getValue();
      byte[] blob = Encoding.toBytes(array);
      JsonObject entry = new JsonObject();
      entry.addProperty("dtype", code(array.dtype()));
      JsonArray shape = new JsonArray();
      for (int d : array.shape().toArray()) {
        shape.add(d);
      }
      entry.add("shape", shape);
      JsonArray offsets = new JsonArray();
      offsets.add(offset);
      offsets.add(offset + blob.length);
      entry.add("data_offsets", offsets);
      header.add(e.getKey(), entry);
      blobs.add(blob);
      offset += blob.length;
    }
    byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
    int padded = (json.length + 7) / 8 * 8; // the format pads the header with spaces to 8 bytes
    ByteBuffer prefix = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
    prefix.putLong(padded).put(json);
    while (prefix.hasRemaining()) {
      prefix.put((byte) ' ');
    }
    ((Buffer) prefix).flip(); // Buffer.flip: Android and Java 8 lack the covariant ByteBuffer.flip
    AtomicFiles.write(file, channel -> {
      channel.write(prefix);
      for (byte[] blob : blobs) {
        ByteBuffer b = ByteBuffer.wrap(blob);
        while (b.hasRemaining()) {
          channel.write(b);
        }
      }
    });
  }

  /** Reads and validates a whole file; see the class comment for what is checked. */
  public static Contents load(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size < 8) {
        throw new ModelFormatException(file + ": " + size + " bytes is too short for a safetensors file");
      }
      ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(channel, lengthBytes, 0);
      long headerLength = lengthBytes.getLong(0);
      if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || headerLength > size - 8) {
        throw new ModelFormatException(
            file + ": header length " + headerLength + " does not fit a file of " + size + " bytes");
      }
      ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
      readFully(channel, headerBytes, 8);
      long dataStart = 8 + headerLength;
      List<Entry> entries = new ArrayList<>();
      Map<String, String> metadata = parseHeader(file, new String(headerBytes.array(), StandardCharsets.UTF_8), entries);
      validateLayout(file, entries, size - dataStart);
      Map<String, NdArray> arrays = new LinkedHashMap<>();
      for (Entry entry : entries) {
        ByteBuffer data = ByteBuffer.allocate((int) (entry.end - entry.begin));
        readFully(channel, data, dataStart + entry.begin);
        arrays.put(entry.name, Encoding.fromBytes(data.array(), entry.dtype, entry.shape));
      }
      return new Contents(arrays, metadata);
    } catch (IOException e) {
      throw new ModelFormatException(file + ": " + e.getMessage(), e);
    }
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, at);
      if (n < 0) {
        throw new ModelFormatException("unexpected end of file at byte " + at);
      }
      at += n;
    }
  }

  /** One tensor's header entry. */
  private record Entry(String name, DType dtype, Shape shape, long begin, long end) {}

  private static Map<String, String> parseHeader(Path file, String json, List<Entry> entries) {
    JsonObject header;
    try {
      JsonElement parsed = JsonParser.parseString(json);
      if (!parsed.isJsonObject()) {
        throw new ModelFormatException(file + ": the header is not a JSON object");
      }
      header = parsed.getAsJsonObject();
    } catch (JsonParseException e) {
      throw new ModelFormatException(file + ": the header is not valid JSON: " + e.getMessage(), e);
    }
    Map<String, String> metadata = new TreeMap<>();
    for (Map.Entry<String, JsonElement> e : header.entrySet()) {
      String name = e.getKey();
      try {
        JsonObject value = e.getValue().getAsJsonObject();
        if (name.equals("__metadata__")) {
          for (Map.Entry<String, JsonElement> m : value.entrySet()) {
            metadata.put(m.getKey(), string(m.getValue(), file + ": metadata '" + m.getKey() + "'"));
          }
          continue;
        }
        String where = file + ": tensor '" + name + "'";
        DType dtype = dtype(string(value.get("dtype"), where + " dtype"), name);
        JsonArray shapeJson = value.getAsJsonArray("shape");
        int[] dims = new int[shapeJson.size()];
        for (int i = 0; i < dims.length; i++) {
          long d = integer(shapeJson.get(i), where + " size");
          if (d < 0 || d > Integer.MAX_VALUE) {
            throw new ModelFormatException(file + ": tensor '" + name + "' has size " + d);
          }
          dims[i] = (int) d;
        }
        JsonArray offsets = value.getAsJsonArray("data_offsets");
        if (offsets.size() != 2) {
          throw new ModelFormatException(file + ": tensor '" + name + "' needs two data offsets");
        }
        entries.add(new Entry(name, dtype, Shape.of(dims), integer(offsets.get(0), where + " offset"),
            integer(offsets.get(1), where + " offset")));
      } catch (ModelFormatException ex) {
        throw ex;
      } catch (RuntimeException ex) { // missing fields, wrong JSON types, oversized shapes
        throw new ModelFormatException(file + ": malformed entry '" + name + "': " + ex.getMessage(), ex);
      }
    }
    return metadata;
  }

  /** A JSON string; Gson's {@code getAsString} would also take a number or a one-element array. */
  private static String string(JsonElement e, String what) {
    if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      throw new ModelFormatException(what + " must be a string, got " + e);
    }
    return e.getAsString();
  }

  /**
   * A JSON integer written as digits, as the format's writers emit them. Gson's {@code getAsLong}
   * would truncate {@code 0.5} to 0, read a string {@code "8"} as 8 and wrap a number beyond 2^64
   * to its low 64 bits, a valid-looking offset.
   */
  private static long integer(JsonElement e, String what) {
    String text = e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() ? e.getAsString() : "";
    if (!text.matches("-?[0-9]{1,19}")) {
      throw new ModelFormatException(what + " must be an integer, got " + e);
    }
    return Long.parseLong(text); // 19 digits can still exceed Long.MAX_VALUE: NumberFormatException
  }

  /** Offsets in bounds, sized for their shapes, and tiling the data region exactly. */
  private static void validateLayout(Path file, List<Entry> entries, long dataLength) {
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort((a, b) -> Long.compare(a.begin, b.begin));
    long expectedBegin = 0;
    for (Entry e : sorted) {
      long bytes = (long) e.shape.numel() * e.dtype.byteSize();
      if (bytes > Integer.MAX_VALUE - 8) {
        throw new ModelFormatException(file + ": tensor '" + e.name + "' of " + bytes + " bytes exceeds one array");
      }
      if (e.begin != expectedBegin || e.end - e.begin != bytes || e.end > dataLength) {
        throw new ModelFormatException(
            file + ": tensor '" + e.name + "' " + e.dtype + " " + e.shape + " claims bytes [" + e.begin + ", "
                + e.end + ") but needs " + bytes + " bytes starting at " + expectedBegin + " within "
                + dataLength);
      }
      expectedBegin = e.end;
    }
    if (expectedBegin != dataLength) {
      throw new ModelFormatException(
          file + ": the tensors cover " + expectedBegin + " of " + dataLength + " data bytes");
    }
  }
}
