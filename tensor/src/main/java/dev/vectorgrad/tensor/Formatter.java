package dev.vectorgrad.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PyTorch's tensor printing: four decimals, scientific notation when magnitudes span too much,
 * integer-valued floats as {@code 1.}, one width for all elements, and only the first and last
 * three entries of long dimensions once an array has more than 1000 elements.
 */
final class Formatter {
  private static final String PREFIX = "tensor(";
  private static final int SUMMARY_THRESHOLD = 1000;
  private static final int EDGE_ITEMS = 3;

  private final NdArray array;
  private final double[] values;
  private final long[] longs;
  private final boolean summarize;
  private final String pattern;
  private int width;

  private Formatter(NdArray array) {
    this.array = array;
    this.summarize = array.numel() > SUMMARY_THRESHOLD;
    boolean floating = array.dtype().isFloating();
    this.values = floating ? array.toDoubleArray() : new double[0];
    this.longs = floating ? new long[0] : array.toLongArray();
    this.pattern = floating ? floatPattern() : "";
  }

  static String format(NdArray array) {
    Formatter f = new Formatter(array);
    StringBuilder out = new StringBuilder(PREFIX);
    if (array.numel() == 0) {
      out.append("[]");
      if (array.rank() != 1) {
        out.append(", size=").append(array.shape());
      }
    } else {
      for (int flat : f.visibleIndices(0, 0)) {
        f.width = Math.max(f.width, f.element(flat).length());
      }
      f.appendBlock(out, 0, 0);
    }
    if (array.dtype() != DType.F32 && array.dtype() != DType.I64 && array.dtype() != DType.BOOL) {
      out.append(", dtype=").append(array.dtype().displayName());
    }
    if (!array.device().isCpu()) {
      out.append(", device='").append(array.device()).append('\'');
    }
    return out.append(')').toString();
  }

  /** Chooses PyTorch's format from the finite values that will be shown. */
  private String floatPattern() {
    double maxAbs = 0;
    double minAbs = Double.POSITIVE_INFINITY;
    boolean integral = true;
    boolean any = false;
    for (int flat : visibleIndices(0, 0)) {
      double v = values[flat];
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        continue;
      }
      any = true;
      integral &= v == Math.rint(v);
      double a = Math.abs(v);
      maxAbs = Math.max(maxAbs, a);
      if (a > 0) {
        minAbs = Math.min(minAbs, a);
      }
    }
    if (!any) {
      return "%.4f";
    }
    if (integral) {
      return maxAbs > 1e8 ? "%.4e" : "%.0f.";
    }
    boolean wide = minAbs != Double.POSITIVE_INFINITY && (maxAbs / minAbs > 1000 || minAbs < 1e-4);
    return wide || maxAbs > 1e8 ? "%.4e" : "%.4f";
  }

  private String element(int flat) {
    switch (array.dtype()) {
      case BOOL:
        return longs[flat] != 0 ? "True" : "False";
      case I32:
      case I64:
        return Long.toString(longs[flat]);
      case F32:
      case F64:
        double v = values[flat];
        if (Double.isNaN(v)) {
          return "nan";
        }
        if (Double.isInfinite(v)) {
          return v > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, pattern, v);
    }
    throw new AssertionError(array.dtype());
  }

  /** Positions along {@code axis} to print; -1 marks the "..." gap of a summarised dimension. */
  private List<Integer> positions(int axis) {
    int size = array.size(axis);
    List<Integer> shown = new ArrayList<>();
    boolean cut = summarize && size > 2 * EDGE_ITEMS;
    for (int i = 0; i < size; i++) {
      if (cut && i == EDGE_ITEMS) {
        shown.add(-1);
        i = size - EDGE_ITEMS;
      }
      shown.add(i);
    }
    return shown;
  }

  /** Flat row-major indices of the elements that will be printed. */
  private List<Integer> visibleIndices(int axis, int base) {
    List<Integer> out = new ArrayList<>();
    if (axis == array.rank()) {
      out.add(base);
      return out;
    }
    for (int i : positions(axis)) {
      if (i >= 0) {
        out.addAll(visibleIndices(axis + 1, base * array.size(axis) + i));
      }
    }
    return out;
  }

  private void appendBlock(StringBuilder out, int axis, int base) {
    if (axis == array.rank()) {
      String text = element(base);
      for (int pad = text.length(); pad < width; pad++) {
        out.append(' ');
      }
      out.append(text);
      return;
    }
    out.append('[');
    boolean first = true;
    for (int i : positions(axis)) {
      if (!first) {
        out.append(',');
        if (axis == array.rank() - 1) {
          out.append(' ');
        } else {
          for (int line = axis; line < array.rank() - 1; line++) {
            out.append('\n');
          }
          for (int pad = 0; pad < PREFIX.length() + axis + 1; pad++) {
            out.append(' ');
          }
        }
      }
      first = false;
      if (i < 0) {
        out.append("...");
      } else {
        appendBlock(out, axis + 1, base * array.size(axis) + i);
      }
    }
    out.append(']');
  }
}
