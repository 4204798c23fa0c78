package dev.vectorgrad.autodiff;

import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.NdArray;
import java.util.ArrayList;
import java.util.List;

/** {@code cat} (gradient: the matching slices) and the split family (views, so narrows). */
final class Joining {
  private Joining() {}

  static Tensor cat(List<Tensor> tensors, int axis) {
    List<NdArray> arrays = new ArrayList<>();
    for (Tensor t : tensors) {
      arrays.add(t.data());
    }
    NdArray out = NdArray.cat(arrays, axis);
    int a = out.shape().axis(axis, "cat");
    int[] sizes = new int[tensors.size()];
    DType[] types = new DType[tensors.size()];
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = tensors.get(i).size(a);
      types[i] = tensors.get(i).dtype();
    }
    return Tensor.record(
        "cat", out, tensors.toArray(new Tensor[0]), new Tensor[0],
        (g, s) -> {
          Tensor[] grads = new Tensor[sizes.length];
          int start = 0;
          for (int i = 0; i < sizes.length; i++) {
            grads[i] = types[i].isFloating() ? g.narrow(a, start, sizes[i]).cast(types[i]) : null;
            start += sizes[i];
          }
          return grads;
        });
  }

  /** The recorded views of {@code x} matching {@code parts}, consecutive slices along {@code axis}. */
  static List<Tensor> pieces(Tensor x, List<NdArray> parts, int axis) {
    int a = x.shape().axis(axis, "split");
    List<Tensor> out = new ArrayList<>();
    int start = 0;
    for (NdArray part : parts) {
      out.add(x.narrow(a, start, part.size(a)));
      start += part.size(a);
    }
    return out;
  }
}
