package dev.vectorgrad.tensor;

import dev.vectorgrad.tensor.spi.Backend;
import dev.vectorgrad.tensor.spi.HeapStorage;
import dev.vectorgrad.tensor.spi.Parallel;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A convolution read only by a max pool, computed a few images at a time: each task convolves its
 * images into a scratch array of its thread and pools from there, so the convolution's output never
 * exists for the whole batch; backwards, the pooled gradient is scattered into the scratch and the
 * weight gradient of those images taken from it.
 *
 * <p>Why: the first layer of an image net has a large output (the MNIST CNN's at batch 64: 5.5 MB)
 * that only the pool reads, and on our 2-core machine writing a fresh array costs about 0.2 ms per
 * MB, a warm one a quarter of that (BENCHMARKS.md). A task's scratch (346 KB there) stays in its
 * core's L2 from the convolution to the pool. At batch 64 on two threads the forward went from 2.2
 * to 1.5 ms, the weight gradient from 1.8 to 0.9.
 *
 * <p>Results: values and indices are those of {@code maxPool2dWithIndices(conv2d(...))} bit for bit
 * (both are per image). The weight gradient adds the tasks' partial gradients in task order; a task
 * has a fixed number of images, so the sum is the same for every thread count, though not the same
 * order as {@code conv2dWeightGrad} over the whole batch. Arrays off the heap (a GPU device) take
 * the composed route.
 */
final class PooledConvolution {
  private PooledConvolution() {}

  /** Images per task: fixed, so a task's partial weight gradient never depends on the thread count. */
  private static final int IMAGES = 4;

  /**
   * Layers with more taps per output ({@code C / groups * kh * kw}) are computed whole, then pooled:
   * their output is small beside their arithmetic, and cut into calls of four images the second
   * layer of the MNIST CNN (288 taps) lost 10 % forward and 30 % in the weight gradient.
   */
  private static final int MAX_TAPS = 32;

  /** Scratch arrays up to this many elements are kept by their thread for the next call. */
  private static final int RETAINED = 1 << 22;

  /** The running thread's scratch; taken out while in use, so a nested call gets its own. */
  private static final ThreadLocal<@Nullable Object> HELD = new ThreadLocal<>();

  static MaxPooling forward(NdArray x, NdArray weight, @Nullable NdArray bias, Window2d window, int groups,
      Window2d pool) {
    window.checkConvolution(x.shape(), weight.shape(), bias == null ? null : bias.shape(), groups);
    Shape convolved = Convolution.outputShape(x.shape(), weight.size(0), window);
    pool.checkPooling("conv2dMaxPool2d", convolved);
    DType type = Convolution.floatingType("conv2dMaxPool2d", x, weight, bias);
    if (!chunked(x, weight.size(1) * window.kernelH() * window.kernelW(), type)) {
      return x.conv2d(weight, bias, window, groups).maxPool2dWithIndices(pool);
    }
    Shape pooled = Convolution.outputShape(convolved, convolved.dim(1), pool);
    NdArray values = x.allocateLike(pooled, type);
    NdArray indices = x.allocateLike(pooled, DType.I64);
    NdArray input = x.cast(type);
    NdArray w = weight.cast(type);
    @Nullable NdArray b = bias == null ? null : bias.cast(type);
    Backend backend = x.backend();
    int images = x.size(0);
    forEachTask(images, type, convolved.numel() / images, (first, count, storage) -> {
      NdArray scratch = NdArray.onHost(storage, Shape.of(count, convolved.dim(1), convolved.dim(2), convolved.dim(3)));
      backend.conv2d(input.narrow(0, first, count), w, b, window, groups, scratch);
      backend.maxPool2d(scratch, pool, values.narrow(0, first, count), indices.narrow(0, first, count));
    });
    return new MaxPooling(values, indices);
  }

  /**
   * The weight gradient of {@link #forward} from {@code grad}, the gradient of its values, and its
   * {@code indices}: {@code conv2dWeightGrad} of {@code grad} scattered to the maxima.
   */
  static NdArray weightGrad(NdArray grad, NdArray indices, NdArray x, Window2d window, int groups) {
    Convolution.requireRank("conv2dWeightGradAtMaxima", grad, 4, "[N, O, PH, PW]");
    Convolution.requireRank("conv2dWeightGradAtMaxima", x, 4, "[N, C, H, W]");
    Shape weight = Shape.of(grad.size(1), groups > 0 ? x.size(1) / groups : 0, window.kernelH(), window.kernelW());
    window.checkConvolution(x.shape(), weight, null, groups);
    Shape convolved = Convolution.outputShape(x.shape(), grad.size(1), window);
    if (!indices.shape().equals(grad.shape()) || !indices.dtype().isInteger() || grad.size(0) != x.size(0)) {
      throw new ShapeMismatchException("conv2dWeightGradAtMaxima: gradient " + grad.shape() + " needs integer indices of"
          + " its shape, got " + indices.shape() + " " + indices.dtype() + ", and the batch of the input " + x.shape());
    }
    DType type = Convolution.floatingType("conv2dWeightGradAtMaxima", grad, x, null);
    Elementwise.requireSameDevice("conv2dWeightGradAtMaxima", grad, indices);
    int images = x.size(0);
    int channels = grad.size(1);
    int plane = convolved.dim(2) * convolved.dim(3);
    int pooled = grad.size(2) * grad.size(3);
    NdArray g = grad.cast(type).contiguous();
    NdArray index = indices.cast(DType.I64).contiguous();
    if (!chunked(x, weight.dim(1) * window.kernelH() * window.kernelW(), type)) {
      return NdArray.scatterAddToZeros(Shape.of(images, channels, plane), 2, index.view(images, channels, pooled),
          g.view(images, channels, pooled)).view(convolved.toArray()).conv2dWeightGrad(x, window, groups);
    }
    NdArray input = x.cast(type);
    Backend backend = x.backend();
    NdArray[] partial = new NdArray[ceilDiv(images, IMAGES)];
    forEachTask(images, type, channels * plane, (first, count, storage) -> {
      scatter(g, index, first * channels, count * channels, pooled, storage, plane);
      NdArray part = x.allocateLike(weight, type);
      backend.conv2dWeightGrad(NdArray.onHost(storage, Shape.of(count, channels, convolved.dim(2), convolved.dim(3))),
          input.narrow(0, first, count), window, groups, part);
      partial[first / IMAGES] = part;
    });
    NdArray sum = partial[0];
    for (int t = 1; t < partial.length; t++) {
      sum = sum.plus(partial[t]);
    }
    return sum;
  }

  /**
   * Adds the gradient's planes {@code [from, from + planes)} ({@code pooled} values each) into the
   * scratch planes of {@code plane} values at their indices. A plain typed loop: through the
   * backend's generic scatter (a lambda per element over virtual element access), C2 compiled it
   * late in about one training run in three, leaving a 1.5 ms weight gradient at 5-8 ms.
   */
  private static void scatter(NdArray grad, NdArray index, int from, int planes, int pooled, HeapStorage scratch,
      int plane) {
    long[] at = ((HeapStorage.Longs) index.storage()).array();
    int atStart = index.offset() + from * pooled;
    int gradStart = grad.offset() + from * pooled;
    int n = planes * pooled;
    if (scratch instanceof HeapStorage.Floats f) {
      float[] target = f.array();
      float[] values = ((HeapStorage.Floats) grad.storage()).array();
      for (int i = 0; i < n; i++) {
        target[position(at[atStart + i], i / pooled, plane)] += values[gradStart + i];
      }
    } else {
      double[] target = ((HeapStorage.Doubles) scratch).array();
      double[] values = ((HeapStorage.Doubles) grad.storage()).array();
      for (int i = 0; i < n; i++) {
        target[position(at[atStart + i], i / pooled, plane)] += values[gradStart + i];
      }
    }
  }

  /** Where index {@code at} of plane {@code p} lies in the scratch; the index is checked. */
  private static int position(long at, int p, int plane) {
    if (at < 0 || at >= plane) {
      throw new IndexOutOfRangeException(
          "conv2dWeightGradAtMaxima: index " + at + " is outside an output plane of " + plane + " values");
    }
    return p * plane + (int) at;
  }

  /** One task's share: images {@code [first, first + count)}, with a zero-filled scratch. */
  private interface TaskWork {
    void run(int first, int count, HeapStorage scratch);
  }

  /**
   * Runs {@code work} for every group of {@link #IMAGES} images in parallel, each with a scratch of
   * {@code perImage} elements an image taken from its thread and given back after.
   */
  private static void forEachTask(int images, DType type, int perImage, TaskWork work) {
    Parallel.forRange(ceilDiv(images, IMAGES), t -> {
      int first = t * IMAGES;
      int count = Math.min(IMAGES, images - first);
      HeapStorage storage = take(type, count * perImage);
      try {
        work.run(first, count, storage);
      } finally {
        give(storage, count);
      }
    });
  }

  /** Chunks for a layer of few taps whose arrays are on the host, in a dtype the scratch has. */
  private static boolean chunked(NdArray x, int taps, DType type) {
    return taps <= MAX_TAPS && x.size(0) > 0 && x.storage() instanceof HeapStorage
        && (type == DType.F32 || type == DType.F64);
  }

  /** A zero-filled host storage of {@code length} elements of {@code type}, the thread's own if it fits. */
  private static HeapStorage take(DType type, int length) {
    Object held = HELD.get();
    HELD.set(null);
    if (type == DType.F32) {
      float[] array = held instanceof float[] f && f.length == length ? f : new float[length];
      Arrays.fill(array, 0f);
      return new HeapStorage.Floats(array);
    }
    double[] array = held instanceof double[] d && d.length == length ? d : new double[length];
    Arrays.fill(array, 0.0);
    return new HeapStorage.Doubles(array);
  }

  /** Keeps a full task's scratch (a last, shorter task would only make the next call allocate again). */
  private static void give(HeapStorage storage, int images) {
    if (images == IMAGES && storage.length() <= RETAINED) {
      HELD.set(storage instanceof HeapStorage.Floats f ? f.array() : ((HeapStorage.Doubles) storage).array());
    }
  }

  private static int ceilDiv(int x, int y) {
    return (x + y - 1) / y;
  }
}
