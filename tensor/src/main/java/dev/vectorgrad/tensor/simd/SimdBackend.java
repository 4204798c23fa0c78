package dev.vectorgrad.tensor.simd;

import dev.vectorgrad.tensor.AdamStep;
import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Window2d;
import dev.vectorgrad.tensor.ops.BinaryOp;
import dev.vectorgrad.tensor.ops.ReduceOp;
import dev.vectorgrad.tensor.ops.UnaryOp;
import dev.vectorgrad.tensor.scalar.ScalarBackend;
import dev.vectorgrad.tensor.spi.HeapStorage;
import dev.vectorgrad.tensor.spi.HostBackend;
import dev.vectorgrad.tensor.spi.Parallel;
import org.jspecify.annotations.Nullable;

/**
 * The CPU backend on the JDK Vector API: heap storage like {@link ScalarBackend}, vector kernels
 * for F32 and F64, and the scalar backend's kernels for integer and bool data, gather and
 * scatterAdd (index-driven, so they do not vectorize).
 *
 * <p>Elementwise ops run over the row-major index range of {@code out} in fixed chunks of {@link
 * ReduceKernels#CHUNK} elements (one {@link Parallel} task each) and, within a chunk, blocks of
 * {@link Source#BLOCK}. Each input hands the kernel a contiguous block: read in place when the
 * view is contiguous, filled once when it is a broadcast scalar, gathered run by run otherwise
 * (transposes, strided slices, broadcasts along some axes). The kernels then only see
 * contiguous arrays: vector main loop, lane-padded tail.
 *
 * <p>Exactness: results equal the scalar backend's bit for bit for everything but the F32
 * transcendentals exp, log, log1p, tanh, sigmoid, softplus, gelu and erf (see {@link FloatMath}
 * and {@link WideMath} for their measured error) and the rounding of floating sums and products.
 */
public final class SimdBackend implements HostBackend {
  private static final ScalarBackend SCALAR = new ScalarBackend();
  private static final int CHUNK = ReduceKernels.CHUNK;

  @Override
  public String name() {
    return "simd";
  }

  /**
   * Same-dtype copies of any dtype and F32/F64 casts run here, contiguous runs as {@code
   * System.arraycopy}; casts involving integers or bools go to the scalar backend.
   */
  @Override
  public void copy(NdArray src, NdArray dst) {
    boolean floats = src.dtype().isFloating() && dst.dtype().isFloating();
    if (src.dtype() != dst.dtype() && !floats) {
      SCALAR.copy(src, dst);
      return;
    }
    Runs runs = Runs.of(src, dst);
    Object in = Source.array(src);
    Object out = Source.array(dst);
    int n = dst.numel();
    Parallel.forRange(chunks(n), c -> {
      Runs walk = runs.copy();
      int end = Math.min(n, (c + 1) * CHUNK);
      walk.seek(c * CHUNK);
      for (int done = c * CHUNK; done < end; ) {
        int length = Math.min(walk.runLength(), end - done);
        int[] at = walk.offsets;
        Copies.run(in, at[0], walk.innerStride(0), out, at[1], walk.innerStride(1), length);
        walk.advance(length);
        done += length;
      }
    });
  }

  @Override
  public void unary(UnaryOp op, NdArray x, NdArray out) {
    if (!x.dtype().isFloating()) {
      SCALAR.unary(op, x, out);
      return;
    }
    Object y = Source.array(out);
    int yo = out.offset();
    boolean f32 = x.dtype() == DType.F32;
    elementwise(out.numel(), new Source[] {Source.of(x)}, (s, from, n) -> {
      if (f32) {
        FloatKernels.unary(op, (float[]) s[0].array, s[0].offset, (float[]) y, yo + from, n);
      } else {
        DoubleKernels.unary(op, (double[]) s[0].array, s[0].offset, (double[]) y, yo + from, n);
      }
    });
  }

  @Override
  public void binary(BinaryOp op, NdArray a, NdArray b, NdArray out) {
    if (!a.dtype().isFloating()) {
      SCALAR.binary(op, a, b, out);
      return;
    }
    Object y = Source.array(out);
    int yo = out.offset();
    boolean f32 = a.dtype() == DType.F32;
    elementwise(out.numel(), new Source[] {Source.of(a), Source.of(b)}, (s, from, n) -> {
      if (f32) {
        FloatKernels.binary(
            op, (float[]) s[0].array, s[0].offset, (float[]) s[1].array, s[1].offset, y, yo + from, n);
      } else {
        DoubleKernels.binary(
            op, (double[]) s[0].array, s[0].offset, (double[]) s[1].array, s[1].offset, y, yo + from, n);
      }
    });
  }

  @Override
  public void where(NdArray cond, NdArray a, NdArray b, NdArray out) {
    if (!a.dtype().isFloating()) {
      SCALAR.where(cond, a, b, out);
      return;
    }
    Object y = Source.array(out);
    int yo = out.offset();
    boolean f32 = a.dtype() == DType.F32;
    Source[] inputs = {Source.of(cond), Source.of(a), Source.of(b)};
    elementwise(out.numel(), inputs, (s, from, n) -> {
      boolean[] c = (boolean[]) s[0].array;
      if (f32) {
        FloatKernels.where(c, s[0].offset, (float[]) s[1].array, s[1].offset,
            (float[]) s[2].array, s[2].offset, (float[]) y, yo + from, n);
      } else {
        DoubleKernels.where(c, s[0].offset, (double[]) s[1].array, s[1].offset,
            (double[]) s[2].array, s[2].offset, (double[]) y, yo + from, n);
      }
    });
  }

  @Override
  public void reduce(ReduceOp op, NdArray x, NdArray out) {
    if (!x.dtype().isFloating()) {
      SCALAR.reduce(op, x, out);
      return;
    }
    ReduceKernels.reduce(op, x, out);
  }

  @Override
  public void softmax(NdArray x, boolean log, NdArray out) {
    SoftmaxKernels.softmax(x, log, out);
  }

  @Override
  public void matmul(NdArray a, NdArray b, NdArray out) {
    Gemm.matmul(a, b, out);
  }

  @Override
  public boolean matmulAccumulate(NdArray a, NdArray b, NdArray out) {
    return Gemm.accumulate(a, b, out);
  }

  @Override
  public void gather(NdArray x, int axis, NdArray index, NdArray out) {
    SCALAR.gather(x, axis, index, out);
  }

  @Override
  public void scatterAdd(NdArray target, int axis, NdArray index, NdArray src) {
    SCALAR.scatterAdd(target, axis, index, src);
  }

  /** A kernel call on one block: {@code inputs[k]} hold elements {@code [from, from + n)}. */
  private interface BlockKernel {
    void apply(Source[] inputs, int from, int n);
  }

  private static int chunks(int n) {
    return (n + CHUNK - 1) / CHUNK;
  }

  /** Runs {@code kernel} over {@code [0, n)} in chunks (parallel) and blocks (sequential). */
  private static void elementwise(int n, Source[] inputs, BlockKernel kernel) {
    Parallel.forRange(chunks(n), c -> {
      Source[] mine = new Source[inputs.length];
      for (int k = 0; k < inputs.length; k++) {
        mine[k] = inputs[k].copy();
      }
      int end = Math.min(n, (c + 1) * CHUNK);
      for (int from = c * CHUNK; from < end; from += Source.BLOCK) {
        int length = Math.min(Source.BLOCK, end - from);
        for (Source s : mine) {
          s.load(from, length);
        }
        kernel.apply(mine, from, length);
      }
    });
  }

  @Override
  public void adamStepContiguous(NdArray param, NdArray grad, NdArray expAvg, NdArray expAvgSq, AdamStep c) {
    AdamKernels.adam(param, grad, expAvg, expAvgSq, c);
  }

  @Override
  public void maxPool2dIndices(NdArray x, Window2d window, NdArray out) {
    if (PoolKernels.applies(x, window)) {
      PoolKernels.maxPool2d(x, window, null, out);
    } else {
      HostBackend.super.maxPool2dIndices(x, window, out);
    }
  }

  @Override
  public void maxPool2d(NdArray x, Window2d window, NdArray values, NdArray indices) {
    if (PoolKernels.applies(x, window)) {
      PoolKernels.maxPool2d(x, window, values, indices);
    } else {
      HostBackend.super.maxPool2d(x, window, values, indices);
    }
  }

  /**
   * F32 layers with stride and dilation 1 convolve directly: with few taps per output (the first of
   * an image net) from the image planes, with more on the grid of the padded planes; the rest in
   * chunks of unfolded columns.
   */
  @Override
  public void conv2d(NdArray x, NdArray weight, @Nullable NdArray bias, Window2d window, int groups, NdArray out) {
    if (DirectConvolution.applies(x, weight, window, groups)) {
      DirectConvolution.forward(x, weight, bias, window, out);
    } else if (GridConvolution.applies(x, weight, window, groups)) {
      GridConvolution.forward(x, weight, bias, window, out);
    } else {
      HostBackend.super.conv2d(x, weight, bias, window, groups, out);
    }
  }

  @Override
  public void conv2dInputGrad(NdArray grad, NdArray weight, Window2d window, int groups, NdArray out) {
    if (GridConvolution.appliesToInputGrad(grad, weight, window, groups)) {
      GridConvolution.inputGrad(grad, weight, window, out);
    } else {
      HostBackend.super.conv2dInputGrad(grad, weight, window, groups, out);
    }
  }

  @Override
  public void conv2dWeightGrad(NdArray grad, NdArray x, Window2d window, int groups, NdArray out) {
    if (DirectConvolution.applies(x, out, window, groups)) {
      DirectConvolution.weightGrad(grad, x, window, out);
    } else if (GridConvolution.applies(x, out, window, groups)) {
      GridConvolution.weightGrad(grad, x, window, out);
    } else {
      HostBackend.super.conv2dWeightGrad(grad, x, window, groups, out);
    }
  }
}
