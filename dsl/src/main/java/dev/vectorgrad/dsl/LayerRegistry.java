package dev.vectorgrad.dsl;

import com.google.gson.JsonObject;
import dev.vectorgrad.layers.io.ModelFormatException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The layer types a saved model may name, each with the factory that rebuilds it from its {@link
 * Config}. Loading only ever instantiates types found here (no reflection on names from files);
 * custom layers are added explicitly with {@link #register}.
 */
public final class LayerRegistry {
  private LayerRegistry() {}

  private static final Map<String, Function<Config, Layer>> FACTORIES = new ConcurrentHashMap<>();

  static {
    FACTORIES.put("Dense", Dense::fromConfig);
    FACTORIES.put("Conv1D", Conv1D::fromConfig);
    FACTORIES.put("Conv2D", Conv2D::fromConfig);
    FACTORIES.put("MaxPooling2D", MaxPooling2D::fromConfig);
    FACTORIES.put("AveragePooling2D", AveragePooling2D::fromConfig);
    FACTORIES.put("GlobalAveragePooling2D", GlobalAveragePooling2D::fromConfig);
    FACTORIES.put("Flatten", Flatten::fromConfig);
    FACTORIES.put("Reshape", Reshape::fromConfig);
    FACTORIES.put("Dropout", Dropout::fromConfig);
    FACTORIES.put("BatchNormalization", BatchNormalization::fromConfig);
    FACTORIES.put("LayerNormalization", LayerNormalization::fromConfig);
    FACTORIES.put("Activation", Activation::fromConfig);
    FACTORIES.put("Embedding", Embedding::fromConfig);
    FACTORIES.put("Add", Add::fromConfig);
    FACTORIES.put("Multiply", Multiply::fromConfig);
    FACTORIES.put("Concatenate", Concatenate::fromConfig);
  }

  /** Lets saved models use a custom layer type; {@code type} must be what its {@link Layer#type()} returns. */
  public static void register(String type, Function<Config, Layer> factory) {
    FACTORIES.put(type, factory);
  }

  /** Rebuilds a layer; anything wrong with the type or the configuration is a {@link ModelFormatException}. */
  static Layer create(String type, JsonObject config) {
    Function<Config, Layer> factory = FACTORIES.get(type);
    if (factory == null) {
      throw new ModelFormatException("layer type '" + type + "' is not registered (LayerRegistry.register adds custom layers)");
    }
    try {
      return factory.apply(new Config(type, config));
    } catch (ModelFormatException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ModelFormatException(type + ": invalid configuration " + config + ": " + e.getMessage(), e);
    }
  }
}
