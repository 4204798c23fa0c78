package dev.vectorgrad.layers.data;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.VectorgradException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * MNIST-format datasets (MNIST, Fashion-MNIST) from a directory holding the four standard IDX
 * files, raw or {@code .gz}. Images become F32 {@code [N, 1, 28, 28]} in [0, 1], labels I64
 * {@code [N]}. {@code tools/fetch-data.sh} fetches and verifies both datasets into {@code data/}.
 */
public final class Mnist {
  private Mnist() {}

  /** The 60,000 training samples. */
  public static TensorDataset train(Path directory) {
    return load(directory, "train");
  }

  /** The 10,000 test samples. */
  public static TensorDataset test(Path directory) {
    return load(directory, "t10k");
  }

  private static TensorDataset load(Path directory, String prefix) {
    NdArray images = Idx.read(find(directory, prefix + "-images-idx3-ubyte"));
    NdArray labels = Idx.read(find(directory, prefix + "-labels-idx1-ubyte"));
    if (images.rank() != 3 || labels.rank() != 1 || images.size(0) != labels.size(0)) {
      throw new VectorgradException(
          "mnist: images " + images.shape() + " and labels " + labels.shape() + " in " + directory + " do not pair up");
    }
    NdArray x = images.cast(DType.F32).div(255.0).unsqueeze(1);
    return new TensorDataset(Tensor.from(x), Tensor.from(labels.cast(DType.I64)));
  }

  private static Path find(Path directory, String name) {
    for (Path candidate : new Path[] {directory.resolve(name), directory.resolve(name + ".gz")}) {
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new VectorgradException(
        "mnist: neither " + name + " nor " + name + ".gz in " + directory + "; run tools/fetch-data.sh");
  }
}
