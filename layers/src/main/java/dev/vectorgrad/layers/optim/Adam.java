package dev.vectorgrad.layers.optim;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.tensor.AdamStep;
import dev.vectorgrad.tensor.NdArray;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma and Ba), as PyTorch computes it; {@code weightDecay} is L2 added to the gradient
 * (see {@link AdamW} for decoupled decay):
 *
 * <pre>
 * m = beta1 * m + (1 - beta1) * g
 * v = beta2 * v + (1 - beta2) * g^2
 * p = p - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 */
public class Adam extends Optimizer {
  final double beta1;
  final double beta2;
  final double eps;
  final double weightDecay;

  public Adam(List<Tensor> params, double lr) {
    this(params, lr, 0.9, 0.999, 1e-8, 0);
  }

  public Adam(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
    super(params, lr);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
  }

  @Override
  protected void update(Tensor p, Tensor grad, Map<String, Tensor> state, long step) {
    Tensor g = weightDecay == 0 ? grad : grad.plus(p.times(weightDecay));
    adamStep(p, g, state, step);
  }

  /** The moment updates and the parameter step shared with AdamW, fused into one pass. */
  final void adamStep(Tensor p, Tensor g, Map<String, Tensor> state, long step) {
    NdArray m = buffer(state, "exp_avg", p).data();
    NdArray v = buffer(state, "exp_avg_sq", p).data();
    AdamStep update = new AdamStep(lr(), beta1, beta2, eps, step);
    p.updateInPlace("adam", values -> update.apply(values, g.data(), m, v));
  }
}
