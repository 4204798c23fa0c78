package dev.vectorgrad.dsl;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.vectorgrad.layers.io.ModelFormatException;

/**
 * Typed access to a layer's JSON configuration. Reading is defensive because configurations come
 * from files: a missing key, a wrong type or a value out of range is a {@link ModelFormatException}
 * naming the key, and sizes are bounded so no configuration can ask for an absurd allocation.
 */
public final class Config {
  /** Larger sizes are refused when read from a file (weights are checked against the file anyway). */
  static final int MAX_SIZE = 1 << 24;

  private final String owner;
  private final JsonObject json;

  public Config(String owner, JsonObject json) {
    this.owner = owner;
    this.json = json;
  }

  /** A JSON object from alternating keys and values (Numbers, Strings, Booleans or int arrays). */
  public static JsonObject of(Object... keysAndValues) {
    JsonObject out = new JsonObject();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      String key = (String) keysAndValues[i];
      Object value = keysAndValues[i + 1];
      if (value instanceof Number) {
        out.addProperty(key, (Number) value);
      } else if (value instanceof Boolean) {
        out.addProperty(key, (Boolean) value);
      } else if (value instanceof int[]) {
        JsonArray array = new JsonArray();
        for (int v : (int[]) value) {
          array.add(v);
        }
        out.add(key, array);
      } else {
        out.addProperty(key, String.valueOf(value));
      }
    }
    return out;
  }

  private JsonPrimitive primitive(String key) {
    JsonElement value = json.get(key);
    if (value == null || !value.isJsonPrimitive()) {
      throw new ModelFormatException(owner + ": config needs a value for '" + key + "'");
    }
    return value.getAsJsonPrimitive();
  }

  public boolean has(String key) {
    return json.has(key) && !json.get(key).isJsonNull();
  }

  public String string(String key) {
    return primitive(key).getAsString();
  }

  public boolean bool(String key) {
    JsonPrimitive p = primitive(key);
    if (!p.isBoolean()) {
      throw new ModelFormatException(owner + ": '" + key + "' must be true or false, got " + p);
    }
    return p.getAsBoolean();
  }

  /** An integer in {@code [min, MAX_SIZE]}. */
  public int integer(String key, int min) {
    return integer("'" + key + "'", primitive(key), min);
  }

  private int integer(String what, JsonElement element, int min) {
    double value = element.isJsonPrimitive() && element.getAsJsonPrimitive().isNumber() ? element.getAsDouble() : Double.NaN;
    if (value != Math.rint(value) || value < min || value > MAX_SIZE) {
      throw new ModelFormatException(owner + ": " + what + " must be an integer in [" + min + ", " + MAX_SIZE
          + "], got " + element);
    }
    return (int) value;
  }

  /** A finite number in {@code [min, max]}. */
  public double number(String key, double min, double max) {
    JsonPrimitive p = primitive(key);
    double value = p.isNumber() ? p.getAsDouble() : Double.NaN;
    if (!(value >= min && value <= max)) {
      throw new ModelFormatException(owner + ": '" + key + "' must be a number in [" + min + ", " + max + "], got " + p);
    }
    return value;
  }

  /** An array of integers, each in {@code [min, MAX_SIZE]}, of length at most 8. */
  public int[] integers(String key, int min) {
    JsonElement value = json.get(key);
    if (value == null || !value.isJsonArray() || value.getAsJsonArray().size() > 8) {
      throw new ModelFormatException(owner + ": config needs an array of at most 8 integers for '" + key + "'");
    }
    JsonArray array = value.getAsJsonArray();
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = integer("'" + key + "' entry " + i, array.get(i), min);
    }
    return out;
  }
}
