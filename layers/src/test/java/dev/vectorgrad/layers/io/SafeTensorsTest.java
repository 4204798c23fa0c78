package dev.vectorgrad.layers.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
  @TempDir Path dir;

  private static Map<String, NdArray> sample() {
    Map<String, NdArray> arrays = new LinkedHashMap<>();
    arrays.put("fc.weight", NdArray.arange(0, 6, 1).reshape(2, 3).transpose(0, 1)); // a non-contiguous view
    arrays.put("fc.bias", NdArray.of(new double[] {1.5, -2.5}, 2));
    arrays.put("steps", NdArray.of(new long[] {Long.MAX_VALUE, -1}, 2));
    arrays.put("ids", NdArray.of(new int[] {3}, 1));
    arrays.put("mask", NdArray.of(new boolean[] {true, false}, 2));
    arrays.put("empty", NdArray.zeros(Shape.of(0, 4), DType.F32));
    arrays.put("scalar", NdArray.scalar(7));
    return arrays;
  }

  @Test
  void roundTripKeepsNamesDtypesShapesValuesAndMetadata() {
    Path file = dir.resolve("model.safetensors");
    SafeTensors.save(file, sample(), Map.of("format", "pt", "epoch", "3"));
    SafeTensors.Contents read = SafeTensors.load(file);
    assertEquals(List.copyOf(sample().keySet()), List.copyOf(read.arrays().keySet()));
    sample().forEach((name, expected) -> {
      NdArray actual = read.arrays().get(name);
      assertEquals(expected.dtype(), actual.dtype(), name);
      assertEquals(expected.shape(), actual.shape(), name);
      assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray(), name);
    });
    assertEquals(Long.MAX_VALUE, read.arrays().get("steps").toLongArray()[0]);
    assertEquals(Map.of("format", "pt", "epoch", "3"), read.metadata());
  }

  @Test
  void readsAFileFromAnIndependentWriter() {
    Path golden = Path.of("src/test/resources/golden/python.safetensors");
    SafeTensors.Contents read = SafeTensors.load(golden);
    assertArrayEquals(new float[] {-1, -0.5f, 0, 0.5f, 1, 1.5f}, read.arrays().get("weight").toFloatArray());
    assertEquals(Shape.of(2, 3), read.arrays().get("weight").shape());
    assertArrayEquals(new long[] {7, -9}, read.arrays().get("steps").toLongArray());
    assertArrayEquals(new boolean[] {true, false, true}, read.arrays().get("mask").toBooleanArray());
    assertEquals(2.25, read.arrays().get("scale").item());
    assertEquals(Shape.scalar(), read.arrays().get("scale").shape());
    assertEquals(Map.of("format", "pt"), read.metadata());
  }

  private byte[] validFile() throws IOException {
    Path file = dir.resolve("valid.safetensors");
    SafeTensors.save(file, sample(), Map.of());
    return Files.readAllBytes(file);
  }

  private void assertRejected(byte[] bytes, String why) throws IOException {
    Path file = dir.resolve("bad.safetensors");
    Files.write(file, bytes);
    assertThrows(ModelFormatException.class, () -> SafeTensors.load(file), why);
  }

  @Test
  void everyTruncationIsRejected() throws IOException {
    byte[] good = validFile();
    for (int length = 0; length < good.length; length++) {
      assertRejected(Arrays.copyOf(good, length), "truncated to " + length);
    }
  }

  @Test
  void flippedBitsNeverEscapeAsAnotherException() throws IOException {
    byte[] good = validFile();
    Path file = dir.resolve("flipped.safetensors");
    for (int bit = 0; bit < good.length * 8; bit += 3) {
      byte[] flipped = good.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      Files.write(file, flipped);
      try {
        SafeTensors.load(file);
      } catch (ModelFormatException expected) {
        // rejected cleanly; a flip inside float data may also load, with another value
      } catch (RuntimeException | OutOfMemoryError e) {
        throw new AssertionError("bit " + bit + " escaped as " + e, e);
      }
    }
  }

  private static byte[] file(String header, int dataBytes) {
    byte[] json = header.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN)
        .putLong(json.length).put(json).array();
  }

  static Stream<byte[]> hostileFiles() {
    return Stream.of(
        ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(Long.MAX_VALUE).array(),
        ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-5).array(),
        file("[1, 2]", 0),
        file("{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]}", 8),
        file("{\"a\": {\"dtype\": \"F16\", \"shape\": [2], \"data_offsets\": [0, 4]}}", 4),
        file("{\"a\": {\"dtype\": \"F32\", \"shape\": [3], \"data_offsets\": [0, 8]}}", 8),
        file("{\"a\": {\"dtype\": \"F32\", \"shape\": [-2], \"data_offsets\": [0, 8]}}", 8),
        file("{\"a\": {\"dtype\": \"F32\", \"shape\": [2147483647, 2147483647], \"data_offsets\": [0, 8]}}", 8),
        file("{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8000000000]}}", 8),
        file("{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]},"
            + " \"b\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [4, 8]}}", 8),
        file("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [4, 8]}}", 8),
        file("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}}", 8),
        file("{\"a\": {\"dtype\": \"F32\", \"shape\": \"two\", \"data_offsets\": [0, 4]}}", 4),
        file("{\"a\": {\"dtype\": \"BOOL\", \"shape\": [1], \"data_offsets\": [0, 1]}}", 0),
        file("{\"a\": 5}", 0));
  }

  @Test
  void hostileHeadersAreRejectedBeforeAllocation() throws IOException {
    for (byte[] bytes : hostileFiles().toList()) {
      assertRejected(bytes, new String(bytes, StandardCharsets.UTF_8));
    }
    byte[] badBool = file("{\"a\": {\"dtype\": \"BOOL\", \"shape\": [1], \"data_offsets\": [0, 1]}}", 1);
    badBool[badBool.length - 1] = 7;
    assertRejected(badBool, "a BOOL byte of 7");
  }

  @Test
  void aFailedWriteLeavesThePreviousFileAndNoTemporaries() throws IOException {
    Path file = dir.resolve("checkpoint.safetensors");
    SafeTensors.save(file, sample(), Map.of("epoch", "1"));
    byte[] before = Files.readAllBytes(file);
    assertThrows(ModelFormatException.class, () -> AtomicFiles.write(file, channel -> {
      channel.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
      throw new IOException("disk full (simulated)");
    }));
    assertArrayEquals(before, Files.readAllBytes(file));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "temporary files left behind");
    }
    assertEquals("1", SafeTensors.load(file).metadata().get("epoch"));
  }

  @Test
  void theMetadataNameIsReserved() {
    assertThrows(ModelFormatException.class,
        () -> SafeTensors.save(dir.resolve("x"), Map.of("__metadata__", NdArray.zeros(1)), Map.of()));
  }

  @Test
  void unreadableFilesAreReported() {
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> SafeTensors.load(dir.resolve("missing")));
    assertTrue(e.getMessage().contains("missing"));
  }
}
