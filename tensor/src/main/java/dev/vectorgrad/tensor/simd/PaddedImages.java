package dev.vectorgrad.tensor.simd;

import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.spi.Parallel;

/**
 * The images of an F32 NCHW input as the stride-1 convolution kernels ({@link DirectConvolution},
 * {@link GridConvolution}) read them: one image at a time, its planes zero-padded to {@code
 * paddedHeight x paddedWidth}, so that every tap {@code (c, i, j)} of a {@code kernelH x kernelW}
 * window is one offset into them, the same for every output. Images go to tasks in fixed groups of
 * {@link #IMAGES_PER_TASK}, so what a task sums depends only on the shape, never on the thread
 * count.
 */
final class PaddedImages {
  static final int IMAGES_PER_TASK = 4;

  final float[] data;
  final int offset;
  final int images;
  final int channels;
  final int height;
  final int width;
  final int padTop;
  final int padLeft;
  final int kernelH;
  final int kernelW;
  final int paddedHeight;
  final int paddedWidth;
  final int outHeight;
  final int outWidth;

  PaddedImages(NdArray x, int padH, int padW, int kh, int kw) {
    NdArray input = x.contiguous();
    data = (float[]) Source.array(input);
    offset = input.offset();
    images = input.size(0);
    channels = input.size(1);
    height = input.size(2);
    width = input.size(3);
    padTop = padH;
    padLeft = padW;
    kernelH = kh;
    kernelW = kw;
    paddedHeight = height + 2 * padH;
    paddedWidth = width + 2 * padW;
    outHeight = paddedHeight - kh + 1;
    outWidth = paddedWidth - kw + 1;
  }

  /**
   * The offset of each tap in one image's padded planes, in order {@code (c, i, j)}, or with {@code
   * rowsFirst} in order {@code (i, c, j)}, kernel rows outermost.
   */
  int[] taps(boolean rowsFirst) {
    int[] taps = new int[channels * kernelH * kernelW];
    for (int k = 0; k < taps.length; k++) {
      int j = k % kernelW;
      int c = rowsFirst ? k / kernelW % channels : k / (kernelH * kernelW);
      int i = rowsFirst ? k / (kernelW * channels) : k / kernelW % kernelH;
      taps[k] = (c * paddedHeight + i) * paddedWidth + j;
    }
    return taps;
  }

  int tasks() {
    return (images + IMAGES_PER_TASK - 1) / IMAGES_PER_TASK;
  }

  /**
   * Runs {@code work} for every image, a fixed group of images per task. An unpadded image is read
   * in place unless {@code slack} asks for that many zeros past its planes (where a kernel's last
   * block reads); otherwise each task copies its images into padded planes of its own. Each task
   * also gets {@code scratchSize} floats of scratch.
   */
  void forEachImage(int slack, int scratchSize, ImageWork work) {
    boolean inPlace = slack == 0 && padTop == 0 && padLeft == 0;
    Parallel.forRange(tasks(), t -> {
      float[] planes = inPlace ? data : new float[channels * paddedHeight * paddedWidth + slack];
      float[] scratch = new float[scratchSize];
      for (int n = t * IMAGES_PER_TASK; n < Math.min(images, (t + 1) * IMAGES_PER_TASK); n++) {
        int from = offset + n * channels * height * width;
        if (!inPlace) {
          fill(planes, from);
        }
        work.run(t, n, planes, inPlace ? from : 0, scratch);
      }
    });
  }

  /** Copies the image at {@code data[from]} into the interior of {@code planes}; the border stays zero. */
  private void fill(float[] planes, int from) {
    if (paddedHeight == height && paddedWidth == width) {
      System.arraycopy(data, from, planes, 0, channels * height * width);
      return;
    }
    for (int c = 0; c < channels; c++) {
      for (int r = 0; r < height; r++) {
        System.arraycopy(data, from + (c * height + r) * width,
            planes, (c * paddedHeight + padTop + r) * paddedWidth + padLeft, width);
      }
    }
  }

  /** Image {@code n} of task {@code task}, its padded planes at {@code planes[image]}; {@code scratch} is the task's. */
  interface ImageWork {
    void run(int task, int n, float[] planes, int image, float[] scratch);
  }
}
