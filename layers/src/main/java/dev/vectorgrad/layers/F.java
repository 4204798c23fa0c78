package dev.vectorgrad.layers;

import dev.vectorgrad.autodiff.Grad;
import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.ShapeMismatchException;
import dev.vectorgrad.tensor.VectorgradException;
import dev.vectorgrad.tensor.Window2d;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The functional forms of layers and losses, like {@code torch.nn.functional}; modules delegate
 * here. {@code import static dev.vectorgrad.layers.F.*} gives {@code relu(x)}, {@code
 * crossEntropy(logits, labels)} and the rest.
 */
public final class F {
  private F() {}

  // ---------------------------------------------------------------- activations

  public static Tensor relu(Tensor x) {
    return x.relu();
  }

  /** {@code x} where positive, {@code slope * x} elsewhere. */
  public static Tensor leakyRelu(Tensor x, double slope) {
    return Tensor.where(x.gt(0), x, x.times(slope));
  }

  public static Tensor gelu(Tensor x) {
    return x.gelu();
  }

  /** {@code x * sigmoid(x)}, also called swish. */
  public static Tensor silu(Tensor x) {
    return x.times(x.sigmoid());
  }

  public static Tensor sigmoid(Tensor x) {
    return x.sigmoid();
  }

  public static Tensor tanh(Tensor x) {
    return x.tanh();
  }

  public static Tensor softmax(Tensor x, int axis) {
    return x.softmax(axis);
  }

  public static Tensor logSoftmax(Tensor x, int axis) {
    return x.logSoftmax(axis);
  }

  // ---------------------------------------------------------------- layers

  /** {@code x W^T + b} with {@code W} of shape {@code [out, in]}, PyTorch's layout. */
  public static Tensor linear(Tensor x, Tensor weight, @Nullable Tensor bias) {
    return Tensor.linear(x, weight, bias);
  }

  /**
   * Zeroes each element with probability {@code p} and scales the rest by {@code 1 / (1 - p)} in
   * training; the identity otherwise. The mask comes from the seeded global generator.
   */
  public static Tensor dropout(Tensor x, double p, boolean training) {
    if (p < 0 || p > 1) {
      throw new VectorgradException("dropout: probability must be in [0, 1], got " + p);
    }
    if (!training || p == 0) {
      return x;
    }
    if (p == 1) {
      return x.times(0f);
    }
    Tensor keep = Tensor.from(NdArray.rand(x.shape(), x.dtype().toFloating()).ge(p).to(x.device()));
    return Tensor.where(keep, x.times(1.0 / (1.0 - p)), Tensor.scalar(0, x.dtype()).to(x.device()));
  }

  /** Rows of {@code weight} ({@code [num, dim]}) picked by integer {@code indices}: shape {@code [..., dim]}. */
  public static Tensor embedding(Tensor indices, Tensor weight) {
    if (!indices.dtype().isInteger()) {
      throw new VectorgradException("embedding: indices must be integers, got " + indices.dtype());
    }
    int[] outShape = new int[indices.rank() + 1];
    System.arraycopy(indices.shape().toArray(), 0, outShape, 0, indices.rank());
    outShape[indices.rank()] = weight.size(1);
    return weight.indexSelect(0, indices.flatten()).reshape(outShape);
  }

  /**
   * Normalizes over the last {@code normalizedDims} dimensions: {@code (x - mean) / sqrt(var + eps)
   * * weight + bias}, with the biased variance as PyTorch uses.
   */
  public static Tensor layerNorm(
      Tensor x, int normalizedDims, @Nullable Tensor weight, @Nullable Tensor bias, double eps) {
    int[] axes = new int[normalizedDims];
    for (int i = 0; i < normalizedDims; i++) {
      axes[i] = x.rank() - normalizedDims + i;
    }
    Tensor centered = x.minus(x.mean(axes, true));
    Tensor variance = centered.times(centered).mean(axes, true);
    Tensor y = centered.times(variance.plus(eps).rsqrt());
    if (weight != null) {
      y = y.times(weight);
    }
    return bias == null ? y : y.plus(bias);
  }

  /**
   * Batch normalization over every axis but the channel axis 1: {@code (x - mean) / sqrt(var + eps)
   * * weight + bias}. In training it uses the batch statistics (biased variance) and updates the
   * running ones in place, {@code running = (1 - momentum) * running + momentum * batch} with the
   * unbiased variance; in evaluation it uses the running statistics.
   */
  public static Tensor batchNorm(
      Tensor x, Tensor runningMean, Tensor runningVar, @Nullable Tensor weight, @Nullable Tensor bias,
      boolean training, double momentum, double eps) {
    if (x.rank() < 2 || x.size(1) != runningMean.size(0)) {
      throw new ShapeMismatchException(
          "batchNorm: input " + x.shape() + " needs shape [N, C, ...] with C = " + runningMean.size(0));
    }
    int[] axes = new int[x.rank() - 1];
    int[] channelShape = new int[x.rank()];
    Arrays.fill(channelShape, 1);
    channelShape[1] = x.size(1);
    for (int i = 0, a = 0; i < x.rank(); i++) {
      if (i != 1) {
        axes[a++] = i;
      }
    }
    Tensor mean;
    Tensor variance;
    if (training) {
      int count = x.numel() / x.size(1);
      if (count < 2) {
        throw new VectorgradException(
            "batchNorm: training needs more than one value per channel, got input " + x.shape());
      }
      mean = x.mean(axes, true);
      Tensor centered = x.minus(mean);
      variance = centered.times(centered).mean(axes, true);
      try (Grad.Scope off = Grad.disabled()) {
        Tensor batchMean = mean.detach().reshape(x.size(1));
        Tensor unbiased = variance.detach().reshape(x.size(1)).times((double) count / (count - 1));
        runningMean.mulInPlace(1 - momentum).addInPlace(batchMean.times(momentum));
        runningVar.mulInPlace(1 - momentum).addInPlace(unbiased.times(momentum));
      }
    } else {
      mean = runningMean.reshape(channelShape);
      variance = runningVar.reshape(channelShape);
    }
    Tensor y = x.minus(mean).times(variance.plus(eps).rsqrt());
    if (weight != null) {
      y = y.times(weight.reshape(channelShape));
    }
    return bias == null ? y : y.plus(bias.reshape(channelShape));
  }

  /** 2-D cross-correlation; see {@link Tensor#conv2d(Tensor, Tensor, Window2d, int)}. */
  public static Tensor conv2d(Tensor x, Tensor weight, @Nullable Tensor bias, Window2d window, int groups) {
    return x.conv2d(weight, bias, window, groups);
  }

  public static Tensor conv1d(Tensor x, Tensor weight, @Nullable Tensor bias, int stride, int padding,
      int dilation, int groups) {
    return x.conv1d(weight, bias, stride, padding, dilation, groups);
  }

  /** Max pooling with a square {@code kernel} and stride equal to it, like {@code F.max_pool2d(x, k)}. */
  public static Tensor maxPool2d(Tensor x, int kernel) {
    return x.maxPool2d(Window2d.of(kernel, kernel, 0, 1));
  }

  public static Tensor maxPool2d(Tensor x, Window2d window) {
    return x.maxPool2d(window);
  }

  public static Tensor avgPool2d(Tensor x, int kernel) {
    return x.avgPool2d(Window2d.of(kernel, kernel, 0, 1));
  }

  public static Tensor avgPool2d(Tensor x, Window2d window) {
    return x.avgPool2d(window);
  }

  public static Tensor adaptiveAvgPool2d(Tensor x, int outH, int outW) {
    return x.adaptiveAvgPool2d(outH, outW);
  }

  // ---------------------------------------------------------------- losses

  /** Mean squared error. */
  public static Tensor mseLoss(Tensor input, Tensor target) {
    return mseLoss(input, target, Reduction.MEAN);
  }

  public static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) {
    Losses.requireSameShape("mseLoss", input, target);
    Tensor d = input.minus(target);
    return Losses.reduce("mseLoss", d.times(d), reduction);
  }

  /** Mean absolute error. */
  public static Tensor l1Loss(Tensor input, Tensor target) {
    return l1Loss(input, target, Reduction.MEAN);
  }

  public static Tensor l1Loss(Tensor input, Tensor target, Reduction reduction) {
    Losses.requireSameShape("l1Loss", input, target);
    return Losses.reduce("l1Loss", input.minus(target).abs(), reduction);
  }

  /** {@code 0.5 d^2 / beta} where {@code |d| < beta}, else {@code |d| - 0.5 beta}. */
  public static Tensor smoothL1Loss(Tensor input, Tensor target, double beta, Reduction reduction) {
    return Losses.smoothL1(input, target, beta, reduction);
  }

  /** {@code 0.5 d^2} where {@code |d| <= delta}, else {@code delta (|d| - 0.5 delta)}. */
  public static Tensor huberLoss(Tensor input, Tensor target, double delta, Reduction reduction) {
    return Losses.huber(input, target, delta, reduction);
  }

  /**
   * Softmax cross-entropy of {@code logits} ({@code [N, C]} or {@code [N, C, d...]}) against class
   * indices ({@code [N]} or {@code [N, d...]}, integer) or class probabilities (the logits' shape).
   */
  public static Tensor crossEntropy(Tensor logits, Tensor target) {
    return crossEntropy(logits, target, CrossEntropyOptions.defaults());
  }

  public static Tensor crossEntropy(Tensor logits, Tensor target, CrossEntropyOptions options) {
    if (logits.rank() < 2) {
      throw new ShapeMismatchException("crossEntropy: logits need shape [N, C, ...], got " + logits.shape());
    }
    return Losses.fromLogProbabilities("crossEntropy", logits.logSoftmax(1), target, options, true);
  }

  /** Negative log-likelihood of log-probabilities against class indices. */
  public static Tensor nllLoss(Tensor logProbabilities, Tensor target) {
    return nllLoss(logProbabilities, target, CrossEntropyOptions.defaults());
  }

  public static Tensor nllLoss(Tensor logProbabilities, Tensor target, CrossEntropyOptions options) {
    if (target.dtype().isFloating()) {
      throw new VectorgradException("nllLoss: target must hold class indices, got " + target.dtype());
    }
    return Losses.fromLogProbabilities("nllLoss", logProbabilities, target, options, false);
  }

  /** Binary cross-entropy of probabilities {@code p} against targets in [0, 1]. */
  public static Tensor binaryCrossEntropy(Tensor p, Tensor target) {
    return Losses.binaryCrossEntropy(p, target, null, Reduction.MEAN);
  }

  public static Tensor binaryCrossEntropy(Tensor p, Tensor target, @Nullable Tensor weight, Reduction reduction) {
    return Losses.binaryCrossEntropy(p, target, weight, reduction);
  }

  /** Binary cross-entropy of logits, in the form that never overflows. */
  public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor target) {
    return Losses.binaryCrossEntropyWithLogits(logits, target, null, Reduction.MEAN);
  }

  /** With {@code posWeight} (per class) scaling the positive term, as in PyTorch. */
  public static Tensor binaryCrossEntropyWithLogits(
      Tensor logits, Tensor target, @Nullable Tensor posWeight, Reduction reduction) {
    return Losses.binaryCrossEntropyWithLogits(logits, target, posWeight, reduction);
  }

  /**
   * Kullback-Leibler divergence {@code target * (log target - input)} of log-probabilities {@code
   * input}; use {@link Reduction#BATCH_MEAN} for the true mean KL per sample.
   */
  public static Tensor klDiv(Tensor input, Tensor target, Reduction reduction, boolean logTarget) {
    return Losses.klDiv(input, target, reduction, logTarget);
  }
}
