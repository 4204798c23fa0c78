package dev.vectorgrad.tensor;

/** Float64 references for the windowed ops, written as direct loops over output positions. */
final class WindowReference {
  private WindowReference() {}

  private static double pixel(Reference x, int n, int c, int h, int w, double pad) {
    boolean inside = h >= 0 && h < x.size(2) && w >= 0 && w < x.size(3);
    return inside ? x.at(n, c, h, w) : pad;
  }

  private static int rowOf(Window2d win, int y, int i) {
    return y * win.strideH() - win.padH() + i * win.dilationH();
  }

  private static int colOf(Window2d win, int x, int j) {
    return x * win.strideW() - win.padW() + j * win.dilationW();
  }

  static Reference im2col(Reference x, Window2d win, double pad) {
    int oh = win.outputHeight(x.size(2));
    int ow = win.outputWidth(x.size(3));
    int k = win.kernelH() * win.kernelW();
    return Reference.tabulate(new int[] {x.size(0), x.size(1) * k, oh * ow}, at -> {
      int c = at[1] / k;
      int i = at[1] % k / win.kernelW();
      int j = at[1] % win.kernelW();
      return pixel(x, at[0], c, rowOf(win, at[2] / ow, i), colOf(win, at[2] % ow, j), pad);
    });
  }

  static Reference col2im(Reference cols, int height, int width, Window2d win) {
    int k = win.kernelH() * win.kernelW();
    int channels = cols.size(1) / k;
    int oh = win.outputHeight(height);
    int ow = win.outputWidth(width);
    double[] out = new double[cols.size(0) * channels * height * width];
    for (int n = 0; n < cols.size(0); n++) {
      for (int r = 0; r < cols.size(1); r++) {
        for (int l = 0; l < oh * ow; l++) {
          int h = rowOf(win, l / ow, r % k / win.kernelW());
          int w = colOf(win, l % ow, r % win.kernelW());
          if (h >= 0 && h < height && w >= 0 && w < width) {
            out[((n * channels + r / k) * height + h) * width + w] += cols.at(n, r, l);
          }
        }
      }
    }
    return new Reference(out, cols.size(0), channels, height, width);
  }

  /** Every output gradient entry times the weights, added back to the input pixels its window read. */
  static Reference conv2dInputGrad(Reference grad, Reference weight, int height, int width, Window2d win, int groups) {
    int perGroupIn = weight.size(1);
    int perGroupOut = weight.size(0) / groups;
    int channels = perGroupIn * groups;
    double[] out = new double[grad.size(0) * channels * height * width];
    for (int n = 0; n < grad.size(0); n++) {
      for (int o = 0; o < grad.size(1); o++) {
        for (int y = 0; y < grad.size(2); y++) {
          for (int x = 0; x < grad.size(3); x++) {
            for (int ci = 0; ci < perGroupIn; ci++) {
              for (int i = 0; i < win.kernelH(); i++) {
                for (int j = 0; j < win.kernelW(); j++) {
                  int h = rowOf(win, y, i);
                  int w = colOf(win, x, j);
                  if (h >= 0 && h < height && w >= 0 && w < width) {
                    int c = o / perGroupOut * perGroupIn + ci;
                    out[((n * channels + c) * height + h) * width + w] += grad.at(n, o, y, x) * weight.at(o, ci, i, j);
                  }
                }
              }
            }
          }
        }
      }
    }
    return new Reference(out, grad.size(0), channels, height, width);
  }

  /** Each weight's gradient: its output channel's gradient times the pixels it met, over images and positions. */
  static Reference conv2dWeightGrad(Reference grad, Reference x, Window2d win, int groups) {
    int perGroupIn = x.size(1) / groups;
    int perGroupOut = grad.size(1) / groups;
    return Reference.tabulate(new int[] {grad.size(1), perGroupIn, win.kernelH(), win.kernelW()}, at -> {
      int c = at[0] / perGroupOut * perGroupIn + at[1];
      double sum = 0;
      for (int n = 0; n < grad.size(0); n++) {
        for (int y = 0; y < grad.size(2); y++) {
          for (int w = 0; w < grad.size(3); w++) {
            sum += grad.at(n, at[0], y, w) * pixel(x, n, c, rowOf(win, y, at[2]), colOf(win, w, at[3]), 0);
          }
        }
      }
      return sum;
    });
  }

  static Reference conv2d(Reference x, Reference weight, Reference bias, Window2d win, int groups) {
    int outChannels = weight.size(0);
    int perGroupIn = weight.size(1);
    int perGroupOut = outChannels / groups;
    int oh = win.outputHeight(x.size(2));
    int ow = win.outputWidth(x.size(3));
    return Reference.tabulate(new int[] {x.size(0), outChannels, oh, ow}, at -> {
      int o = at[1];
      int group = o / perGroupOut;
      double sum = bias == null ? 0 : bias.at(o);
      for (int ci = 0; ci < perGroupIn; ci++) {
        for (int i = 0; i < win.kernelH(); i++) {
          for (int j = 0; j < win.kernelW(); j++) {
            double v = pixel(x, at[0], group * perGroupIn + ci, rowOf(win, at[2], i), colOf(win, at[3], j), 0);
            sum += v * weight.at(o, ci, i, j);
          }
        }
      }
      return sum;
    });
  }

  static Reference pool(Reference x, Window2d win, boolean max) {
    int oh = win.outputHeight(x.size(2));
    int ow = win.outputWidth(x.size(3));
    return Reference.tabulate(new int[] {x.size(0), x.size(1), oh, ow}, at -> {
      double acc = max ? Double.NEGATIVE_INFINITY : 0;
      for (int i = 0; i < win.kernelH(); i++) {
        for (int j = 0; j < win.kernelW(); j++) {
          double v = pixel(x, at[0], at[1], rowOf(win, at[2], i), colOf(win, at[3], j),
              max ? Double.NEGATIVE_INFINITY : 0);
          acc = max ? Math.max(acc, v) : acc + v;
        }
      }
      return max ? acc : acc / (win.kernelH() * win.kernelW());
    });
  }

  /**
   * PyTorch's max-pool indices: {@code h W + w} of the window maximum in row-major window order, the
   * first of a tie, a NaN replacing whatever came before; padding skipped.
   */
  static Reference maxIndices(Reference x, Window2d win) {
    int oh = win.outputHeight(x.size(2));
    int ow = win.outputWidth(x.size(3));
    return Reference.tabulate(new int[] {x.size(0), x.size(1), oh, ow}, at -> {
      int best = -1;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < win.kernelH(); i++) {
        for (int j = 0; j < win.kernelW(); j++) {
          int h = rowOf(win, at[2], i);
          int w = colOf(win, at[3], j);
          if (h < 0 || h >= x.size(2) || w < 0 || w >= x.size(3)) {
            continue;
          }
          double v = x.at(at[0], at[1], h, w);
          if (best < 0 || v > max || Double.isNaN(v)) {
            best = h * x.size(3) + w;
            max = v;
          }
        }
      }
      return best;
    });
  }

  static Reference adaptiveAverage(Reference x, int outH, int outW) {
    int height = x.size(2);
    int width = x.size(3);
    return Reference.tabulate(new int[] {x.size(0), x.size(1), outH, outW}, at -> {
      int top = (int) Math.floor((double) at[2] * height / outH);
      int bottom = (int) Math.ceil((double) (at[2] + 1) * height / outH);
      int left = (int) Math.floor((double) at[3] * width / outW);
      int right = (int) Math.ceil((double) (at[3] + 1) * width / outW);
      double sum = 0;
      for (int h = top; h < bottom; h++) {
        for (int w = left; w < right; w++) {
          sum += x.at(at[0], at[1], h, w);
        }
      }
      return sum / ((bottom - top) * (right - left));
    });
  }
}
