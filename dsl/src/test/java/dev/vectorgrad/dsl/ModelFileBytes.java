package dev.vectorgrad.dsl;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A model file taken apart for crafting hostile variants: the safetensors header as JSON (with the
 * architecture still a string inside {@code __metadata__}) and the data bytes. Written independently
 * of {@code SafeTensors}, so a bug there cannot hide in both the writer and the reader.
 */
final class ModelFileBytes {
  final JsonObject header;
  final byte[] data;

  ModelFileBytes(JsonObject header, byte[] data) {
    this.header = header;
    this.data = data;
  }

  static byte[] saved(Model model, Path dir) {
    Path file = dir.resolve("saved-" + model.name() + ".safetensors");
    model.save(file);
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ModelFileBytes parse(byte[] file) {
    int headerLength = (int) ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong();
    String json = new String(file, 8, headerLength, StandardCharsets.UTF_8);
    return new ModelFileBytes(JsonParser.parseString(json).getAsJsonObject(),
        Arrays.copyOfRange(file, 8 + headerLength, file.length));
  }

  /** The file with a correct header length. */
  byte[] bytes() {
    byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
    return withHeaderLength(json.length, json, data);
  }

  /** Any eight bytes of header length, then the header and the data as given. */
  static byte[] withHeaderLength(long claimed, byte[] json, byte[] data) {
    return ByteBuffer.allocate(8 + json.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
        .putLong(claimed).put(json).put(data).array();
  }

  ModelFileBytes copy() {
    return new ModelFileBytes(header.deepCopy(), data.clone());
  }

  /** The header entry of one tensor: {@code dtype}, {@code shape}, {@code data_offsets}. */
  JsonObject tensor(String key) {
    return header.getAsJsonObject(key);
  }

  long[] offsets(String key) {
    JsonArray offsets = tensor(key).getAsJsonArray("data_offsets");
    return new long[] {offsets.get(0).getAsLong(), offsets.get(1).getAsLong()};
  }

  ModelFileBytes offsets(String key, long begin, long end) {
    JsonArray offsets = new JsonArray();
    offsets.add(begin);
    offsets.add(end);
    tensor(key).add("data_offsets", offsets);
    return this;
  }

  ModelFileBytes shape(String key, long... dims) {
    JsonArray shape = new JsonArray();
    for (long d : dims) {
      shape.add(d);
    }
    tensor(key).add("shape", shape);
    return this;
  }

  JsonObject metadata() {
    return header.getAsJsonObject("__metadata__");
  }

  /** The architecture JSON, parsed; change it and put it back with {@link #architecture(String)}. */
  JsonObject architecture() {
    return JsonParser.parseString(metadata().get("vectorgrad.model").getAsString()).getAsJsonObject();
  }

  ModelFileBytes architecture(String json) {
    metadata().addProperty("vectorgrad.model", json);
    return this;
  }
}
