package dev.vectorgrad.layers.optim;

import dev.vectorgrad.autodiff.Tensor;
import java.util.List;
import java.util.Map;

/**
 * RMSprop as PyTorch computes it:
 *
 * <pre>
 * v = alpha * v + (1 - alpha) * g^2
 * a = sqrt(v - gAvg^2) + eps  if centered (gAvg = alpha * gAvg + (1 - alpha) * g), else sqrt(v) + eps
 * b = momentum * b + g / a;  p = p - lr * b   (momentum > 0), else p = p - lr * g / a
 * </pre>
 */
public class RMSprop extends Optimizer {
  private final double alpha;
  private final double eps;
  private final double weightDecay;
  private final double momentum;
  private final boolean centered;

  public RMSprop(List<Tensor> params, double lr) {
    this(params, lr, 0.99, 1e-8, 0, 0, false);
  }

  public RMSprop(
      List<Tensor> params, double lr, double alpha, double eps, double weightDecay, double momentum,
      boolean centered) {
    super(params, lr);
    this.alpha = alpha;
    this.eps = eps;
    this.weightDecay = weightDecay;
    this.momentum = momentum;
    this.centered = centered;
  }

  @Override
  protected void update(Tensor p, Tensor grad, Map<String, Tensor> state, long step) {
    Tensor g = weightDecay == 0 ? grad : grad.plus(p.times(weightDecay));
    Tensor v = buffer(state, "square_avg", p).times(alpha).plus(g.times(g).times(1 - alpha));
    state.put("square_avg", v);
    Tensor average;
    if (centered) {
      Tensor gAvg = buffer(state, "grad_avg", p).times(alpha).plus(g.times(1 - alpha));
      state.put("grad_avg", gAvg);
      average = v.minus(gAvg.times(gAvg)).sqrt().plus(eps);
    } else {
      average = v.sqrt().plus(eps);
    }
    if (momentum > 0) {
      Tensor b = buffer(state, "momentum_buffer", p).times(momentum).plus(g.div(average));
      state.put("momentum_buffer", b);
      p.subInPlace(b.times(lr()));
    } else {
      p.subInPlace(g.div(average).times(lr()));
    }
  }
}
