package dev.vectorgrad.layers.data;

import dev.vectorgrad.tensor.IndexOutOfRangeException;

/** The samples of another dataset at given indices; what {@link Datasets#randomSplit} returns. */
public final class Subset implements Dataset {
  private final Dataset source;
  private final int[] indices;

  public Subset(Dataset source, int[] indices) {
    for (int i : indices) {
      if (i < 0 || i >= source.size()) {
        throw new IndexOutOfRangeException(
            "Subset: index " + i + " outside [0, " + source.size() + ")");
      }
    }
    this.source = source;
    this.indices = indices.clone();
  }

  @Override
  public int size() {
    return indices.length;
  }

  @Override
  public Example get(int index) {
    return source.get(indices[index]);
  }

  @Override
  public Batch batch(int[] positions) {
    int[] mapped = new int[positions.length];
    for (int i = 0; i < positions.length; i++) {
      mapped[i] = indices[positions[i]];
    }
    return source.batch(mapped);
  }
}
