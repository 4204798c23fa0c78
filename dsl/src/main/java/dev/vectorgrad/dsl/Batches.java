package dev.vectorgrad.dsl;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.data.Batch;
import dev.vectorgrad.layers.data.Dataset;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.ShapeMismatchException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Training data as {@link Model#fit} sees it: {@code size()} samples, fetched by index. */
abstract class Batches {
  /** The inputs and targets of some samples, one tensor per model input and output. */
  static final class Part {
    final List<Tensor> x;
    final List<Tensor> y;

    Part(List<Tensor> x, List<Tensor> y) {
      this.x = x;
      this.y = y;
    }

    int size() {
      return x.get(0).size(0);
    }
  }

  abstract int size();

  /** Samples {@code indices}, in that order. */
  abstract Part get(int[] indices);

  /** Samples {@code [from, to)}. */
  Part range(int from, int to) {
    int[] indices = new int[to - from];
    for (int i = 0; i < indices.length; i++) {
      indices[i] = from + i;
    }
    return get(indices);
  }

  /** Whole tensors, samples along axis 0; every one must hold the same number of samples. */
  static Batches of(List<Tensor> x, List<Tensor> y) {
    List<Tensor> all = new ArrayList<>(x);
    all.addAll(y);
    if (x.isEmpty() || y.isEmpty()) {
      throw new ShapeMismatchException("fit: needs at least one input and one target tensor");
    }
    for (Tensor t : all) {
      if (t.rank() == 0 || t.size(0) != all.get(0).size(0)) {
        throw new ShapeMismatchException("fit: inputs and targets need the same number of samples along axis 0, got "
            + shapes(all));
      }
    }
    return new Tensors(x, y);
  }

  static Batches of(Dataset dataset) {
    return new Batches() {
      @Override
      int size() {
        return dataset.size();
      }

      @Override
      Part get(int[] indices) {
        Batch b = dataset.batch(indices);
        return new Part(Collections.singletonList(b.x()), Collections.singletonList(b.y()));
      }
    };
  }

  private static String shapes(List<Tensor> tensors) {
    List<String> out = new ArrayList<>();
    for (Tensor t : tensors) {
      out.add(t.shape().toString());
    }
    return out.toString();
  }

  /** The first {@code 1 - fraction} and the last {@code fraction} of the samples, Keras' validation split. */
  Batches[] split(double fraction) {
    int held = (int) (size() * fraction);
    int kept = size() - held;
    return new Batches[] {window(0, kept), window(kept, size())};
  }

  Batches window(int from, int to) {
    Batches outer = this;
    return new Batches() {
      @Override
      int size() {
        return to - from;
      }

      @Override
      Part get(int[] indices) {
        int[] shifted = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
          shifted[i] = indices[i] + from;
        }
        return outer.get(shifted);
      }

      @Override
      Part range(int start, int end) {
        return outer.range(from + start, from + end);
      }
    };
  }

  /** Tensors: shuffled batches gather rows; ranges are views. */
  private static final class Tensors extends Batches {
    private final List<Tensor> x;
    private final List<Tensor> y;

    Tensors(List<Tensor> x, List<Tensor> y) {
      this.x = x;
      this.y = y;
    }

    @Override
    int size() {
      return x.get(0).size(0);
    }

    @Override
    Part get(int[] indices) {
      Tensor index = Tensor.from(NdArray.of(indices, indices.length));
      return new Part(select(x, index), select(y, index));
    }

    private static List<Tensor> select(List<Tensor> tensors, Tensor index) {
      List<Tensor> out = new ArrayList<>();
      for (Tensor t : tensors) {
        out.add(t.indexSelect(0, index));
      }
      return out;
    }

    @Override
    Part range(int start, int end) {
      List<Tensor> xs = new ArrayList<>();
      List<Tensor> ys = new ArrayList<>();
      for (Tensor t : x) {
        xs.add(t.narrow(0, start, end - start));
      }
      for (Tensor t : y) {
        ys.add(t.narrow(0, start, end - start));
      }
      return new Part(xs, ys);
    }
  }
}
