package dev.vectorgrad.layers.optim;

import dev.vectorgrad.autodiff.Grad;
import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.VectorgradException;
import java.util.List;

/** Gradient clipping, like {@code torch.nn.utils.clip_grad_norm_} and {@code clip_grad_value_}. */
public final class ClipGrad {
  private ClipGrad() {}

  /**
   * Scales all gradients by {@code maxNorm / (total + 1e-6)} when their joint L2 norm {@code total}
   * exceeds {@code maxNorm}; returns {@code total}. With {@code errorIfNonfinite}, a NaN or infinite
   * norm raises instead of poisoning the parameters.
   */
  public static double norm(List<Tensor> params, double maxNorm, boolean errorIfNonfinite) {
    double squares = 0;
    for (Tensor p : params) {
      Tensor g = p.grad();
      if (g != null) {
        squares += g.data().cast(DType.F64).pow(2).sum().item();
      }
    }
    double total = Math.sqrt(squares);
    if (errorIfNonfinite && !Double.isFinite(total)) {
      throw new VectorgradException("clipGradNorm: the total gradient norm is " + total);
    }
    double scale = maxNorm / (total + 1e-6);
    if (scale < 1) {
      try (Grad.Scope off = Grad.disabled()) {
        for (Tensor p : params) {
          Tensor g = p.grad();
          if (g != null) {
            p.setGrad(g.times(scale));
          }
        }
      }
    }
    return total;
  }

  /** Clamps every gradient element to {@code [-clip, clip]}. */
  public static void value(List<Tensor> params, double clip) {
    try (Grad.Scope off = Grad.disabled()) {
      for (Tensor p : params) {
        Tensor g = p.grad();
        if (g != null) {
          p.setGrad(g.clamp(-clip, clip));
        }
      }
    }
  }
}
