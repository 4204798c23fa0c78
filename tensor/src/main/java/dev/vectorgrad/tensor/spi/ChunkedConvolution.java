package dev.vectorgrad.tensor.spi;

import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Window2d;
import org.jspecify.annotations.Nullable;

/**
 * {@link ComposedConvolution} on host memory, a chunk of images at a time with the chunks in
 * parallel: each chunk's unfolded columns and output (about {@link #CHUNK_BYTES} together) stay in
 * the core's L2 from im2col through the product, the bias and col2im, where the whole batch's
 * columns (18 MB for the second layer of an MNIST CNN at batch 128) went to memory and back between
 * every two passes. Sizing by the columns alone gave a one-channel layer chunks whose output left L2,
 * slower than no chunking. The ops inside a chunk run on its thread (nested {@link Parallel} calls
 * run inline).
 *
 * <p>Chunks hold whole images and depend only on the shape. The output and the input gradient are
 * per-image results, the same bits for any chunking; the weight gradient sums the chunks' partial
 * gradients in chunk order, so it is the same for every thread count.
 */
final class ChunkedConvolution {
  private ChunkedConvolution() {}

  /** A chunk's unfolded columns and output: half of this machine's 2 MiB L2. */
  static final long CHUNK_BYTES = 1 << 20;

  /** A task for each chunk of images. */
  private interface ChunkTask {
    void run(int chunk, int from, int count);
  }

  static void forward(NdArray x, NdArray weight, @Nullable NdArray bias, Window2d window, int groups, NdArray out) {
    Chunks.of(x, window, weight.size(0)).forEach((chunk, from, count) -> out.narrow(0, from, count)
        .copyFrom(ComposedConvolution.forward(x.narrow(0, from, count), weight, bias, window, groups)));
  }

  static void inputGrad(NdArray grad, NdArray weight, Window2d window, int groups, NdArray out) {
    Chunks.of(out, window, weight.size(0)).forEach((chunk, from, count) -> out.narrow(0, from, count)
        .copyFrom(ComposedConvolution.inputGrad(grad.narrow(0, from, count), weight, out.size(2), out.size(3),
            window, groups)));
  }

  static void weightGrad(NdArray grad, NdArray x, Window2d window, int groups, NdArray out) {
    Chunks chunks = Chunks.of(x, window, out.size(0));
    NdArray[] partial = new NdArray[chunks.count()];
    chunks.forEach((chunk, from, count) -> partial[chunk] =
        ComposedConvolution.weightGrad(grad.narrow(0, from, count), x.narrow(0, from, count), window, groups));
    NdArray sum = partial[0];
    for (int c = 1; c < partial.length; c++) {
      sum = sum.plus(partial[c]);
    }
    out.copyFrom(sum);
  }

  /** {@code images} images cut into chunks of {@code perChunk}, the last one possibly shorter. */
  private record Chunks(int images, int perChunk) {
    /** The chunks of a convolution's input {@code [N, C, H, W]} with {@code outChannels} outputs. */
    static Chunks of(NdArray input, Window2d window, int outChannels) {
      long windows = (long) window.outputHeight(input.size(2)) * window.outputWidth(input.size(3));
      long bytes = (input.size(1) * window.kernelH() * window.kernelW() + outChannels) * windows
          * input.dtype().byteSize();
      int perChunk = (int) Math.max(1, Math.min(input.size(0), CHUNK_BYTES / Math.max(1, bytes)));
      return new Chunks(input.size(0), perChunk);
    }

    /** At least one, so that an empty batch still gets its (empty) result. */
    int count() {
      return Math.max(1, (images + perChunk - 1) / perChunk);
    }

    void forEach(ChunkTask task) {
      Parallel.forRange(count(), c -> task.run(c, c * perChunk, Math.min(perChunk, images - c * perChunk)));
    }
  }
}
