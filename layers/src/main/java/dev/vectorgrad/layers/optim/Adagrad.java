package dev.vectorgrad.layers.optim;

import dev.vectorgrad.autodiff.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Adagrad as PyTorch computes it: {@code s = s + g^2}, {@code p = p - lr_t * g / (sqrt(s) + eps)}
 * with {@code lr_t = lr / (1 + (t - 1) * lrDecay)}.
 */
public class Adagrad extends Optimizer {
  private final double lrDecay;
  private final double weightDecay;
  private final double initialAccumulator;
  private final double eps;

  public Adagrad(List<Tensor> params, double lr) {
    this(params, lr, 0, 0, 0, 1e-10);
  }

  public Adagrad(
      List<Tensor> params, double lr, double lrDecay, double weightDecay, double initialAccumulator, double eps) {
    super(params, lr);
    this.lrDecay = lrDecay;
    this.weightDecay = weightDecay;
    this.initialAccumulator = initialAccumulator;
    this.eps = eps;
  }

  @Override
  protected void update(Tensor p, Tensor grad, Map<String, Tensor> state, long step) {
    Tensor g = weightDecay == 0 ? grad : grad.plus(p.times(weightDecay));
    Tensor previous = existing(state, "sum");
    Tensor start = previous == null ? buffer(state, "sum", p).plus(initialAccumulator) : previous;
    Tensor sum = start.plus(g.times(g));
    state.put("sum", sum);
    double stepLr = lr() / (1 + (step - 1) * lrDecay);
    p.subInPlace(g.div(sum.sqrt().plus(eps)).times(stepLr));
  }
}
