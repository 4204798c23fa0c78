package dev.vectorgrad.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.Window2d;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Sequential runs a ReLU followed by a max pool as pool, then relu (see {@code
 * Sequential.poolsFirst}); the results must be those of the written order.
 */
class SequentialPoolingOrderTest {
  /** Few distinct values, so windows tie, hold only zeros and negatives, or hold -0.0; one NaN. */
  private static final float[] VALUES = {-2, -1, -0f, 0, 1, 2, 3};

  @ParameterizedTest(name = "kernel {0}, stride {1}, padding {2}")
  @CsvSource({"2, 2, 0", "3, 2, 1", "2, 1, 0", "3, 3, 1"})
  void valuesAndInputGradientsAreThoseOfReluThenPool(int kernel, int stride, int padding) {
    SplittableRandom random = new SplittableRandom(kernel * 31 + stride * 7 + padding);
    Shape shape = Shape.of(3, 2, 7, 8);
    float[] input = new float[shape.numel()];
    for (int i = 0; i < input.length; i++) {
      input[i] = VALUES[random.nextInt(VALUES.length)];
    }
    input[17] = Float.NaN;

    Tensor x = Tensor.of(input, shape.toArray()).requiresGrad(true);
    Tensor reordered = new Sequential(new ReLU(), new MaxPool2d(kernel, stride, padding)).invoke(x);
    assertEquals("relu", reordered.gradFnName(), "the pool ran first");
    Tensor xRef = Tensor.of(input, shape.toArray()).requiresGrad(true);
    Tensor written = F.maxPool2d(F.relu(xRef), Window2d.of(kernel, stride, padding, 1));

    float[] got = reordered.toFloatArray();
    float[] want = written.toFloatArray();
    assertEquals(want.length, got.length);
    for (int i = 0; i < want.length; i++) {
      if (got[i] != 0 || want[i] != 0) { // the documented difference: a zero's sign
        assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(got[i]), "output " + i);
      }
    }

    float[] upstream = new float[want.length];
    for (int i = 0; i < upstream.length; i++) {
      upstream[i] = (float) random.nextGaussian();
    }
    reordered.backward(Tensor.of(upstream, written.shape().toArray()));
    written.backward(Tensor.of(upstream, written.shape().toArray()));
    assertArrayEquals(bits(xRef.grad().toFloatArray()), bits(x.grad().toFloatArray()));
  }

  /**
   * Conv2d, ReLU, MaxPool2d run as one pooled convolution then relu: the values and the input
   * gradient of the written order; the weight and bias gradients sum in another order.
   */
  @Test
  void aConvolutionBeforeAMaxPoolIsFusedWithIt() {
    Tensor.manualSeed(4);
    Conv2d conv = new Conv2d(2, 3, 3);
    Sequential fused = new Sequential(conv, new ReLU(), new MaxPool2d(2));
    Tensor x = Tensor.randn(6, 2, 9, 8).requiresGrad(true); // 6 images: a chunk of 4 and a short one
    Tensor out = fused.invoke(x);
    assertEquals("relu", out.gradFnName());
    Tensor xRef = Tensor.from(x.data()).requiresGrad(true);
    Tensor weight = Tensor.from(conv.weight.data()).requiresGrad(true);
    Tensor bias = Tensor.from(conv.bias.data()).requiresGrad(true);
    Tensor written = F.maxPool2d(F.relu(F.conv2d(xRef, weight, bias, Window2d.of(3, 1, 0, 1), 1)), 2);
    assertArrayEquals(bits(written.toFloatArray()), bits(out.toFloatArray()));

    Tensor upstream = Tensor.randn(written.shape().toArray());
    out.backward(upstream);
    written.backward(upstream);
    assertArrayEquals(bits(xRef.grad().toFloatArray()), bits(x.grad().toFloatArray()));
    assertArrayEquals(weight.grad().toFloatArray(), conv.weight.grad().toFloatArray(), 1e-4f);
    assertArrayEquals(bias.grad().toFloatArray(), conv.bias.grad().toFloatArray(), 1e-4f);
  }

  @Test
  void averagePoolingKeepsTheWrittenOrder() {
    Tensor x = Tensor.of(new float[] {-4, 1, 2, 3}, 1, 1, 2, 2);
    assertArrayEquals(new float[] {1.5f}, new Sequential(new ReLU(), new AvgPool2d(2)).invoke(x).toFloatArray());
  }

  @Test
  void aSubclassOfReluKeepsTheWrittenOrder() {
    Shape[] seen = new Shape[1];
    ReLU recording = new ReLU() {
      @Override
      public Tensor forward(Tensor input) {
        seen[0] = input.shape();
        return super.forward(input);
      }
    };
    new Sequential(recording, new MaxPool2d(2)).invoke(Tensor.zeros(1, 1, 4, 4));
    assertEquals(Shape.of(1, 1, 4, 4), seen[0]);
  }

  private static int[] bits(float[] values) {
    int[] bits = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      bits[i] = Float.floatToRawIntBits(values[i]);
    }
    return bits;
  }
}
