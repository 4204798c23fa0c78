package dev.vectorgrad.dsl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.Linear;
import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.ShapeMismatchException;
import dev.vectorgrad.tensor.VectorgradException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Assembling models: functional graphs, shared layers, merges, Sequential building, subclassing. */
class ModelTest {
  /** {@code x W^T + b} from a Dense layer's own weights, computed by hand in float64. */
  private static double[] dense(Dense layer, double[] x) {
    Linear linear = (Linear) layer.module();
    int out = linear.weight.size(0);
    int in = linear.weight.size(1);
    float[] w = linear.weight.toFloatArray();
    float[] b = linear.bias.toFloatArray();
    double[] y = new double[x.length / in * out];
    for (int n = 0; n < x.length / in; n++) {
      for (int o = 0; o < out; o++) {
        double s = b[o];
        for (int i = 0; i < in; i++) {
          s += (double) w[o * in + i] * x[n * in + i];
        }
        y[n * out + o] = s;
      }
    }
    return y;
  }

  private static double[] doubles(Tensor t) {
    return t.cast(DType.F64).toDoubleArray();
  }

  @Test
  void functionalModelWithSharedLayerAndMergesComputesTheGraph() {
    Tensor.manualSeed(8);
    Input a = Input.of(4).named("a");
    Input b = Input.of(4).named("b");
    Dense shared = Dense.of(3);
    SymbolicTensor sum = Add.of().apply(shared.apply(a), shared.apply(b));
    SymbolicTensor joined = Concatenate.of().apply(sum, Multiply.of().apply(shared.apply(a), shared.apply(b)));
    Model model = Model.of(List.of(a, b), List.of(sum, joined));
    assertEquals(2, model.parameters().size(), "the shared layer's weights count once");

    Tensor xa = Tensor.randn(2, 4);
    Tensor xb = Tensor.randn(2, 4);
    List<Tensor> out = model.call(List.of(xa, xb));
    double[] ya = dense(shared, doubles(xa));
    double[] yb = dense(shared, doubles(xb));
    double[] expectedSum = new double[6];
    double[] expectedJoined = new double[12];
    for (int n = 0; n < 2; n++) {
      for (int o = 0; o < 3; o++) {
        expectedSum[n * 3 + o] = ya[n * 3 + o] + yb[n * 3 + o];
        expectedJoined[n * 6 + o] = expectedSum[n * 3 + o];
        expectedJoined[n * 6 + 3 + o] = ya[n * 3 + o] * yb[n * 3 + o];
      }
    }
    assertArrayEquals(expectedSum, doubles(out.get(0)), 1e-5);
    assertArrayEquals(expectedJoined, doubles(out.get(1)), 1e-5);
    assertEquals(Shape.of(2, 6), out.get(1).shape());
  }

  @Test
  void graphErrorsAreNamed() {
    Input a = Input.of(3);
    Input stray = Input.of(3);
    SymbolicTensor out = Add.of().apply(a, stray);
    VectorgradException missing = assertThrows(VectorgradException.class, () -> Model.of(a, out));
    assertTrue(missing.getMessage().contains("not among the model's inputs"), missing.getMessage());

    Input x = Input.of(3);
    SymbolicTensor twice = Dense.of(2).named("same").apply(Dense.of(3).named("same").apply(x));
    assertThrows(VectorgradException.class, () -> Model.of(x, twice));

    ShapeMismatchException merge = assertThrows(ShapeMismatchException.class,
        () -> Add.of().named("merge").apply(Input.of(3), Input.of(4)));
    assertTrue(merge.getMessage().contains("merge (Add)"), merge.getMessage());
  }

  @Test
  void sequentialWithInputChecksEachAddedLayer() {
    Sequential model = Sequential.of(Input.of(6, 6, 1), Conv2D.of(2, 3));
    ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> model.add(Conv2D.of(2, 5).named("big")));
    assertTrue(e.getMessage().contains("big (Conv2D)"), e.getMessage());
    assertEquals(1, model.layers().size(), "the refused layer is not kept");
    model.add(Flatten.of());
    assertEquals(Shape.of(5, 32), model.predict(Tensor.rand(5, 6, 6, 1)).shape());
  }

  @Test
  void sequentialWithoutInputIsBuiltByTheFirstBatch() {
    Sequential model = Sequential.of(Dense.of(4, "relu"), Dense.of(2));
    assertEquals(null, model.inputShape());
    assertEquals(Shape.of(3, 2), model.predict(Tensor.rand(3, 7)).shape());
    assertEquals(Shape.of(7), model.inputShape());
    assertEquals(4, model.parameters().size());
    assertThrows(ShapeMismatchException.class, () -> model.predict(Tensor.rand(3, 8)));
  }

  /** A subclassed model, Keras style: layers tracked as fields, forward written by hand. */
  static final class Residual extends Model {
    final Dense inner = track("inner", Dense.of(5, "relu"));
    final Dense outer = track(Dense.of(5));

    @Override
    public Tensor forward(Tensor x) {
      return x.plus(outer.call(inner.call(x)));
    }
  }

  @Test
  void subclassedModelTrainsItsTrackedLayers() {
    Tensor.manualSeed(2);
    Residual model = new Residual();
    model.compile(Optimizers.sgd(0.1), Losses.MEAN_SQUARED_ERROR);
    Tensor x = Tensor.randn(16, 5);
    History history = model.fit(x, Tensor.zeros(16, 5), Fit.epochs(20).batchSize(16).verbose(Fit.Verbose.SILENT));
    assertEquals(4, model.parameters().size());
    assertEquals(List.of("inner.weight", "inner.bias", "dense.weight", "dense.bias"),
        List.copyOf(model.stateDict().keySet()), "named and default-named layers");
    List<Double> loss = history.get("loss");
    assertTrue(loss.get(19) < loss.get(0) / 2, "loss falls: " + loss);
  }
}
