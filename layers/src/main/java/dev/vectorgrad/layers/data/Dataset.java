package dev.vectorgrad.layers.data;

import dev.vectorgrad.autodiff.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Indexed samples, like PyTorch's map-style {@code Dataset}. */
public interface Dataset {
  int size();

  /** Sample {@code index}, in {@code [0, size())}. */
  Example get(int index);

  /**
   * The samples at {@code indices} as one batch. The default stacks {@link #get} results;
   * datasets backed by whole tensors override it with one gather.
   */
  default Batch batch(int[] indices) {
    List<Tensor> xs = new ArrayList<>();
    List<Tensor> ys = new ArrayList<>();
    for (int i : indices) {
      Example e = get(i);
      xs.add(e.x());
      ys.add(e.y());
    }
    return new Batch(Tensor.stack(xs, 0), Tensor.stack(ys, 0));
  }
}
