package dev.vectorgrad.tensor;

/**
 * One step of Adam's update with its hyper-parameters and the 1-based step count that sets the
 * bias corrections. {@link #apply} updates a parameter and its two moment buffers in place:
 *
 * <pre>{@code
 * m = beta1 m + (1 - beta1) g
 * v = beta2 v + (1 - beta2) g g
 * p = p - lr / (1 - beta1^step) * m / (sqrt(v) / sqrt(1 - beta2^step) + eps)
 * }</pre>
 *
 * as PyTorch's {@code torch.optim.Adam} without weight decay. Each constant is rounded to the
 * arrays' dtype and every operation rounds to it, in this order, so a fused kernel gives the same
 * bits as the same formula written with {@code NdArray} ops.
 *
 * <p>One deliberate difference from PyTorch: a new moment below the dtype's smallest normal number
 * is stored as zero (flush to zero, which TensorFlow's CPU kernels do everywhere by default). The
 * first moment of a parameter whose gradient stays zero decays by {@code beta1} each step into
 * subnormal numbers, and arithmetic on those is 7x (vectors) to 25x (scalars) slower: on a ReLU
 * MLP with dead units the update took a third of the training step. The parameter is never
 * flushed, and the flushed moment's contribution to it is below its precision unless
 * {@code |p| < 1e-25}.
 */
public record AdamStep(double lr, double beta1, double beta2, double eps, long step) {
  public AdamStep {
    if (step < 1) {
      throw new IllegalArgumentException("adam: step counts from 1, got " + step);
    }
  }

  /** {@code 1 - beta1^step}. */
  public double biasCorrection1() {
    return 1 - Math.pow(beta1, step);
  }

  /** {@code 1 - beta2^step}. */
  public double biasCorrection2() {
    return 1 - Math.pow(beta2, step);
  }

  /** {@code lr / (1 - beta1^step)}, the factor of {@code m / denominator} in the update. */
  public double stepSize() {
    return lr / biasCorrection1();
  }

  /** {@code sqrt(1 - beta2^step)}, the divisor of {@code sqrt(v)} in the denominator. */
  public double rootBiasCorrection2() {
    return Math.sqrt(biasCorrection2());
  }

  /** The smallest normal number of {@code dtype}; moments below it in magnitude are stored as 0. */
  public static double smallestNormal(DType dtype) {
    return dtype == DType.F32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
  }

  /**
   * Updates {@code param}, {@code expAvg} and {@code expAvgSq} in place from {@code grad}. All four
   * must have the same shape, floating dtype and device; a host backend runs one fused pass over
   * contiguous arrays, any other layout or device runs the formula as separate ops.
   *
   * @throws ShapeMismatchException naming the array that does not match {@code param}
   */
  public void apply(NdArray param, NdArray grad, NdArray expAvg, NdArray expAvgSq) {
    if (!param.dtype().isFloating()) {
      throw new DTypeMismatchException("adam: parameter must be floating point, got " + param.dtype());
    }
    require("gradient", grad, param);
    require("exp_avg", expAvg, param);
    require("exp_avg_sq", expAvgSq, param);
    param.backend().adamStep(param, grad, expAvg, expAvgSq, this);
  }

  private static void require(String name, NdArray array, NdArray param) {
    if (!array.shape().equals(param.shape())) {
      throw new ShapeMismatchException(
          "adam: " + name + " of shape " + array.shape() + " for a parameter of shape " + param.shape());
    }
    if (array.dtype() != param.dtype()) {
      throw new DTypeMismatchException(
          "adam: " + name + " is " + array.dtype() + ", the parameter " + param.dtype());
    }
    if (!array.device().equals(param.device())) {
      throw new DeviceMismatchException(
          "adam: " + name + " is on " + array.device() + ", the parameter on " + param.device());
    }
  }
}
