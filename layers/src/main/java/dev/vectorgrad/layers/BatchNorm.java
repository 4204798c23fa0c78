package dev.vectorgrad.layers;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.tensor.ShapeMismatchException;
import java.util.Arrays;

/**
 * Batch normalization over every axis but channels (axis 1), with learned scale (ones) and shift
 * (zeros) and running statistics (buffers {@code runningMean} zeros, {@code runningVar} ones) used
 * in evaluation mode. {@link BatchNorm1d} and {@link BatchNorm2d} fix the expected input rank.
 */
public abstract class BatchNorm extends Module {
  private final int features;
  private final double eps;
  private final double momentum;
  private final int[] ranks;
  public final Tensor weight;
  public final Tensor bias;
  public final Tensor runningMean;
  public final Tensor runningVar;

  BatchNorm(int features, double eps, double momentum, int... ranks) {
    this.features = features;
    this.eps = eps;
    this.momentum = momentum;
    this.ranks = ranks;
    this.weight = registerParameter("weight", Tensor.ones(features));
    this.bias = registerParameter("bias", Tensor.zeros(features));
    this.runningMean = registerBuffer("running_mean", Tensor.zeros(features));
    this.runningVar = registerBuffer("running_var", Tensor.ones(features));
  }

  @Override
  public Tensor forward(Tensor input) {
    boolean rankOk = false;
    for (int r : ranks) {
      rankOk |= input.rank() == r;
    }
    if (!rankOk || input.size(1) != features) {
      throw new ShapeMismatchException(
          getClass().getSimpleName() + ": input " + input.shape() + " needs rank "
              + Arrays.toString(ranks) + " with " + features + " channels at axis 1");
    }
    return F.batchNorm(input, runningMean, runningVar, weight, bias, isTraining(), momentum, eps);
  }

  @Override
  protected String extraRepr() {
    return features + ", eps=" + eps + ", momentum=" + momentum;
  }
}
