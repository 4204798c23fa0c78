package dev.vectorgrad.layers.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.VectorgradException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadersTest {
  /** An IDX file of unsigned bytes written by hand: magic, sizes, data. */
  private static byte[] idx(int type, int[] dims, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
    b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
    for (int d : dims) {
      b.putInt(d);
    }
    return b.put(data).array();
  }

  private static NdArray read(byte[] bytes) throws IOException {
    return Idx.read(new ByteArrayInputStream(bytes), "test");
  }

  @Test
  void readsUnsignedBytesAndFloats() throws IOException {
    NdArray images = read(idx(0x08, new int[] {2, 2}, new byte[] {0, 127, (byte) 128, (byte) 255}));
    assertEquals(Shape.of(2, 2), images.shape());
    assertArrayEquals(new int[] {0, 127, 128, 255}, images.toIntArray());
    ByteBuffer floats = ByteBuffer.allocate(8).putFloat(1.5f).putFloat(-2f);
    assertArrayEquals(new float[] {1.5f, -2f}, read(idx(0x0D, new int[] {2}, floats.array())).toFloatArray());
  }

  @Test
  void readsGzipFilesAndMnistDirectories(@TempDir Path dir) throws IOException {
    byte[] images = new byte[3 * 28 * 28];
    images[0] = (byte) 255;
    write(dir.resolve("t10k-images-idx3-ubyte.gz"), idx(0x08, new int[] {3, 28, 28}, images), true);
    write(dir.resolve("t10k-labels-idx1-ubyte"), idx(0x08, new int[] {3}, new byte[] {7, 2, 1}), false);
    TensorDataset test = Mnist.test(dir);
    assertEquals(3, test.size());
    assertEquals(Shape.of(1, 28, 28), test.get(0).x().shape());
    assertEquals(1.0, test.get(0).x().data().max().item());
    assertEquals(2, test.get(1).y().itemLong());
    VectorgradException missing = assertThrows(VectorgradException.class, () -> Mnist.train(dir));
    assertTrue(missing.getMessage().contains("fetch-data"), missing.getMessage());
  }

  private static void write(Path file, byte[] bytes, boolean gzip) throws IOException {
    try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
      out.write(bytes);
    }
  }

  @Test
  void corruptFilesFailWithOurExceptionAndNoHugeAllocation() {
    byte[] good = idx(0x08, new int[] {4}, new byte[] {1, 2, 3, 4});
    byte[][] bad = {
      new byte[0],
      {1, 0, 8, 1},
      {0, 0, 0x42, 1, 0, 0, 0, 1, 0},
      {0, 0, 8, 0},
      {0, 0, 8, 9},
      Arrays.copyOf(good, 6),
      Arrays.copyOf(good, good.length - 1),
      Arrays.copyOf(good, good.length + 1),
      idx(0x08, new int[] {-1}, new byte[0]),
      idx(0x0E, new int[] {65536, 65536}, new byte[8]), // claims 32 GiB
      idx(0x08, new int[] {46341, 46341}, new byte[16]), // claims 2 GiB in a tiny file
    };
    for (byte[] bytes : bad) {
      assertThrows(VectorgradException.class, () -> read(bytes), Arrays.toString(bytes));
    }
  }

  @Test
  void flippedBitsNeverEscapeAsAnotherException() {
    byte[] good = idx(0x08, new int[] {2, 3}, new byte[] {1, 2, 3, 4, 5, 6});
    for (int bit = 0; bit < good.length * 8; bit++) {
      byte[] flipped = good.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      try {
        read(flipped);
      } catch (VectorgradException expected) {
        // rejecting is fine; anything else (OOM, AIOOBE) fails the test
      } catch (IOException | RuntimeException e) {
        throw new AssertionError("bit " + bit + " escaped as " + e, e);
      }
    }
  }

  @Test
  void csvReadsNumbersAndReportsTheBadLine() throws IOException {
    NdArray table = Csv.read(new ByteArrayInputStream("a,b\n1,2\n3.5,-4\n".getBytes(StandardCharsets.UTF_8)), true, "t");
    assertArrayEquals(new float[] {1, 2, 3.5f, -4}, table.toFloatArray());
    VectorgradException e = assertThrows(VectorgradException.class,
        () -> Csv.read(new ByteArrayInputStream("1,2\n3\n".getBytes(StandardCharsets.UTF_8)), false, "t"));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    assertThrows(VectorgradException.class,
        () -> Csv.read(new ByteArrayInputStream("1,x\n".getBytes(StandardCharsets.UTF_8)), false, "t"));
  }

  @Test
  void theBundledDigitsCsvHasTheKnownShape() throws IOException {
    try (var in = new GZIPInputStream(ReadersTest.class.getResourceAsStream("/digits/digits.csv.gz"))) {
      NdArray digits = Csv.read(in, false, "digits");
      assertEquals(Shape.of(1797, 65), digits.shape());
      assertEquals(16.0, digits.narrow(1, 0, 64).max().item());
      assertEquals(9.0, digits.select(1, 64).max().item());
    }
  }
}
