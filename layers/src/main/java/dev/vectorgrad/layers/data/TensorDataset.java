package dev.vectorgrad.layers.data;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.tensor.IndexOutOfRangeException;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.ShapeMismatchException;

/** Samples are the slices along axis 0 of an input tensor and a target tensor. */
public final class TensorDataset implements Dataset {
  private final Tensor x;
  private final Tensor y;

  public TensorDataset(Tensor x, Tensor y) {
    if (x.rank() == 0 || y.rank() == 0 || x.size(0) != y.size(0)) {
      throw new ShapeMismatchException(
          "TensorDataset: inputs " + x.shape() + " and targets " + y.shape() + " need the same first size");
    }
    this.x = x;
    this.y = y;
  }

  /** Every sample's input, along axis 0. */
  public Tensor x() {
    return x;
  }

  /** Every sample's target, along axis 0. */
  public Tensor y() {
    return y;
  }

  @Override
  public int size() {
    return x.size(0);
  }

  @Override
  public Example get(int index) {
    if (index < 0 || index >= size()) {
      throw new IndexOutOfRangeException("TensorDataset: index " + index + " outside [0, " + size() + ")");
    }
    return new Example(x.get(index), y.get(index));
  }

  @Override
  public Batch batch(int[] indices) {
    Tensor idx = Tensor.from(NdArray.of(indices, indices.length));
    return new Batch(x.indexSelect(0, idx), y.indexSelect(0, idx));
  }
}
