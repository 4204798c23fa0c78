package dev.vectorgrad.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vectorgrad.layers.io.ModelFormatException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files whose safetensors layout is valid but whose architecture, compile settings or
 * optimizer state are hostile: absurd sizes, broken references, cycles, wrong JSON types, unknown
 * layer types, weights that do not fit. Each must end in {@code ModelFormatException} before the
 * weights the architecture asks for are allocated.
 */
class HostileArchitectureTest {
  @TempDir Path dir;
  private Path target;
  private byte[] tiny;
  private byte[] towers;

  @BeforeEach
  void saveModels() {
    target = dir.resolve("hostile.safetensors");
    tiny = ModelFileBytes.saved(SampleModels.tinyTrained(), dir); // Sequential: input 3, dense 4, dense_1 2
    towers = ModelFileBytes.saved(SampleModels.twoTowers(), dir);
  }

  /** The file with its architecture changed by {@code change}; everything else (the weights) kept. */
  private static byte[] withArchitecture(byte[] file, Consumer<JsonObject> change) {
    ModelFileBytes parts = ModelFileBytes.parse(file);
    JsonObject architecture = parts.architecture();
    change.accept(architecture);
    return parts.architecture(architecture.toString()).bytes();
  }

  private ModelFormatException rejected(byte[] file, Consumer<JsonObject> change, String what) {
    return LoadAttempt.rejected(target, withArchitecture(file, change), what);
  }

  private static JsonObject layer(JsonObject architecture, int index) {
    return architecture.getAsJsonArray("layers").get(index).getAsJsonObject();
  }

  private static JsonObject node(JsonObject architecture, int index) {
    return architecture.getAsJsonArray("nodes").get(index).getAsJsonObject();
  }

  /** Renames a layer of a Sequential architecture and the node that applies it (node i applies layer i). */
  private static void rename(JsonObject architecture, int index, String name) {
    layer(architecture, index).addProperty("name", name);
    node(architecture, index).addProperty("layer", name);
  }

  private static JsonElement json(String text) {
    return JsonParser.parseString(text);
  }

  @Test
  void anUnchangedArchitectureLoads() {
    assertEquals(null, LoadAttempt.of(target, withArchitecture(towers, a -> {}), "unchanged").rejection);
  }

  @Test
  void sizesBeyondTheConfigBoundAreRejected() {
    rejected(tiny, a -> layer(a, 0).getAsJsonObject("config").addProperty("units", 1 << 30), "Dense units 2^30");
    rejected(tiny, a -> layer(a, 0).getAsJsonObject("config").addProperty("units", 1e300), "Dense units 1e300");
    rejected(tiny, a -> a.getAsJsonArray("inputs").get(0).getAsJsonObject().add("shape", json("[2147483647]")),
        "input of 2^31-1");
  }

  /**
   * Sizes within the bound may still ask for gigabytes: Dense(2^24) on 16 inputs is a 1 GiB
   * weight, Embedding(2^24, 64) 4 GiB. The loader compares them with the (tiny) file first, so the
   * load fails having allocated about what parsing the header costs (measured by {@link LoadAttempt}).
   */
  @Test
  void aHugeLayerOverATinyFileFailsWithoutAllocatingIt() {
    LoadAttempt dense = LoadAttempt.of(target, withArchitecture(tiny, a -> {
      a.getAsJsonArray("inputs").get(0).getAsJsonObject().add("shape", json("[16]"));
      layer(a, 0).getAsJsonObject("config").addProperty("units", 1 << 24);
    }), "Dense(2^24) on 16 inputs");
    assertTrue(dense.rejection.getMessage().contains("dense.weight"), dense.rejection.getMessage());
    assertTrue(dense.allocatedBytes < (1 << 24), "allocated " + dense.allocatedBytes + " bytes");

    LoadAttempt embedding = LoadAttempt.of(target, withArchitecture(tiny, a -> {
      JsonObject config = new JsonObject();
      config.addProperty("input_dim", 1 << 24);
      config.addProperty("output_dim", 64);
      layer(a, 0).addProperty("class_name", "Embedding");
      layer(a, 0).add("config", config);
    }), "Embedding(2^24, 64)");
    assertTrue(embedding.rejection != null && embedding.allocatedBytes < (1 << 24),
        "allocated " + embedding.allocatedBytes + " bytes");
  }

  /** The counter behind that bound sees real weights, so a bound it passes means something. */
  @Test
  void theAllocationCounterSeesTheWeightsOfAValidModel() {
    byte[] file = ModelFileBytes.saved(Sequential.of(Input.of(512), Dense.of(512)), dir); // a 1 MiB weight
    LoadAttempt valid = LoadAttempt.of(target, file, "512 x 512");
    assertTrue(valid.model != null && valid.allocatedBytes >= 512 * 512 * 4, "allocated " + valid.allocatedBytes);
  }

  @Test
  void referencesMustNameEarlierValues() {
    // towers: values 0, 1 are the inputs; node n produces value n + 2
    String[] inbound = {"[-1]", "[0.5]", "[\"0\"]", "[null]", "[1e300]", "[2]" /* itself: a cycle */,
        "[7]" /* a later node: forward reference */, "[[0]]", "{}", "5"};
    for (String refs : inbound) {
      rejected(towers, a -> node(a, 0).add("inbound", json(refs)), "first node reads " + refs);
    }
    rejected(towers, a -> a.add("outputs", json("[99]")), "output beyond the values");
    rejected(towers, a -> a.add("outputs", json("[]")), "no outputs");
    rejected(towers, a -> a.add("inputs", json("[]")), "no inputs");
    JsonArray many = new JsonArray();
    for (int i = 0; i < 65; i++) {
      many.add(0);
    }
    rejected(towers, a -> node(a, 2).add("inbound", many), "65 inbound values");
  }

  @Test
  void aSequentialModelMustBeAChain() {
    rejected(tiny, a -> node(a, 1).add("inbound", json("[0]")), "second layer reads the input");
    rejected(tiny, a -> a.add("outputs", json("[1]")), "output before the last layer");
    rejected(tiny, a -> a.getAsJsonArray("inputs").add(a.getAsJsonArray("inputs").get(0)), "two inputs");
    rejected(tiny, a -> a.addProperty("class_name", "Subclassed"), "an unknown model class");
  }

  @Test
  void hugeArraysAreRejectedByCount() {
    JsonArray inputs = new JsonArray();
    JsonObject input = json("{\"name\": \"x\", \"shape\": [1]}").getAsJsonObject();
    for (int i = 0; i <= 100_000; i++) {
      inputs.add(input);
    }
    rejected(towers, a -> a.add("inputs", inputs), "100,001 inputs");
    rejected(towers, a -> layer(a, 0).getAsJsonObject("config").add("units", json("[1,1,1,1,1,1,1,1,1]")),
        "units as an array");
  }

  @Test
  void wrongJsonTypesAreRejected() {
    rejected(tiny, a -> a.add("layers", json("{}")), "layers as an object");
    rejected(tiny, a -> a.add("inputs", json("[5]")), "an input as a number");
    rejected(tiny, a -> a.add("nodes", json("[\"dense\"]")), "a node as a string");
    rejected(tiny, a -> a.getAsJsonArray("layers").set(0, json("[]")), "a layer as an array");
    rejected(tiny, a -> layer(a, 0).add("config", json("\"units=4\"")), "config as a string");
    rejected(tiny, a -> layer(a, 0).remove("config"), "no config");
    rejected(tiny, a -> layer(a, 0).getAsJsonObject("config").addProperty("units", "4"), "units as a string");
    rejected(tiny, a -> layer(a, 0).getAsJsonObject("config").addProperty("units", 4.5), "units 4.5");
    rejected(tiny, a -> layer(a, 0).getAsJsonObject("config").addProperty("units", true), "units true");
    rejected(tiny, a -> layer(a, 0).getAsJsonObject("config").addProperty("activation", "rm -rf"), "activation");
    rejected(tiny, a -> layer(a, 0).addProperty("trainable", "yes"), "trainable as a string");
    rejected(tiny, a -> layer(a, 0).add("class_name", json("5")), "class_name as a number");
    rejected(tiny, a -> a.getAsJsonArray("inputs").get(0).getAsJsonObject().add("shape", json("[0]")), "empty input");
    rejected(tiny, a -> a.getAsJsonArray("inputs").get(0).getAsJsonObject().add("shape",
        json("[16777216, 16777216, 16777216]")), "an input of 2^72 elements");
  }

  @Test
  void namesAreChecked() {
    rejected(tiny, a -> layer(a, 1).addProperty("name", "dense"), "two layers named dense");
    rejected(tiny, a -> node(a, 0).addProperty("layer", "nowhere"), "a node of an unknown layer");
    rejected(tiny, a -> rename(a, 0, "../../etc"), "a layer name with a path");
  }

  @Test
  void unregisteredLayerTypesAreRejectedByName() {
    ModelFormatException e = rejected(tiny, a -> layer(a, 0).addProperty("class_name", "Lambda"), "Lambda");
    assertTrue(e.getMessage().contains("'Lambda' is not registered"), e.getMessage());
    rejected(tiny, a -> layer(a, 0).addProperty("class_name", "java.lang.Runtime"), "a class name");
  }

  @Test
  void weightsMustMatchWhatTheArchitectureImplies() {
    rejected(tiny, a -> layer(a, 0).getAsJsonObject("config").addProperty("units", 5), "units 5 over a 4-unit weight");
    rejected(tiny, a -> layer(a, 0).getAsJsonObject("config").addProperty("use_bias", false), "an unused bias");
    rejected(towers, a -> node(a, 1).add("inbound", json("[2]")), "a shared layer applied to another shape");
    rejected(tiny, a -> rename(a, 1, "head"), "weights named for another layer");
  }

  @Test
  void unparsableArchitectureTextIsRejected() {
    String[] texts = {"", "[]", "5", "null", "{", "{\"class_name\": \"Sequential\"}",
        "[".repeat(50_000) + "]".repeat(50_000), "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000)};
    for (String text : texts) {
      LoadAttempt.rejected(target, ModelFileBytes.parse(tiny).architecture(text).bytes(),
          "architecture " + text.substring(0, Math.min(30, text.length())));
    }
  }

  @Test
  void hostileCompileSettingsAreRejected() {
    String[] compile = {"{\"optimizer\": {\"name\": \"evil\", \"config\": {}}, \"loss\": \"mse\", \"metrics\": []}",
        "{\"optimizer\": {\"name\": \"adam\", \"config\": {}}, \"loss\": \"evil\", \"metrics\": []}",
        "{\"optimizer\": {\"name\": \"adam\", \"config\": {}}, \"loss\": \"mse\", \"metrics\": [\"evil\"]}",
        "{\"optimizer\": {\"name\": \"adam\", \"config\": {\"learning_rate\": -1}}, \"loss\": \"mse\", \"metrics\": []}",
        "{\"optimizer\": 5}", "[]", "{"};
    for (String text : compile) {
      ModelFileBytes parts = ModelFileBytes.parse(tiny);
      parts.metadata().addProperty("vectorgrad.compile", text);
      LoadAttempt.rejected(target, parts.bytes(), "compile " + text);
    }
  }

  @Test
  void optimizerStateMustFitTheParameters() {
    ModelFileBytes parts = ModelFileBytes.parse(tiny);
    // exp_avg of the [4, 3] first weight declared as a [12] vector: same bytes, wrong shape
    parts.shape("optimizer.state.0.exp_avg", 12);
    LoadAttempt.rejected(target, parts.bytes(), "a flattened Adam moment");
    ModelFileBytes swapped = ModelFileBytes.parse(tiny);
    swapped.tensor("optimizer.state.0.exp_avg").addProperty("dtype", "I32");
    LoadAttempt.rejected(target, swapped.bytes(), "an integer Adam moment");
    ModelFileBytes step = ModelFileBytes.parse(tiny);
    step.tensor("optimizer.step").addProperty("dtype", "F64"); // the same 8 bytes
    LoadAttempt.rejected(target, step.bytes(), "a floating-point step count");
  }
}
