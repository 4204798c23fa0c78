package dev.vectorgrad.dsl;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.data.Csv;
import dev.vectorgrad.layers.data.Datasets;
import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.NdArray;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;

/** scikit-learn's 8x8 digits (shipped with the layers tests): pixels scaled to [0, 1] and labels. */
final class Digits {
  final Tensor x;
  final Tensor y;

  private Digits(Tensor x, Tensor y) {
    this.x = x;
    this.y = y;
  }

  /** The digits in a seeded random order (the file is grouped by writer, so its tail is not a fair test set). */
  static Digits load() {
    try (InputStream in = new GZIPInputStream(Digits.class.getResourceAsStream("/digits/digits.csv.gz"))) {
      NdArray table = Csv.read(in, false, "digits");
      int[] order = Datasets.permutation(table.size(0), 7);
      NdArray shuffled = table.indexSelect(0, NdArray.of(order, order.length));
      return new Digits(Tensor.from(shuffled.narrow(1, 0, 64).div(16.0).contiguous()),
          Tensor.from(shuffled.select(1, 64).cast(DType.I64)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Digits head(int n) {
    return new Digits(x.narrow(0, 0, n), y.narrow(0, 0, n));
  }

  Digits tail(int n) {
    return new Digits(x.narrow(0, x.size(0) - n, n), y.narrow(0, y.size(0) - n, n));
  }
}
