package dev.vectorgrad.layers.optim;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.tensor.VectorgradException;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with momentum, as PyTorch defines it:
 *
 * <pre>
 * g = grad + weightDecay * p
 * b = g on the first step, else momentum * b + (1 - dampening) * g
 * g = nesterov ? g + momentum * b : b        (when momentum != 0)
 * p = p - lr * g
 * </pre>
 */
public class SGD extends Optimizer {
  private final double momentum;
  private final double dampening;
  private final double weightDecay;
  private final boolean nesterov;

  public SGD(List<Tensor> params, double lr) {
    this(params, lr, 0);
  }

  public SGD(List<Tensor> params, double lr, double momentum) {
    this(params, lr, momentum, 0, 0, false);
  }

  public SGD(List<Tensor> params, double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
    super(params, lr);
    if (nesterov && (momentum <= 0 || dampening != 0)) {
      throw new VectorgradException("SGD: Nesterov needs momentum > 0 and no dampening");
    }
    this.momentum = momentum;
    this.dampening = dampening;
    this.weightDecay = weightDecay;
    this.nesterov = nesterov;
  }

  @Override
  protected void update(Tensor p, Tensor grad, Map<String, Tensor> state, long step) {
    Tensor g = weightDecay == 0 ? grad : grad.plus(p.times(weightDecay));
    if (momentum != 0) {
      Tensor previous = existing(state, "momentum_buffer");
      Tensor b = previous == null ? g.copy() : previous.times(momentum).plus(g.times(1 - dampening));
      state.put("momentum_buffer", b);
      g = nesterov ? g.plus(b.times(momentum)) : b;
    }
    p.subInPlace(g.times(lr()));
  }
}
