package dev.vectorgrad.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.autodiff.Grad;
import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.data.Batch;
import dev.vectorgrad.layers.data.Csv;
import dev.vectorgrad.layers.data.DataLoader;
import dev.vectorgrad.layers.data.Dataset;
import dev.vectorgrad.layers.data.Datasets;
import dev.vectorgrad.layers.data.TensorDataset;
import dev.vectorgrad.layers.optim.Adam;
import dev.vectorgrad.layers.optim.Optimizer;
import dev.vectorgrad.layers.optim.StepLR;
import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.NdArray;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Learning on real data in CI: scikit-learn's 8x8 digits (1,797 images, BSD-3, bundled as a test
 * resource). An MLP trained the PyTorch way must classify held-out digits well; logistic regression
 * reaches about 96% on this split size, so 95% is a floor any working stack clears.
 */
class DigitsLearningTest {
  private static TensorDataset digits() throws IOException {
    try (InputStream in = new GZIPInputStream(DigitsLearningTest.class.getResourceAsStream("/digits/digits.csv.gz"))) {
      NdArray table = Csv.read(in, false, "digits");
      NdArray pixels = table.narrow(1, 0, 64).div(16.0);
      NdArray labels = table.select(1, 64).cast(DType.I64);
      return new TensorDataset(Tensor.from(pixels), Tensor.from(labels));
    }
  }

  static final class Mlp extends Module {
    final Linear hidden = register("hidden", new Linear(64, 64));
    final Dropout dropout = register("dropout", new Dropout(0.1));
    final Linear out = register("out", new Linear(64, 10));

    @Override
    public Tensor forward(Tensor x) {
      return out.invoke(dropout.invoke(F.relu(hidden.invoke(x))));
    }
  }

  private static double accuracy(Module model, Dataset data) {
    model.eval();
    int correct = 0;
    try (Grad.Scope off = Grad.disabled()) {
      for (Batch batch : new DataLoader(data, 256, false)) {
        correct += (int) model.invoke(batch.x()).argmax(1, false).eq(batch.y()).cast(DType.I64).sum().itemLong();
      }
    }
    model.train();
    return (double) correct / data.size();
  }

  @Test
  void mlpLearnsHandwrittenDigits() throws IOException {
    Tensor.manualSeed(2024);
    List<Dataset> split = Datasets.randomSplit(digits(), new int[] {1348, 449}, 7); // a quarter held out
    Mlp model = new Mlp();
    Optimizer optimizer = new Adam(model.parameters(), 0.01);
    StepLR schedule = new StepLR(optimizer, 10, 0.5);
    DataLoader loader = new DataLoader(split.get(0), 64, true).seed(3);
    for (int epoch = 0; epoch < 25; epoch++) {
      for (Batch batch : loader) {
        optimizer.zeroGrad();
        F.crossEntropy(model.invoke(batch.x()), batch.y()).backward();
        optimizer.step();
      }
      schedule.step();
    }
    double test = accuracy(model, split.get(1));
    assertTrue(test >= 0.95, "test accuracy " + test);
  }
}
