package dev.vectorgrad.layers.optim;

import dev.vectorgrad.autodiff.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter): {@code p = p * (1 - lr * weightDecay)},
 * then the Adam step without L2. PyTorch's default decay is 0.01.
 */
public class AdamW extends Adam {
  public AdamW(List<Tensor> params, double lr) {
    this(params, lr, 0.9, 0.999, 1e-8, 0.01);
  }

  public AdamW(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
    super(params, lr, beta1, beta2, eps, weightDecay);
  }

  @Override
  protected void update(Tensor p, Tensor grad, Map<String, Tensor> state, long step) {
    p.mulInPlace(1 - lr() * weightDecay);
    adamStep(p, grad, state, step);
  }
}
