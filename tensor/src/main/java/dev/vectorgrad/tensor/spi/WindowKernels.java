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
   * {@code out} is a fresh {@code [N, C kh kw, OH OW]} with a unit last stride (rows in either
   * order: convolution stores it as {@code [C kh kw, N, OH OW]}).
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
    int[] os = out.strides();
    boolean fast = in instanceof HeapStorage.Floats && result instanceof HeapStorage.Floats && s[3] == 1;
    Parallel.forRange(x.size(0), n -> {
      int outBase = out.offset() + n * os[0];
      for (int c = 0; c < channels; c++) {
        for (int i = 0; i < w.kernelH(); i++) {
          for (int j = 0; j < w.kernelW(); j++) {
            int row = outBase + ((c * w.kernelH() + i) * w.kernelW() + j) * os[1];
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
    if (h >= 0 && h < height && firstColumn >= 0 && firstColumn + ow <= width) {
      // No padding, the common case: the fills below cost more than this short copy.
      System.arraycopy(src, base + firstColumn, dst, at, ow);
      return;
    }
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

  /**
   * {@code out[n][c][y][xo] = h W + w} of the maximum of the window at {@code (y, xo)}, visited row
   * by row: PyTorch's rule, so the first maximum wins a tie and a NaN always wins (the last one, if
   * several); padding is skipped, and a window of only -inf points at its first position inside the
   * image. {@code x} is {@code [N, C, H, W]} with any strides (compared as doubles); {@code out} is a fresh
   * contiguous I64 {@code [N, C, OH, OW]}. Indices rather than values, so that the values are a
   * gather and the gradient its adjoint, a scatter to exactly the positions that won.
   */
  public static void maxPool2dIndices(NdArray x, Window2d w, NdArray out) {
    HeapStorage in = (HeapStorage) x.storage();
    float[] floats = in instanceof HeapStorage.Floats ? ((HeapStorage.Floats) in).array() : null;
    long[] result = ((HeapStorage.Longs) out.storage()).array();
    int channels = x.size(1);
    int height = x.size(2);
    int width = x.size(3);
    int oh = out.size(2);
    int ow = out.size(3);
    int[] s = x.strides();
    Parallel.forRange(x.size(0), n -> {
      for (int c = 0; c < channels; c++) {
        int plane = x.offset() + n * s[0] + c * s[1];
        int at = out.offset() + (n * channels + c) * oh * ow;
        for (int y = 0; y < oh; y++) {
          int top = y * w.strideH() - w.padH();
          int firstI = firstInside(top, w.dilationH());
          int endI = endInside(top, w.dilationH(), w.kernelH(), height);
          for (int xo = 0; xo < ow; xo++, at++) {
            int left = xo * w.strideW() - w.padW();
            int firstJ = firstInside(left, w.dilationW());
            int endJ = endInside(left, w.dilationW(), w.kernelW(), width);
            int best = (top + firstI * w.dilationH()) * width + left + firstJ * w.dilationW();
            double max = Double.NEGATIVE_INFINITY;
            for (int i = firstI; i < endI; i++) {
              int h = top + i * w.dilationH();
              for (int j = firstJ; j < endJ; j++) {
                int col = left + j * w.dilationW();
                int from = plane + h * s[2] + col * s[3];
                double v = floats != null ? floats[from] : in.get(from);
                // Selects rather than branches: on real data the comparison is a coin flip.
                boolean wins = v > max | v != v;
                best = wins ? h * width + col : best;
                max = wins ? v : max;
              }
            }
            result[at] = best;
          }
        }
      }
    });
  }

  /** The first window offset {@code i} with {@code start + i dilation >= 0}. */
  private static int firstInside(int start, int dilation) {
    return start >= 0 ? 0 : (-start + dilation - 1) / dilation;
  }

  /** One past the last window offset {@code i < kernel} with {@code start + i dilation < size}. */
  private static int endInside(int start, int dilation, int kernel, int size) {
    return Math.min(kernel, Math.floorDiv(size - 1 - start, dilation) + 1);
  }
}
