package dev.vectorgrad.layers;

import dev.vectorgrad.autodiff.Grad;
import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.VectorgradException;

/**
 * Initializers that overwrite a tensor in place from the seeded global generator, like {@code
 * torch.nn.init}. Fans follow PyTorch: for a weight {@code [out, in, k...]}, {@code fanIn = in *
 * prod(k)} and {@code fanOut = out * prod(k)}.
 */
public final class Init {
  private Init() {}

  /** Fan-in or fan-out, for the {@code mode} of the Kaiming initializers. */
  public enum Mode {
    FAN_IN,
    FAN_OUT
  }

  private static int[] fans(Tensor t) {
    if (t.rank() < 2) {
      throw new VectorgradException("init: fans need at least 2 dimensions, got shape " + t.shape());
    }
    int receptive = t.numel() / (t.size(0) * t.size(1) == 0 ? 1 : t.size(0) * t.size(1));
    return new int[] {t.size(1) * receptive, t.size(0) * receptive};
  }

  private static Tensor fill(Tensor t, NdArray values) {
    try (Grad.Scope off = Grad.disabled()) {
      t.copyFrom(Tensor.from(values));
    }
    return t;
  }

  /** U(low, high). */
  public static Tensor uniform(Tensor t, double low, double high) {
    return fill(t, NdArray.rand(t.shape(), t.dtype()).times(high - low).plus(low));
  }

  /** N(mean, std^2). */
  public static Tensor normal(Tensor t, double mean, double std) {
    return fill(t, NdArray.randn(t.shape(), t.dtype()).times(std).plus(mean));
  }

  public static Tensor zeros(Tensor t) {
    return fill(t, NdArray.zeros(t.shape(), t.dtype()));
  }

  public static Tensor ones(Tensor t) {
    return fill(t, NdArray.ones(t.shape(), t.dtype()));
  }

  /** Glorot: U(-a, a) with {@code a = gain * sqrt(6 / (fanIn + fanOut))}. */
  public static Tensor xavierUniform(Tensor t, double gain) {
    int[] f = fans(t);
    double bound = gain * Math.sqrt(6.0 / (f[0] + f[1]));
    return uniform(t, -bound, bound);
  }

  /** Glorot: N(0, std^2) with {@code std = gain * sqrt(2 / (fanIn + fanOut))}. */
  public static Tensor xavierNormal(Tensor t, double gain) {
    int[] f = fans(t);
    return normal(t, 0, gain * Math.sqrt(2.0 / (f[0] + f[1])));
  }

  /** The gain of leaky ReLU with negative slope {@code a}: {@code sqrt(2 / (1 + a^2))}. */
  public static double leakyReluGain(double a) {
    return Math.sqrt(2.0 / (1 + a * a));
  }

  /** He: U(-b, b) with {@code b = gain * sqrt(3 / fan)}, gain for leaky ReLU with slope {@code a}. */
  public static Tensor kaimingUniform(Tensor t, double a, Mode mode) {
    int fan = fans(t)[mode == Mode.FAN_IN ? 0 : 1];
    double bound = leakyReluGain(a) * Math.sqrt(3.0 / fan);
    return uniform(t, -bound, bound);
  }

  /** He: N(0, std^2) with {@code std = gain / sqrt(fan)}. */
  public static Tensor kaimingNormal(Tensor t, double a, Mode mode) {
    int fan = fans(t)[mode == Mode.FAN_IN ? 0 : 1];
    return normal(t, 0, leakyReluGain(a) / Math.sqrt(fan));
  }

  /**
   * A (semi-)orthogonal matrix scaled by {@code gain}: Gram-Schmidt (twice, for stability) on
   * normal rows or columns of the tensor viewed as {@code [size(0), rest]}.
   */
  public static Tensor orthogonal(Tensor t, double gain) {
    if (t.rank() < 2) {
      throw new VectorgradException("orthogonal: needs at least 2 dimensions, got shape " + t.shape());
    }
    int rows = t.size(0);
    int cols = t.numel() / rows;
    boolean transposed = rows > cols; // orthonormalize the shorter side's vectors
    int n = transposed ? cols : rows;
    int m = transposed ? rows : cols;
    double[] q = NdArray.randn(Shape.of(n, m), DType.F64).toDoubleArray();
    for (int i = 0; i < n; i++) {
      for (int pass = 0; pass < 2; pass++) {
        for (int j = 0; j < i; j++) {
          double dot = 0;
          for (int k = 0; k < m; k++) {
            dot += q[i * m + k] * q[j * m + k];
          }
          for (int k = 0; k < m; k++) {
            q[i * m + k] -= dot * q[j * m + k];
          }
        }
      }
      double norm = 0;
      for (int k = 0; k < m; k++) {
        norm += q[i * m + k] * q[i * m + k];
      }
      for (int k = 0; k < m; k++) {
        q[i * m + k] *= gain / Math.sqrt(norm);
      }
    }
    NdArray matrix = NdArray.of(q, n, m);
    NdArray values = (transposed ? matrix.t() : matrix).reshape(t.shape().toArray()).cast(t.dtype());
    return fill(t, values);
  }
}
