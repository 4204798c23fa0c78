package dev.vectorgrad.dsl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.autodiff.Tensor;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The safetensors layer of a model file under attack: truncations, bit flips, absurd header
 * lengths, bad offsets, shapes and dtypes. Each must end in {@code ModelFormatException} without
 * allocating beyond a bound set by the file's size (see {@link LoadAttempt}).
 */
class ModelFileFuzzTest {
  private static final long FLIP_SEED = 20_261_122L;
  private static final String WEIGHT = "dense.weight";

  @TempDir Path dir;
  private Path target;
  private byte[] good;
  private Model original;

  @BeforeEach
  void saveTinyModel() {
    target = dir.resolve("hostile.safetensors");
    original = SampleModels.tinyTrained();
    good = ModelFileBytes.saved(original, dir);
  }

  @Test
  void theUnmodifiedFileLoads() {
    LoadAttempt attempt = LoadAttempt.of(target, good, "unmodified");
    assertEquals(original.summary(), attempt.model.summary());
  }

  @Test
  void everyTruncationIsRejected() {
    for (int length = 0; length < good.length; length++) {
      LoadAttempt.rejected(target, Arrays.copyOf(good, length), "truncated to " + length + " of " + good.length);
    }
  }

  @Test
  void appendedBytesAreRejected() {
    LoadAttempt.rejected(target, Arrays.copyOf(good, good.length + 1), "one byte appended");
  }

  /**
   * Flips inside float data give a model with another weight, which is what the format allows;
   * flips elsewhere must be rejected or still describe this architecture. One flip and two flips
   * per file, at seeded random positions.
   */
  @Test
  void randomBitFlipsLoadOrAreRejected() {
    SplittableRandom random = new SplittableRandom(FLIP_SEED);
    Tensor probe = Tensor.randn(3, 3);
    for (int trial = 0; trial < 1500; trial++) {
      byte[] flipped = good.clone();
      StringBuilder what = new StringBuilder("seed " + FLIP_SEED + " trial " + trial + ": flipped bits");
      for (int flip = 0; flip <= trial % 2; flip++) {
        int bit = random.nextInt(good.length * 8);
        flipped[bit / 8] ^= (byte) (1 << (bit % 8));
        what.append(' ').append(bit);
      }
      LoadAttempt attempt = LoadAttempt.of(target, flipped, what.toString());
      if (attempt.model != null) {
        assertEquals(original.stateDict().keySet(), attempt.model.stateDict().keySet(), what.toString());
        assertArrayEquals(new int[] {3, 2}, attempt.model.predict(probe).shape().toArray(), what.toString());
      }
    }
  }

  @Test
  void absurdHeaderLengthsAreRejected() {
    ModelFileBytes parts = ModelFileBytes.parse(good);
    byte[] json = parts.header.toString().getBytes(StandardCharsets.UTF_8);
    long fileSize = 8L + json.length + parts.data.length;
    long[] lengths = {0, 1, 7, Long.MIN_VALUE /* 2^63 read as unsigned */, -1, -8, Long.MAX_VALUE,
        fileSize - 7, fileSize, 1L << 32, (100L << 20) + 1, json.length - 1, json.length + 1};
    for (long length : lengths) {
      LoadAttempt.rejected(target, ModelFileBytes.withHeaderLength(length, json, parts.data), "header length " + length);
    }
  }

  @Test
  void offsetsOutsideTheDataOrNotTilingItAreRejected() {
    ModelFileBytes parts = ModelFileBytes.parse(good);
    long begin = parts.offsets(WEIGHT)[0];
    long end = parts.offsets(WEIGHT)[1];
    long size = end - begin;
    long[][] bad = {
        {begin - 4, end - 4}, // overlaps its neighbour (or starts before the data)
        {begin + 4, end + 4}, // overlaps the next tensor, leaves a gap
        {-size, 0}, {-1, size - 1}, {begin, end - 4}, {begin, end + 4},
        {end, begin}, // reversed
        {begin + parts.data.length, end + parts.data.length}, // beyond the file
        {Long.MAX_VALUE - size + 1, Long.MAX_VALUE}, {Long.MIN_VALUE, Long.MIN_VALUE + size},
    };
    for (long[] offsets : bad) {
      LoadAttempt.rejected(target, parts.copy().offsets(WEIGHT, offsets[0], offsets[1]).bytes(),
          WEIGHT + " at " + Arrays.toString(offsets));
    }
  }

  /** Offsets must be two exact integers: no fractions, strings or numbers that wrap around 2^64. */
  @Test
  void offsetsThatAreNotTwoIntegersAreRejected() {
    ModelFileBytes parts = ModelFileBytes.parse(good);
    long begin = parts.offsets(WEIGHT)[0];
    long end = parts.offsets(WEIGHT)[1];
    assertWeightFieldRejected("data_offsets", "[]", "[" + begin + "]", "[" + begin + ", " + end + ", " + end + "]",
        "null", "\"" + begin + "\"", "[" + begin + ".5, " + end + ".5]", "[\"" + begin + "\", \"" + end + "\"]", "[null, " + end + "]",
        "[" + begin + ", " + new BigInteger(String.valueOf(end)).add(BigInteger.ONE.shiftLeft(64)) + "]",
        "[" + begin + ", 1e30]");
  }

  /** Each JSON text in place of one field of the weight's header entry must be rejected. */
  private void assertWeightFieldRejected(String field, String... texts) {
    for (String text : texts) {
      ModelFileBytes crafted = ModelFileBytes.parse(good);
      crafted.tensor(WEIGHT).add(field, JsonParser.parseString(text));
      LoadAttempt.rejected(target, crafted.bytes(), WEIGHT + " " + field + " " + text);
    }
  }

  /** The format lists tensors in any order; only the offsets must tile the data. */
  @Test
  void tensorsListedOutOfOffsetOrderStillLoad() {
    ModelFileBytes parts = ModelFileBytes.parse(good);
    JsonObject reversed = new JsonObject();
    List<String> keys = new ArrayList<>(parts.header.keySet());
    Collections.reverse(keys);
    keys.forEach(k -> reversed.add(k, parts.header.get(k)));
    Model loaded = LoadAttempt.of(target, new ModelFileBytes(reversed, parts.data).bytes(), "reversed").model;
    SampleModels.assertSameState(original.stateDict(), loaded.stateDict());
  }

  @Test
  void elementCountsThatOverflowAreRejected() {
    long[][] shapes = {{1L << 31, 1L << 31}, {1L << 32}, {65536, 65536}, {46341, 46341}, {2147483647, 2147483647},
        {1 << 30, 4, 0}, {-4, -3}, {Long.MAX_VALUE}, {3, 4, 1 << 20, 1 << 20}};
    for (long[] shape : shapes) {
      LoadAttempt.rejected(target, ModelFileBytes.parse(good).shape(WEIGHT, shape).bytes(),
          WEIGHT + " shape " + Arrays.toString(shape));
    }
  }

  @Test
  void unknownOrMistypedDtypesAreRejected() {
    assertWeightFieldRejected("dtype", "\"F16\"", "\"BF16\"", "\"f32\"", "\"\"", "4", "null", "[\"F32\"]", "{}",
        "\"F8_E4M3\"");
  }

  @Test
  void weightsThatDoNotFitTheArchitectureAreRejected() {
    ModelFileBytes transposed = ModelFileBytes.parse(good).shape(WEIGHT, 3, 4); // same bytes, wrong layout
    assertTrue(LoadAttempt.rejected(target, transposed.bytes(), "transposed").getMessage().contains(WEIGHT));
    ModelFileBytes integers = ModelFileBytes.parse(good);
    integers.tensor(WEIGHT).addProperty("dtype", "I32"); // same size, wrong type
    assertTrue(LoadAttempt.rejected(target, integers.bytes(), "I32 weight").getMessage().contains("F32"));
    ModelFileBytes missing = ModelFileBytes.parse(good);
    missing.tensor("dense_1.bias").addProperty("dtype", "BOOL"); // and its 8 bytes no longer tile the data
    LoadAttempt.rejected(target, missing.bytes(), "bias as BOOL");
  }

  @Test
  void hostileHeaderJsonIsRejected() {
    String[] headers = {"", "[]", "null", "{", "{\"" + WEIGHT + "\": 5}", "{\"__metadata__\": [1]}",
        "{\"__metadata__\": {\"vectorgrad.model\": {\"nested\": true}}}", "\"text\"", "{}" + "x",
        "[".repeat(100_000) + "]".repeat(100_000)};
    for (String header : headers) {
      byte[] json = header.getBytes(StandardCharsets.UTF_8);
      LoadAttempt.rejected(target, ModelFileBytes.withHeaderLength(json.length, json, new byte[0]),
          "header " + header.substring(0, Math.min(40, header.length())));
    }
  }
}
