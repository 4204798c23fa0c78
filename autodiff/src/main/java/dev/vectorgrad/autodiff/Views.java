package dev.vectorgrad.autodiff;

import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Shape;

/**
 * Movement ops. Their results share memory (and the version counter) with the input; their
 * derivatives are the adjoint movements: reshape back, inverse permutation, sum over expanded
 * dimensions, and for slices an embedding of the gradient into zeros.
 */
final class Views {
  private Views() {}

  /** Any view that only regroups dimensions: reshape, view, flatten, squeeze, unsqueeze. */
  static Tensor reshape(Tensor x, NdArray out) {
    int[] original = x.shape().toArray();
    return Tensor.recordView("reshape", out, x, (g, s) -> new Tensor[] {g.reshape(original)});
  }

  static Tensor transpose(Tensor x, int axis0, int axis1) {
    return Tensor.recordView(
        "transpose", x.data().transpose(axis0, axis1), x,
        (g, s) -> new Tensor[] {g.transpose(axis0, axis1)});
  }

  static Tensor permute(Tensor x, int[] order) {
    NdArray out = x.data().permute(order);
    int[] inverse = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      inverse[x.shape().axis(order[i], "permute")] = i;
    }
    return Tensor.recordView("permute", out, x, (g, s) -> new Tensor[] {g.permute(inverse)});
  }

  static Tensor expand(Tensor x, NdArray out) {
    Shape original = x.shape();
    return Tensor.recordView(
        "expand", out, x, (g, s) -> new Tensor[] {Broadcasting.sumToShape(g, original)});
  }

  static Tensor slice(Tensor x, int axis, int start, int end, int step) {
    NdArray out = x.data().slice(axis, start, end, step);
    int a = x.shape().axis(axis, "slice");
    int size = x.size(a);
    // The clamped bounds the view actually used, so the adjoint embeds at the same positions.
    int from = Math.min(Math.max(start < 0 ? start + size : start, 0), size);
    Shape original = x.shape();
    return Tensor.recordView(
        "slice", out, x, (g, s) -> new Tensor[] {embed(g, original, a, from, step)});
  }

  static Tensor select(Tensor x, int axis, int index) {
    NdArray out = x.data().select(axis, index);
    int a = x.shape().axis(axis, "select");
    int i = index < 0 ? index + x.size(a) : index;
    Shape original = x.shape();
    return Tensor.recordView(
        "select", out, x, (g, s) -> new Tensor[] {embed(g.unsqueeze(a), original, a, i, 1)});
  }

  /**
   * The adjoint of {@code slice(axis, from, ., step)}: zeros of {@code shape} with {@code g} written
   * at the sliced positions. Its own derivative is the slice again, so it is recorded too.
   */
  static Tensor embed(Tensor g, Shape shape, int axis, int from, int step) {
    NdArray out = NdArray.zeros(shape, g.dtype()).to(g.device());
    int end = from + (g.size(axis) - 1) * step + 1;
    if (g.numel() > 0) {
      out.slice(axis, from, end, step).copyFrom(g.data());
    }
    return Tensor.record(
        "embed", out, new Tensor[] {g}, new Tensor[0],
        (gg, s) -> new Tensor[] {gg.slice(axis, from, end, step)});
  }
}
