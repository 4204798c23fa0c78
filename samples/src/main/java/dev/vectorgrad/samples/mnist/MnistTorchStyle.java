package dev.vectorgrad.samples.mnist;

import dev.vectorgrad.autodiff.Grad;
import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.F;
import dev.vectorgrad.layers.Module;
import dev.vectorgrad.layers.data.Batch;
import dev.vectorgrad.layers.data.DataLoader;
import dev.vectorgrad.layers.data.Mnist;
import dev.vectorgrad.layers.data.TensorDataset;
import dev.vectorgrad.layers.optim.Adam;
import dev.vectorgrad.layers.optim.Optimizer;
import dev.vectorgrad.layers.optim.StepLR;
import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.Vectorgrad;
import java.nio.file.Path;

/**
 * {@code ./run mnist-torch-style [--model mlp|cnn] [--epochs N] [--data DIR]}: the PyTorch MNIST
 * example written with Vectorgrad. Hyper-parameters, a DataLoader, a Module subclass with
 * forward, hand-written train and test functions, and save/load of the state dict.
 */
public final class MnistTorchStyle {
  // Hyper-parameters, as the PyTorch example keeps them at the top.
  static int epochs = 3;
  static int batchSize = 64;
  static int testBatchSize = 1000;
  static double learningRate = 1e-3;
  static double gamma = 0.7; // learning-rate step per epoch, the example's StepLR
  static int logInterval = 100;
  static long seed = 1;

  private MnistTorchStyle() {}

  /** Trains one epoch, printing the loss every {@link #logInterval} batches. */
  static void train(Module model, DataLoader loader, int total, Optimizer optimizer, int epoch) {
    model.train();
    int batchIndex = 0;
    int seen = 0;
    for (Batch batch : loader) {
      optimizer.zeroGrad(false); // PyTorch 1.13's zero_grad(): gradients zeroed in place, not dropped
      Tensor loss = F.crossEntropy(model.invoke(batch.x()), batch.y());
      loss.backward();
      optimizer.step();
      seen += batch.size();
      if (batchIndex % logInterval == 0) {
        System.out.printf("Train Epoch: %d [%d/%d (%.0f%%)]\tLoss: %.6f%n",
            epoch, seen, total, 100.0 * batchIndex / loader.size(), loss.item());
      }
      batchIndex++;
    }
  }

  /** Average loss and accuracy on the test set. */
  static double test(Module model, TensorDataset testSet) {
    model.eval();
    double lossSum = 0;
    long correct = 0;
    try (Grad.Scope off = Grad.disabled()) {
      for (Batch batch : new DataLoader(testSet, testBatchSize, false)) {
        Tensor output = model.invoke(batch.x());
        lossSum += F.crossEntropy(output, batch.y()).item() * batch.size();
        correct += output.argmax(1, false).eq(batch.y()).cast(DType.I64).sum().itemLong();
      }
    }
    double accuracy = (double) correct / testSet.size();
    System.out.printf("Test set: Average loss: %.4f, Accuracy: %d/%d (%.2f%%)%n",
        lossSum / testSet.size(), correct, testSet.size(), 100 * accuracy);
    return accuracy;
  }

  public static void main(String[] args) {
    String modelName = "cnn";
    Path data = Path.of("data/mnist");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--model" -> modelName = args[++i];
        case "--epochs" -> epochs = Integer.parseInt(args[++i]);
        case "--data" -> data = Path.of(args[++i]);
        case "--lr" -> learningRate = Double.parseDouble(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Tensor.manualSeed(seed);
    TensorDataset trainSet = Mnist.train(data);
    TensorDataset testSet = Mnist.test(data);
    Module model = Models.create(modelName);
    System.out.println(model);
    System.out.printf("backend %s, %d threads, %d training samples%n",
        Vectorgrad.cpuBackend(), Vectorgrad.numThreads(), trainSet.size());
    DataLoader loader = new DataLoader(trainSet, batchSize, true).seed(seed);
    Optimizer optimizer = new Adam(model.parameters(), learningRate);
    StepLR scheduler = new StepLR(optimizer, 1, gamma);
    double accuracy = 0;
    for (int epoch = 1; epoch <= epochs; epoch++) {
      long start = System.nanoTime();
      train(model, loader, trainSet.size(), optimizer, epoch);
      System.out.printf("Epoch %d took %.1f s%n", epoch, (System.nanoTime() - start) / 1e9);
      accuracy = test(model, testSet);
      scheduler.step();
    }
    Path saved = Path.of("mnist_" + modelName + ".safetensors");
    model.save(saved);
    Module reloaded = Models.create(modelName);
    reloaded.load(saved);
    double again = test(reloaded, testSet);
    System.out.printf("saved %s; reloaded model accuracy %.2f%% (before saving %.2f%%)%n",
        saved, 100 * again, 100 * accuracy);
  }
}
