package dev.vectorgrad.dsl;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.autodiff.GoldenFile;
import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.io.ModelFormatException;
import dev.vectorgrad.layers.io.SafeTensors;
import dev.vectorgrad.tensor.NdArray;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A state dict written by PyTorch loads into the equivalent Keras-style model. The fixtures come
 * from {@code tools/golden_keras_interop.py}: a PyTorch Conv2d/max-pool/Linear network whose
 * reference permutes to channels-last before flattening, as Vectorgrad's Flatten does.
 */
class KerasInteropTest {
  private static Path golden(String name) throws URISyntaxException {
    return Path.of(KerasInteropTest.class.getResource("/golden/" + name).toURI());
  }

  @Test
  void aPyTorchStateDictLoadsIntoTheEquivalentSequential() throws URISyntaxException {
    Sequential model = Sequential.of(Input.of(8, 8, 1), Conv2D.of(4, 3, "relu"), MaxPooling2D.of(2), Flatten.of(),
        Dense.of(10));
    model.load(golden("keras_interop_weights.safetensors"));
    Map<String, NdArray> io = SafeTensors.load(golden("keras_interop_io.safetensors")).arrays();
    Tensor output = model.predict(Tensor.from(io.get("input")));
    // the op table's F32 tolerances: the conv and matmul sums run in another order than PyTorch's
    GoldenFile.assertClose(io.get("output"), output.data(), 1e-5, 1.3e-6, "PyTorch vs Vectorgrad");
  }

  @Test
  void aStateDictForAnotherArchitectureIsAModelFormatException() throws URISyntaxException {
    Sequential wider = Sequential.of(Input.of(8, 8, 1), Conv2D.of(8, 3, "relu"), MaxPooling2D.of(2), Flatten.of(),
        Dense.of(10));
    Path weights = golden("keras_interop_weights.safetensors");
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> wider.load(weights));
    assertTrue(e.getMessage().contains("conv2d.weight"), e.getMessage());
    assertThrows(ModelFormatException.class, () -> Sequential.of(Input.of(4), Dense.of(2)).load(weights));
  }
}
