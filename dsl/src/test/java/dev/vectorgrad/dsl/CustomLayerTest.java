package dev.vectorgrad.dsl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.Module;
import dev.vectorgrad.layers.io.ModelFormatException;
import dev.vectorgrad.tensor.Shape;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's own layer type: written against the public API, registered explicitly, saved and loaded. */
class CustomLayerTest {
  /** Multiplies each feature by a learned factor (initialized to {@code start}). */
  static final class FeatureScale extends SingleInputLayer {
    private final double start;

    FeatureScale(double start) {
      this.start = start;
    }

    static FeatureScale fromConfig(Config c) {
      return new FeatureScale(c.number("start", -100, 100));
    }

    @Override
    public JsonObject config() {
      return Config.of("start", start);
    }

    @Override
    protected Shape outputShape(Shape input) {
      requireRank(input, 1);
      return input;
    }

    @Override
    protected Map<String, Shape> weightShapes(Shape input) {
      return weights("factor", input);
    }

    @Override
    protected Module createModule(Shape input) {
      return new Factors(input.dim(0), start);
    }

    @Override
    protected Tensor call(Tensor input, @Nullable Module module) {
      return input.times(((Factors) module).factor);
    }
  }

  /** The module holding the factors. */
  static final class Factors extends Module {
    final Tensor factor;

    Factors(int n, double start) {
      factor = registerParameter("factor", Tensor.ones(n).times(start).detach());
    }

    @Override
    public Tensor forward(Tensor input) {
      return input.times(factor);
    }
  }

  @Test
  void aRegisteredCustomLayerRoundTrips(@TempDir Path dir) {
    Tensor.manualSeed(3);
    Sequential model = Sequential.of(Input.of(4), Dense.of(4), new FeatureScale(0.5), Dense.of(2, "softmax"));
    model.compile("adam", "categorical_crossentropy");
    model.fit(Tensor.rand(8, 4), Tensor.rand(8, 2).softmax(1), Fit.epochs(2).verbose(Fit.Verbose.SILENT));
    Path file = dir.resolve("custom.vgm");
    model.save(file);

    ModelFormatException unknown = assertThrows(ModelFormatException.class, () -> Models.load(file));
    assertTrue(unknown.getMessage().contains("'FeatureScale' is not registered"), unknown.getMessage());

    LayerRegistry.register("FeatureScale", FeatureScale::fromConfig);
    Model loaded = Models.load(file);
    Tensor x = Tensor.rand(5, 4);
    assertArrayEquals(model.predict(x).toFloatArray(), loaded.predict(x).toFloatArray());
  }
}
