package dev.vectorgrad.samples.keras;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.dsl.Conv2D;
import dev.vectorgrad.dsl.Dense;
import dev.vectorgrad.dsl.Dropout;
import dev.vectorgrad.dsl.Fit;
import dev.vectorgrad.dsl.Flatten;
import dev.vectorgrad.dsl.History;
import dev.vectorgrad.dsl.Input;
import dev.vectorgrad.dsl.MaxPooling2D;
import dev.vectorgrad.dsl.Model;
import dev.vectorgrad.dsl.Models;
import dev.vectorgrad.dsl.Sequential;
import dev.vectorgrad.layers.data.Mnist;
import dev.vectorgrad.layers.data.TensorDataset;
import dev.vectorgrad.tensor.Vectorgrad;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code ./run mnist}: the Keras MNIST example ("Simple MNIST convnet") in Vectorgrad. Declare the
 * model, compile, fit with a progress bar and a validation split, evaluate on the 10,000 test
 * images, save, load again and predict a few digits.
 *
 * <p>Options: {@code --epochs N} (default 15, as in the Keras example), {@code --batch-size N} (128),
 * {@code --threads N} (all cores), {@code --device cpu}, {@code --dataset mnist|fashion}, {@code
 * --data DIR}, {@code --save FILE} (mnist.vgm).
 */
public final class KerasMnist {
  private KerasMnist() {}

  /** The command-line settings. */
  private static final class Options {
    int epochs = 15;
    int batchSize = 128;
    String dataset = "mnist";
    Path data;
    Path saveTo = Path.of("mnist.vgm");

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : "";
        switch (args[i]) {
          case "--epochs" -> o.epochs = Integer.parseInt(value);
          case "--batch-size" -> o.batchSize = Integer.parseInt(value);
          case "--threads" -> Vectorgrad.setNumThreads(Integer.parseInt(value));
          case "--dataset" -> o.dataset = value;
          case "--data" -> o.data = Path.of(value);
          case "--save" -> o.saveTo = Path.of(value);
          case "--device" -> {
            if (!value.equals("cpu")) {
              throw new IllegalArgumentException("--device " + value + ": the OpenCL backend does not run convolutions"
                  + " yet, so this job trains on the cpu only");
            }
          }
          default -> throw new IllegalArgumentException("unknown option " + args[i]
              + "; known: --epochs, --batch-size, --threads, --device, --dataset, --data, --save");
        }
        i++;
      }
      if (!o.dataset.equals("mnist") && !o.dataset.equals("fashion")) {
        throw new IllegalArgumentException("--dataset must be mnist or fashion, got " + o.dataset);
      }
      if (o.data == null) {
        o.data = Path.of(o.dataset.equals("mnist") ? "data/mnist" : "data/fashion-mnist");
      }
      return o;
    }
  }

  /** MNIST's {@code [N, 1, 28, 28]} images as Keras' channels-last {@code [N, 28, 28, 1]} (one channel: a view). */
  private static Tensor channelsLast(TensorDataset set) {
    return set.x().reshape(set.size(), 28, 28, 1);
  }

  /** The most heap the run has used (each heap pool's peak, summed: an upper bound of the true peak). */
  private static long peakHeapBytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }

  public static void main(String[] args) {
    Options options = Options.parse(args);
    Tensor.manualSeed(1);
    TensorDataset trainSet = Mnist.train(options.data);
    TensorDataset testSet = Mnist.test(options.data);
    Tensor xTrain = channelsLast(trainSet);
    Tensor yTrain = trainSet.y();
    Tensor xTest = channelsLast(testSet);
    Tensor yTest = testSet.y();
    System.out.printf("%s: %d training and %d test images %s; backend %s, %d threads%n", options.dataset,
        xTrain.size(0), xTest.size(0), xTrain.shape(), Vectorgrad.cpuBackend(), Vectorgrad.numThreads());

    Sequential model = Sequential.of(
        Input.of(28, 28, 1),
        Conv2D.of(32, 3, "relu"),
        MaxPooling2D.of(2),
        Conv2D.of(64, 3, "relu"),
        MaxPooling2D.of(2),
        Flatten.of(),
        Dropout.of(0.5),
        Dense.of(10, "softmax"));
    System.out.println(model.summary());

    model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
    long start = System.nanoTime();
    History history = model.fit(xTrain, yTrain,
        Fit.epochs(options.epochs).batchSize(options.batchSize).validationSplit(0.1));
    double minutes = (System.nanoTime() - start) / 60e9;

    Map<String, Double> score = model.evaluate(xTest, yTest);
    System.out.printf("Test loss: %.4f%nTest accuracy: %.4f%n", score.get("loss"), score.get("accuracy"));
    System.out.printf("Trained %d epochs in %.1f minutes; final val_accuracy %.4f; peak heap %d MB%n",
        history.epochs().size(), minutes, history.get("val_accuracy").get(history.epochs().size() - 1),
        peakHeapBytes() >> 20);

    model.save(options.saveTo);
    Model loaded = Models.load(options.saveTo);
    Tensor first = xTest.narrow(0, 0, 12);
    long[] predicted = loaded.predict(first).argmax(1, false).toLongArray();
    long[] truth = yTest.narrow(0, 0, 12).toLongArray();
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < predicted.length; i++) {
      line.append(predicted[i]).append(predicted[i] == truth[i] ? "" : "(" + truth[i] + ")").append(' ');
    }
    System.out.println("Saved " + options.saveTo + "; the reloaded model labels the first test images: " + line
        + "(wrong ones show the true label in parentheses)");
  }
}
