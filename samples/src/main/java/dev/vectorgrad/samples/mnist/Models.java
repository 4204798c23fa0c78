package dev.vectorgrad.samples.mnist;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.Conv2d;
import dev.vectorgrad.layers.Dropout;
import dev.vectorgrad.layers.F;
import dev.vectorgrad.layers.Linear;
import dev.vectorgrad.layers.Module;

/** The networks of the MNIST samples. */
final class Models {
  private Models() {}

  static Module create(String name) {
    return switch (name) {
      case "mlp" -> new Mlp();
      case "cnn" -> new Cnn();
      default -> throw new IllegalArgumentException("unknown model " + name + " (mlp, cnn)");
    };
  }

  /** The network of the PyTorch MNIST example: two convolutions, max pooling, two linear layers. */
  static final class Cnn extends Module {
    final Conv2d conv1 = register("conv1", new Conv2d(1, 32, 3));
    final Conv2d conv2 = register("conv2", new Conv2d(32, 64, 3));
    final Dropout dropout1 = register("dropout1", new Dropout(0.25));
    final Dropout dropout2 = register("dropout2", new Dropout(0.5));
    final Linear fc1 = register("fc1", new Linear(9216, 128));
    final Linear fc2 = register("fc2", new Linear(128, 10));

    @Override
    public Tensor forward(Tensor x) {
      Tensor h = F.relu(conv1.invoke(x));
      h = F.maxPool2d(F.relu(conv2.invoke(h)), 2);
      h = F.relu(fc1.invoke(dropout1.invoke(h).flatten(1)));
      return fc2.invoke(dropout2.invoke(h));
    }
  }

  /** 784-512-256-10 with ReLU and dropout. */
  static final class Mlp extends Module {
    final Linear fc1 = register("fc1", new Linear(784, 512));
    final Linear fc2 = register("fc2", new Linear(512, 256));
    final Linear fc3 = register("fc3", new Linear(256, 10));
    final Dropout dropout = register("dropout", new Dropout(0.2));

    @Override
    public Tensor forward(Tensor x) {
      Tensor h = dropout.invoke(F.relu(fc1.invoke(x.flatten(1))));
      h = dropout.invoke(F.relu(fc2.invoke(h)));
      return fc3.invoke(h);
    }
  }
}
