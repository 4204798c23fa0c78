package dev.vectorgrad.autodiff;

import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Shape;

/** F64 leaves for gradient checks, seeded, with ways to keep them off kinks. */
final class Inputs {
  private Inputs() {}

  /** Standard normal values. */
  static Tensor normal(long seed, int... shape) {
    NdArray.manualSeed(seed);
    return leaf(NdArray.randn(Shape.of(shape), DType.F64));
  }

  /** Uniform values in [low, high). */
  static Tensor uniform(long seed, double low, double high, int... shape) {
    NdArray.manualSeed(seed);
    return leaf(NdArray.rand(Shape.of(shape), DType.F64).times(high - low).plus(low));
  }

  /** Normal values pushed at least {@code margin} away from 0 (for relu, abs, sign, rem). */
  static Tensor awayFromZero(long seed, double margin, int... shape) {
    NdArray.manualSeed(seed);
    NdArray x = NdArray.randn(Shape.of(shape), DType.F64);
    return leaf(x.plus(x.sign().times(margin)));
  }

  /** The transpose of a fresh {@code [cols, rows]} array: a non-contiguous {@code [rows, cols]} leaf. */
  static Tensor transposed(long seed, int rows, int cols) {
    NdArray.manualSeed(seed);
    return leaf(NdArray.randn(Shape.of(cols, rows), DType.F64).transpose(0, 1));
  }

  private static Tensor leaf(NdArray values) {
    return Tensor.from(values).requiresGrad(true);
  }
}
