package dev.vectorgrad.tensor.spi;

import dev.vectorgrad.tensor.AdamStep;
import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.Device;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Window2d;
import org.jspecify.annotations.Nullable;

/**
 * A backend computing on the JVM heap: its storage is {@link HeapStorage}, so allocation is a
 * heap array and moving data to or from the host is the identity. The CPU backends differ only in
 * their kernels.
 */
public interface HostBackend extends Backend {
  @Override
  default Device device() {
    return Device.CPU;
  }

  @Override
  default Storage allocate(DType dtype, int length) {
    return HeapStorage.allocate(dtype, length);
  }

  @Override
  default Storage upload(HeapStorage host) {
    return host;
  }

  @Override
  default HeapStorage download(Storage storage) {
    return (HeapStorage) storage;
  }

  @Override
  default void conv2d(NdArray x, NdArray weight, @Nullable NdArray bias, Window2d window, int groups, NdArray out) {
    ChunkedConvolution.forward(x, weight, bias, window, groups, out);
  }

  @Override
  default void conv2dInputGrad(NdArray grad, NdArray weight, Window2d window, int groups, NdArray out) {
    ChunkedConvolution.inputGrad(grad, weight, window, groups, out);
  }

  @Override
  default void conv2dWeightGrad(NdArray grad, NdArray x, Window2d window, int groups, NdArray out) {
    ChunkedConvolution.weightGrad(grad, x, window, groups, out);
  }

  @Override
  default void adamStep(NdArray param, NdArray grad, NdArray expAvg, NdArray expAvgSq, AdamStep c) {
    if (param.isContiguous() && grad.isContiguous() && expAvg.isContiguous() && expAvgSq.isContiguous()) {
      adamStepContiguous(param, grad, expAvg, expAvgSq, c);
    } else {
      Backend.super.adamStep(param, grad, expAvg, expAvgSq, c);
    }
  }

  /** {@link #adamStep} on contiguous arrays in one pass: plain loops, unless a backend has vector kernels. */
  default void adamStepContiguous(NdArray param, NdArray grad, NdArray expAvg, NdArray expAvgSq, AdamStep c) {
    UpdateKernels.adam(param, grad, expAvg, expAvgSq, c);
  }
}
