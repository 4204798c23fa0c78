package dev.vectorgrad.tensor.spi;

import dev.vectorgrad.tensor.AdamStep;
import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.Device;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.VectorgradException;
import dev.vectorgrad.tensor.Window2d;
import dev.vectorgrad.tensor.ops.BinaryOp;
import dev.vectorgrad.tensor.ops.ReduceOp;
import dev.vectorgrad.tensor.ops.UnaryOp;
import org.jspecify.annotations.Nullable;

/**
 * The kernels of one device. {@link NdArray} checks shapes, dtypes and devices, broadcasts, and
 * allocates outputs before it calls a kernel, so kernels may assume:
 *
 * <ul>
 *   <li>every array argument lives on {@link #device()};
 *   <li>inputs are views with arbitrary strides (0 for broadcast dimensions) and offset;
 *   <li>{@code out} arrays are fresh, contiguous and of the result dtype of the op;
 *   <li>inputs already have the op's compute dtype (see the op enums).
 * </ul>
 *
 * Kernels that index by data ({@code gather}, {@code scatterAdd}) validate the indices themselves
 * and throw {@link dev.vectorgrad.tensor.IndexOutOfRangeException}.
 */
public interface Backend {
  /** Short name, e.g. {@code scalar}, {@code simd}, {@code opencl}. */
  String name();

  Device device();

  /** A zero-filled storage of {@code length} elements on this device. */
  Storage allocate(DType dtype, int length);

  /** Copies host data onto this device (CPU backends may return {@code host} itself). */
  Storage upload(HeapStorage host);

  /** Copies a whole storage of this device to the host. */
  HeapStorage download(Storage storage);

  /** {@code dst[i] = (dst dtype) src[i]}; both have the same shape; {@code dst} may be a view. */
  void copy(NdArray src, NdArray dst);

  /** {@code out[i] = op(x[i])}. */
  void unary(UnaryOp op, NdArray x, NdArray out);

  /** {@code out[i] = op(a[i], b[i])}; {@code a} and {@code b} are broadcast to out's shape. */
  void binary(BinaryOp op, NdArray a, NdArray b, NdArray out);

  /** {@code out[i] = cond[i] ? a[i] : b[i]}; inputs broadcast to out's shape, cond is BOOL. */
  void where(NdArray cond, NdArray a, NdArray b, NdArray out);

  /** Reduces {@code x} of shape {@code [outer, inner]} along its last axis into {@code [outer]}. */
  void reduce(ReduceOp op, NdArray x, NdArray out);

  /** Batched product {@code [B, M, K] x [B, K, N] -> [B, M, N]} of floating arrays. */
  void matmul(NdArray a, NdArray b, NdArray out);

  /**
   * {@code out += a · b} for the shapes of {@link #matmul}, where {@code out} is not fresh: a
   * contiguous array holding values, of the operands' dtype, sharing memory with neither. Returns
   * false, having done nothing, when this backend has no such kernel (the default); the caller
   * then adds a fresh product.
   */
  default boolean matmulAccumulate(NdArray a, NdArray b, NdArray out) {
    return false;
  }

  /**
   * {@code out[i][j][k] = x[index[i][j][k]][j][k]} for {@code axis == 0}, and likewise for other
   * axes; {@code index} (I64) and {@code out} share a shape, negative indices count from the end.
   */
  void gather(NdArray x, int axis, NdArray index, NdArray out);

  /**
   * {@code target[index[i][j][k]][j][k] += src[i][j][k]} for {@code axis == 0}, in place; {@code
   * index} (I64) and {@code src} share a shape and {@code target} is contiguous.
   */
  void scatterAdd(NdArray target, int axis, NdArray index, NdArray src);

  /**
   * Unfolds sliding windows: {@code x} {@code [N, C, H, W]} (any strides) into a fresh {@code out}
   * {@code [N, C kh kw, OH OW]} whose last axis is contiguous (the first two may come in either
   * order), with {@code padValue} outside the input (see {@link WindowKernels#im2col}). CPU
   * backends share the host kernel; device backends override it.
   */
  default void im2col(NdArray x, Window2d window, double padValue, NdArray out) {
    requireHost("im2col", x);
    WindowKernels.im2col(x, window, padValue, out);
  }

  /** The adjoint of {@link #im2col}, accumulating into a fresh zero-filled {@code out} {@code [N, C, H, W]}. */
  default void col2im(NdArray cols, Window2d window, NdArray out) {
    requireHost("col2im", cols);
    WindowKernels.col2im(cols, window, out);
  }

  /**
   * Convolution ({@code NdArray.conv2d}) of {@code x} {@code [N, C, H, W]} with {@code weight}
   * {@code [O, C/groups, kh, kw]} and {@code bias} {@code [O]} or null, all of one floating dtype
   * and checked, into a fresh {@code out} {@code [N, O, OH, OW]}. This default composes im2col,
   * batched products and col2im ({@link ComposedConvolution}); host backends run it a chunk of
   * images at a time.
   */
  default void conv2d(NdArray x, NdArray weight, @Nullable NdArray bias, Window2d window, int groups, NdArray out) {
    out.copyFrom(ComposedConvolution.forward(x, weight, bias, window, groups));
  }

  /** The gradient of {@link #conv2d} with respect to its input, from {@code grad} {@code [N, O, OH, OW]} into a fresh {@code out} {@code [N, C, H, W]}. */
  default void conv2dInputGrad(NdArray grad, NdArray weight, Window2d window, int groups, NdArray out) {
    out.copyFrom(ComposedConvolution.inputGrad(grad, weight, out.size(2), out.size(3), window, groups));
  }

  /** The gradient of {@link #conv2d} with respect to its weight, from {@code grad} and the input {@code x}, into a fresh {@code out} {@code [O, C/groups, kh, kw]}. */
  default void conv2dWeightGrad(NdArray grad, NdArray x, Window2d window, int groups, NdArray out) {
    out.copyFrom(ComposedConvolution.weightGrad(grad, x, window, groups));
  }

  /**
   * Where each window's maximum lies: {@code x} {@code [N, C, H, W]} (any strides) into a
   * contiguous I64 {@code out} {@code [N, C, OH, OW]} (which may start at an offset: {@code
   * conv2dMaxPool2d} pools a few images into a slice) of flat indices {@code h W + w} into the input
   * plane (see {@link WindowKernels#maxPool2dIndices}). CPU backends share the host kernel.
   */
  default void maxPool2dIndices(NdArray x, Window2d window, NdArray out) {
    requireHost("maxPool2d", x);
    WindowKernels.maxPool2dIndices(x, window, out);
  }

  /**
   * Window maxima of {@code x} into a contiguous {@code values} {@code [N, C, OH, OW]} of its dtype
   * (possibly at an offset, like {@code indices}), and where they lie into {@code indices} as
   * {@link #maxPool2dIndices} finds them. By default the values are gathered at the indices
   * afterwards.
   */
  default void maxPool2d(NdArray x, Window2d window, NdArray values, NdArray indices) {
    maxPool2dIndices(x, window, indices);
    int planes = x.size(0) * x.size(1);
    values.copyFrom(x.reshape(planes, x.size(2) * x.size(3))
        .gather(1, indices.view(planes, indices.size(2) * indices.size(3))).view(values.shape().toArray()));
  }

  /**
   * Softmax ({@code log == false}) or log-softmax of each row of a contiguous floating {@code x}
   * {@code [rows, n]} (n &gt; 0) into a fresh {@code out} of the same shape and dtype. The row is
   * shifted by its maximum when that is finite (by 0 otherwise), so {@code -inf} entries give 0
   * (-inf), rows of -inf give NaN and NaN propagates to the whole row, as in the composed {@code
   * exp(x - max) / sum} (see {@link RowKernels#softmax}). CPU backends share the host kernel
   * (double precision) or override it; arrays on other devices keep the composed ops, so device
   * backends need not implement it.
   */
  default void softmax(NdArray x, boolean log, NdArray out) {
    requireHost(log ? "logSoftmax" : "softmax", x);
    RowKernels.softmax(x, log, out);
  }

  /**
   * One Adam update of {@code param} and its moments {@code expAvg}, {@code expAvgSq} in place from
   * {@code grad}: four arrays of one shape and floating dtype, any strides (see {@link AdamStep}).
   * This default runs the formula as separate ops, so every backend has it; host backends fuse it
   * into one pass.
   */
  default void adamStep(NdArray param, NdArray grad, NdArray expAvg, NdArray expAvgSq, AdamStep c) {
    expAvg.copyFrom(flushSubnormals(expAvg.times(c.beta1()).plus(grad.times(1 - c.beta1()))));
    expAvgSq.copyFrom(flushSubnormals(expAvgSq.times(c.beta2()).plus(grad.times(grad).times(1 - c.beta2()))));
    NdArray denominator = expAvgSq.sqrt().div(c.rootBiasCorrection2()).plus(c.eps());
    param.copyFrom(param.minus(expAvg.div(denominator).times(c.stepSize())));
  }

  /** {@code x} with entries below the dtype's smallest normal in magnitude replaced by +0, as the fused kernels store them. */
  private static NdArray flushSubnormals(NdArray x) {
    NdArray magnitude = x.abs();
    return NdArray.where(magnitude.lt(AdamStep.smallestNormal(x.dtype())), magnitude.times(0), x);
  }

  private void requireHost(String op, NdArray x) {
    if (!(x.storage() instanceof HeapStorage)) {
      throw new VectorgradException(
          op + " is not supported on " + device() + " yet; move the array to the CPU with to(Device.CPU)");
    }
  }
}
