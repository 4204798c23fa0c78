package dev.vectorgrad.dsl;

import static dev.vectorgrad.dsl.SampleModels.assertSameBits;
import static dev.vectorgrad.dsl.SampleModels.assertSameState;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.Conv2d;
import dev.vectorgrad.layers.F;
import dev.vectorgrad.layers.Linear;
import dev.vectorgrad.layers.Module;
import dev.vectorgrad.layers.optim.Adam;
import dev.vectorgrad.layers.optim.Optimizer;
import dev.vectorgrad.tensor.Window2d;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keras-style models compute exactly what the equivalent hand-written {@link Module} computes:
 * with the DSL model's state dict copied in, forward outputs and the weights after one Adam step
 * on a mean-squared-error loss agree bit for bit.
 */
class ModuleEquivalenceTest {
  private static final double LR = 0.01;

  /**
   * Conv2D(4, 3, relu) -> MaxPooling2D(2) -> Flatten -> Dense(10) by hand, channels-last in and out;
   * the convolution and its pool as the one op the Keras-style graph runs them as (their weight
   * gradient sums in another order than a separate convolution and pool: SequentialPoolingOrderTest).
   */
  static final class HandWrittenCnn extends Module {
    final Conv2d conv = register("conv2d", new Conv2d(1, 4, 3));
    final Linear dense = register("dense", new Linear(36, 10));

    @Override
    public Tensor forward(Tensor nhwc) {
      Tensor x = F.relu(nhwc.permute(0, 3, 1, 2).conv2dMaxPool2d(conv.weight, conv.bias, Window2d.of(3, 1, 0, 1), 1,
          Window2d.of(2, 2, 0, 1)));
      return dense.invoke(x.permute(0, 2, 3, 1).reshape(x.size(0), -1)); // flattened channels-last, as Keras
    }
  }

  /** One shared tanh Linear on both inputs, Add and Concatenate, then a Linear head. */
  static final class HandWrittenTowers extends Module {
    final Linear shared = register("shared", new Linear(6, 8));
    final Linear head = register("head", new Linear(16, 3));

    Tensor forward(Tensor left, Tensor right) {
      Tensor l = F.tanh(shared.invoke(left));
      Tensor r = F.tanh(shared.invoke(right));
      Tensor sum = l.plus(r);
      return head.invoke(Tensor.cat(List.of(sum, l), 1));
    }

    @Override
    public Tensor forward(Tensor input) {
      throw new UnsupportedOperationException("takes two inputs");
    }
  }

  @Test
  void aSequentialCnnMatchesItsModule() {
    Tensor.manualSeed(3);
    Sequential model = Sequential.of(Input.of(8, 8, 1), Conv2D.of(4, 3, "relu"), MaxPooling2D.of(2), Flatten.of(),
        Dense.of(10));
    HandWrittenCnn module = new HandWrittenCnn();
    module.loadStateDict(model.stateDict(), true);
    Tensor x = SampleModels.cnnInput(6);
    Tensor y = Tensor.randn(6, 10);
    assertSameBits(module.forward(x), model.predict(x), "forward");

    model.compile(Optimizers.adam(LR), Losses.of("mse"));
    model.fit(x, y, Fit.epochs(1).batchSize(6).shuffle(false).verbose(Fit.Verbose.SILENT));
    adamStep(module, module.forward(x), y);
    assertSameState(module.stateDict(), model.stateDict());
  }

  @Test
  void aFunctionalModelWithASharedLayerMatchesItsModule() {
    Tensor.manualSeed(4);
    Input left = Input.of(6);
    Input right = Input.of(6);
    Layer shared = Dense.of(8, "tanh").named("shared");
    SymbolicTensor l = shared.apply(left);
    SymbolicTensor sum = Add.of().apply(l, shared.apply(right));
    SymbolicTensor out = Dense.of(3).named("head").apply(Concatenate.of().apply(sum, l));
    Model model = Model.of(List.of(left, right), List.of(out));
    HandWrittenTowers module = new HandWrittenTowers();
    module.loadStateDict(model.stateDict(), true);
    List<Tensor> x = SampleModels.twoTowersInput(5);
    Tensor y = Tensor.randn(5, 3);
    assertSameBits(module.forward(x.get(0), x.get(1)), model.predict(x, 32).get(0), "forward");

    model.compile(Optimizers.adam(LR), Losses.of("mse"));
    model.fit(x, List.of(y), Fit.epochs(1).batchSize(5).shuffle(false).verbose(Fit.Verbose.SILENT));
    adamStep(module, module.forward(x.get(0), x.get(1)), y);
    assertSameState(module.stateDict(), model.stateDict());
  }

  /** Keras' mean squared error (per-sample mean, then batch mean) and Keras' Adam defaults. */
  private static void adamStep(Module module, Tensor prediction, Tensor target) {
    Optimizer adam = new Adam(module.parameters(), LR, 0.9, 0.999, 1e-7, 0);
    adam.zeroGrad();
    prediction.minus(target).pow(2).mean(1).mean().backward();
    adam.step();
  }
}
