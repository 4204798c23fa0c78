package dev.vectorgrad.layers.data;

import dev.vectorgrad.tensor.VectorgradException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Helpers over datasets. */
public final class Datasets {
  private Datasets() {}

  /** A permutation of {@code [0, n)} by Fisher-Yates from {@code seed}: the same on every JVM. */
  public static int[] permutation(int n, long seed) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /** Splits {@code dataset} into disjoint random subsets of the given sizes, which must add up. */
  public static List<Dataset> randomSplit(Dataset dataset, int[] sizes, long seed) {
    int total = 0;
    for (int s : sizes) {
      if (s < 0) {
        throw new VectorgradException("randomSplit: negative size " + s);
      }
      total += s;
    }
    if (total != dataset.size()) {
      throw new VectorgradException(
          "randomSplit: sizes add up to " + total + ", the dataset has " + dataset.size());
    }
    int[] order = permutation(dataset.size(), seed);
    List<Dataset> parts = new ArrayList<>();
    int start = 0;
    for (int s : sizes) {
      int[] indices = new int[s];
      System.arraycopy(order, start, indices, 0, s);
      parts.add(new Subset(dataset, indices));
      start += s;
    }
    return parts;
  }
}
