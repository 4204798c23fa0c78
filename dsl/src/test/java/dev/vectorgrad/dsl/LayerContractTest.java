package dev.vectorgrad.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.Module;
import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.ShapeMismatchException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every layer type promises: the shapes it announces without allocating ({@code outputShape},
 * {@code weightShapes}) are the ones it builds and computes, its configuration survives a trip
 * through the registry, and a wrong input shape is refused with the layer's name in the message.
 */
class LayerContractTest {
  /** A layer factory with an input that fits it and one that does not. */
  record Case(String label, Supplier<Layer> layer, Shape input, DType dtype, Shape wrong) {
    @Override
    public String toString() {
      return label;
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        new Case("Dense", () -> Dense.of(5, "relu"), Shape.of(7), DType.F32, Shape.of()),
        new Case("Dense on sequences", () -> Dense.of(3).useBias(false), Shape.of(4, 7), DType.F32, Shape.of()),
        new Case("Conv2D", () -> Conv2D.of(6, 3, "tanh").strides(2), Shape.of(9, 8, 2), DType.F32, Shape.of(9, 8)),
        new Case("Conv2D same groups", () -> Conv2D.of(4, 3).padding("same").groups(2), Shape.of(5, 5, 2), DType.F32,
            Shape.of(5, 5, 3)),
        new Case("Conv1D", () -> Conv1D.of(4, 3, "relu").dilationRate(2), Shape.of(10, 3), DType.F32, Shape.of(4, 3)),
        new Case("MaxPooling2D", () -> MaxPooling2D.of(2), Shape.of(6, 7, 3), DType.F32, Shape.of(6, 7)),
        new Case("AveragePooling2D", () -> AveragePooling2D.of(3).strides(1), Shape.of(6, 7, 3), DType.F32,
            Shape.of(2, 2, 3)),
        new Case("GlobalAveragePooling2D", () -> GlobalAveragePooling2D.of(), Shape.of(4, 5, 3), DType.F32, Shape.of(4)),
        new Case("Flatten", () -> Flatten.of(), Shape.of(2, 3, 4), DType.F32, null),
        new Case("Reshape", () -> Reshape.of(-1, 4), Shape.of(2, 6), DType.F32, Shape.of(5)),
        new Case("Dropout", () -> Dropout.of(0.3), Shape.of(5), DType.F32, null),
        new Case("BatchNormalization", () -> BatchNormalization.of(), Shape.of(4, 4, 3), DType.F32, Shape.of(1, 2, 3, 4)),
        new Case("LayerNormalization", () -> LayerNormalization.of(), Shape.of(3, 6), DType.F32, Shape.of()),
        new Case("Activation", () -> Activation.of("softmax"), Shape.of(4), DType.F32, null),
        new Case("Embedding", () -> Embedding.of(20, 4), Shape.of(6), DType.I64, Shape.of(1, 2, 3, 4, 5, 6, 7)))
        .map(Arguments::of);
  }

  private static Tensor batch(Case c, int n) {
    Shape shape = Shapes.batched(n, c.input());
    return c.dtype() == DType.I64 ? Tensor.randint(0, 20, shape) : Tensor.randn(shape, DType.F32);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void announcedShapesAreTheBuiltOnes(Case c) {
    Tensor.manualSeed(3);
    Layer layer = c.layer().get();
    List<Shape> in = List.of(c.input());
    Shape announced = layer.outputShape(in);
    Map<String, Shape> weights = layer.weightShapes(in);
    Tensor out = layer.call(batch(c, 3));
    assertEquals(Shapes.batched(3, announced), out.shape());
    Map<String, Shape> built = new LinkedHashMap<>();
    Module module = layer.module();
    if (module != null) {
      module.stateDict().forEach((k, t) -> built.put(k, t.shape()));
    }
    assertEquals(weights, built);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void configurationSurvivesTheRegistry(Case c) {
    Layer layer = c.layer().get();
    Layer again = LayerRegistry.create(layer.type(), layer.config());
    assertEquals(layer.config(), again.config());
    assertEquals(layer.type(), again.type());
    assertEquals(layer.outputShape(List.of(c.input())), again.outputShape(List.of(c.input())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void wrongShapesNameTheLayer(Case c) {
    if (c.wrong() == null) {
      return; // shape-agnostic layers accept any sample shape
    }
    Layer layer = c.layer().get().named("culprit");
    ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> layer.apply(Input.of(c.wrong().toArray())));
    assertTrue(e.getMessage().contains("culprit (" + layer.type() + ")"), e.getMessage());
  }

  @Test
  void aLayerBuiltForOneShapeRefusesAnother() {
    Dense dense = Dense.of(4);
    dense.apply(Input.of(3));
    ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> dense.apply(Input.of(5)));
    assertTrue(e.getMessage().contains("was built for inputs (None, 3)"), e.getMessage());
  }
}
