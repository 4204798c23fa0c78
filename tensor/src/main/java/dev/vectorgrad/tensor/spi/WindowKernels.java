package dev.vectorgrad.tensor.spi;

import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Window2d;
import java.util.Arrays;

/**
 * The im2col and col2im kernels on host memory, shared by the CPU backends. They move data only
 * (the arithmetic of a convolution is the GEMM that follows), so they are written for memory
 * bandwidth: a fast path for F32 copies whole row segments when the stride is 1, and the batch is
 * split across {@link Parallel} with disjoint outputs, so results do not depend on the thread count.
 */
public final class WindowKernels {
  private WindowKernels() {}

  /**
   * {@code out[n][(c kh + i) kw + j][oh OW + ow] = x[n][c][oh sh - ph + i dh][ow sw - pw + j dw]},
   * or {@code padValue} outside the input. {@code x} is {@code [N, C, H, W]} with any strides;
   * {@code out} is a fresh contiguous {@code [N, C kh kw, OH OW]}.
   */
  public static void im2col(NdArray x, Window2d w, double padValue, NdArray out) {
    HeapStorage in = (HeapStorage) x.storage();
    HeapStorage result = (HeapStorage) out.storage();
    int channels = x.size(1);
    int height = x.size(2);
    int width = x.size(3);
    int oh = w.outputHeight(height);
    int ow = w.outputWidth(width);
    int[] s = x.strides();
    boolean fast = in instanceof HeapStorage.Floats && result instanceof HeapStorage.Floats && s[3] == 1;
    Parallel.forRange(x.size(0), n -> {
      int outBase = n * channels * w.kernelH() * w.kernelW() * oh * ow;
      for (int c = 0; c < channels; c++) {
        for (int i = 0; i < w.kernelH(); i++) {
          for (int j = 0; j < w.kernelW(); j++) {
            int row = outBase + ((c * w.kernelH() + i) * w.kernelW() + j) * oh * ow;
            for (int y = 0; y < oh; y++) {
              int h = y * w.strideH() - w.padH() + i * w.dilationH();
              int at = row + y * ow;
              int base = x.offset() + n * s[0] + c * s[1] + h * s[2];
              if (fast && w.strideW() == 1) {
                copyRow((HeapStorage.Floats) in, (HeapStorage.Floats) result, base, at, h, height, width, ow,
                    j * w.dilationW() - w.padW(), (float) padValue);
                continue;
              }
              for (int xo = 0; xo < ow; xo++) {
                int col = xo * w.strideW() - w.padW() + j * w.dilationW();
                boolean inside = h >= 0 && h < height && col >= 0 && col < width;
                result.set(at + xo, inside ? in.get(base + col * s[3]) : padValue);
              }
            }
          }
        }
      }
    });
  }

  /** One output row for stride 1: a contiguous input segment, padding on either side. */
  private static void copyRow(HeapStorage.Floats in, HeapStorage.Floats out, int base, int at, int h,
      int height, int width, int ow, int firstColumn, float padValue) {
    float[] src = in.array();
    float[] dst = out.array();
    if (h < 0 || h >= height) {
      Arrays.fill(dst, at, at + ow, padValue);
      return;
    }
    int from = Math.max(0, -firstColumn);
    int to = Math.min(ow, width - firstColumn);
    Arrays.fill(dst, at, at + Math.min(from, ow), padValue);
    if (to > from) {
      System.arraycopy(src, base + firstColumn + from, dst, at + from, to - from);
    }
    Arrays.fill(dst, at + Math.max(to, from), at + ow, padValue);
  }

  /**
   * The adjoint of {@link #im2col}: adds each column entry back to the input position it was read
   * from. {@code cols} is {@code [N, C kh kw, OH OW]} with any strides; {@code out} is a fresh,
   * zero-filled, contiguous {@code [N, C, H, W]}.
   */
  public static void col2im(NdArray cols, Window2d w, NdArray out) {
    HeapStorage in = (HeapStorage) cols.storage();
    HeapStorage result = (HeapStorage) out.storage();
    int channels = out.size(1);
    int height = out.size(2);
    int width = out.size(3);
    int oh = w.outputHeight(height);
    int ow = w.outputWidth(width);
    int[] s = cols.strides();
    boolean fast = in instanceof HeapStorage.Floats && result instanceof HeapStorage.Floats && s[2] == 1;
    Parallel.forRange(out.size(0), n -> {
      for (int c = 0; c < channels; c++) {
        for (int i = 0; i < w.kernelH(); i++) {
          for (int j = 0; j < w.kernelW(); j++) {
            int row = cols.offset() + n * s[0] + ((c * w.kernelH() + i) * w.kernelW() + j) * s[1];
            int firstColumn = j * w.dilationW() - w.padW();
            // Output positions whose input column lies inside the image: from <= xo < to.
            int from = firstColumn >= 0 ? 0 : (-firstColumn + w.strideW() - 1) / w.strideW();
            int to = Math.min(ow, Math.max(0, Math.floorDiv(width - 1 - firstColumn, w.strideW()) + 1));
            for (int y = 0; y < oh; y++) {
              int h = y * w.strideH() - w.padH() + i * w.dilationH();
              if (h < 0 || h >= height) {
                continue;
              }
              int target = ((n * channels + c) * height + h) * width + firstColumn;
              int source = row + y * ow * s[2];
              if (fast) {
                float[] src = ((HeapStorage.Floats) in).array();
                float[] dst = ((HeapStorage.Floats) result).array();
                for (int xo = from; xo < to; xo++) {
                  dst[target + xo * w.strideW()] += src[source + xo];
                }
              } else {
                for (int xo = from; xo < to; xo++) {
                  int at = target + xo * w.strideW();
                  result.set(at, result.get(at) + in.get(source + xo * s[2]));
                }
              }
            }
          }
        }
      }
    });
  }
}
