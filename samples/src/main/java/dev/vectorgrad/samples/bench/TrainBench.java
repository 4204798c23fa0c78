package dev.vectorgrad.samples.bench;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.Conv2d;
import dev.vectorgrad.layers.Dropout;
import dev.vectorgrad.layers.F;
import dev.vectorgrad.layers.Flatten;
import dev.vectorgrad.layers.Linear;
import dev.vectorgrad.layers.MaxPool2d;
import dev.vectorgrad.layers.Module;
import dev.vectorgrad.layers.ReLU;
import dev.vectorgrad.layers.Sequential;
import dev.vectorgrad.layers.optim.Adam;
import dev.vectorgrad.layers.optim.Optimizer;
import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.Vectorgrad;
import dev.vectorgrad.tensor.spi.Parallel;
import java.util.ArrayList;
import java.util.List;

/**
 * Full training steps (forward, cross-entropy, backward, Adam step) on random MNIST-shaped data,
 * in samples per second. Three nets: {@code keras}, the Keras MNIST example CNN (conv 32, pool,
 * conv 64, pool, dropout 0.5, dense 10; batch 128); {@code small}, issue 5's CNN (conv 32, pool,
 * conv 64, pool, dense 128, dense 10; batch 64); {@code mlp}, issue 5's MLP (784-256-128-10,
 * batch 128). Valid padding and ReLU throughout. Prints one line per net: {@code train net=keras
 * batch=128 threads=1 samples_per_s=812.3 impl=vectorgrad-simd}. The same nets in PyTorch:
 * {@code tools/bench_train_torch.py}.
 *
 * <p>Usage: {@code ./run bench train [--threads N] [--seconds S] [keras|small|mlp...]}; defaults:
 * all processors, 2 seconds of warm-up and per round (see {@link Timing}), all nets.
 */
public final class TrainBench {
  private static final int WARM_UP_STEPS = 5;

  private TrainBench() {}

  public static void main(String[] args) {
    int threads = Runtime.getRuntime().availableProcessors();
    double seconds = 2.0;
    List<String> nets = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--seconds" -> seconds = Double.parseDouble(args[++i]);
        default -> nets.add(args[i]);
      }
    }
    if (nets.isEmpty()) {
      nets = List.of("keras", "small", "mlp");
    }
    Parallel.setNumThreads(threads);
    for (String net : nets) {
      Tensor.manualSeed(0);
      int batch = net.equals("small") ? 64 : 128;
      Module model = create(net);
      model.train();
      Optimizer optimizer = new Adam(model.parameters(), 1e-3);
      Tensor x = net.equals("mlp") ? Tensor.rand(batch, 784) : Tensor.rand(batch, 1, 28, 28);
      Tensor y = Tensor.randint(0, 10, Shape.of(batch));
      Runnable step = () -> {
        optimizer.zeroGrad(false); // as PyTorch 1.13's zero_grad() on the other side
        F.crossEntropy(model.invoke(x), y).backward();
        optimizer.step();
      };
      for (int i = 0; i < WARM_UP_STEPS; i++) { // until C2 compiles the kernels, the Vector API runs boxed
        step.run();
      }
      double ms = Timing.millisPerCall(step, seconds);
      System.out.printf("train net=%s batch=%d threads=%d samples_per_s=%.1f impl=vectorgrad-%s%n",
          net, batch, threads, batch * 1000 / ms, Vectorgrad.cpuBackend());
    }
  }

  private static Module create(String net) {
    return switch (net) {
      case "keras" -> new Sequential(
          new Conv2d(1, 32, 3), new ReLU(), new MaxPool2d(2),
          new Conv2d(32, 64, 3), new ReLU(), new MaxPool2d(2),
          new Flatten(), new Dropout(0.5), new Linear(1600, 10));
      case "small" -> new Sequential(
          new Conv2d(1, 32, 3), new ReLU(), new MaxPool2d(2),
          new Conv2d(32, 64, 3), new ReLU(), new MaxPool2d(2),
          new Flatten(), new Linear(1600, 128), new ReLU(), new Linear(128, 10));
      case "mlp" -> new Sequential(
          new Linear(784, 256), new ReLU(), new Linear(256, 128), new ReLU(), new Linear(128, 10));
      default -> throw new IllegalArgumentException("unknown net " + net + " (keras, small, mlp)");
    };
  }
}
