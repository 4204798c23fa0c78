package dev.vectorgrad.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PyTorch's tensor printing: four decimals, scientific notation when magnitudes span too much,
 * integer-valued floats as {@code 1.}, one width for all elements, rows wrapped at 80 columns, and
 * only the first and last three entries of long dimensions once an array has more than 1000
 * elements.
 */
final class Formatter {
  private static final String PREFIX = "tensor(";
  private static final int SUMMARY_THRESHOLD = 1000;
  private static final int EDGE_ITEMS = 3;
  private static final int LINE_WIDTH = 80;

  private final NdArray array;
  private final double[] values;
  private final long[] longs;
  private final boolean summarize;
  private final String pattern;
  /** Column width; PyTorch starts from 1, which sets how many all-zero entries fit on a line. */
  private int width = 1;

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
    StringBuilder body = new StringBuilder();
    List<String> suffixes = new ArrayList<>();
    if (!array.device().isCpu()) {
      suffixes.add("device='" + array.device() + "'");
    }
    if (array.numel() == 0) {
      body.append("[]");
      if (array.rank() != 1) {
        suffixes.add("size=" + array.shape());
      }
      // No element shows an empty array's dtype, so every type but the default is named.
      if (array.dtype() != DType.F32) {
        suffixes.add("dtype=" + array.dtype().displayName());
      }
    } else {
      for (int flat : f.visibleIndices(0, 0)) {
        if (f.setsWidth(flat)) {
          f.width = Math.max(f.width, f.element(flat).length());
        }
      }
      f.appendBlock(body, 0, 0);
      if (array.dtype() != DType.F32 && array.dtype() != DType.I64 && array.dtype() != DType.BOOL) {
        suffixes.add("dtype=" + array.dtype().displayName());
      }
    }
    StringBuilder out = new StringBuilder(PREFIX).append(body);
    // PyTorch's measure of the last line (it leaves out the prefix and adds 2).
    int lastLine = body.length() - body.lastIndexOf("\n") + 1;
    for (String suffix : suffixes) {
      if (lastLine + suffix.length() + 2 > LINE_WIDTH) {
        out.append(",\n");
        pad(out, ' ', PREFIX.length());
        out.append(suffix);
        lastLine = PREFIX.length() + suffix.length();
      } else {
        out.append(", ").append(suffix);
        lastLine += suffix.length() + 2;
      }
    }
    return out.append(')').toString();
  }

  /** PyTorch sizes the columns by the nonzero finite values only; zeros, nan and inf just pad. */
  private boolean setsWidth(int flat) {
    return !array.dtype().isFloating() || (Double.isFinite(values[flat]) && values[flat] != 0);
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
    boolean spread = minAbs != Double.POSITIVE_INFINITY && maxAbs / minAbs > 1000;
    if (integral) {
      return spread || maxAbs > 1e8 ? "%.4e" : "%.0f.";
    }
    boolean tiny = minAbs != Double.POSITIVE_INFINITY && minAbs < 1e-4;
    return spread || tiny || maxAbs > 1e8 ? "%.4e" : "%.4f";
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
      pad(out, ' ', width - text.length());
      out.append(text);
      return;
    }
    out.append('[');
    boolean vector = axis == array.rank() - 1;
    int indent = PREFIX.length() + axis;
    // A vector wraps after as many "element, " cells as fit in the line; higher blocks go one per line.
    int perLine = vector ? Math.max(1, (LINE_WIDTH - indent) / (width + 2)) : 1;
    int count = 0;
    for (int i : positions(axis)) {
      if (count > 0) {
        out.append(',');
        if (count % perLine != 0) {
          out.append(' ');
        } else {
          pad(out, '\n', vector ? 1 : array.rank() - 1 - axis);
          pad(out, ' ', indent + 1);
        }
      }
      count++;
      if (i < 0) {
        out.append(vector ? " ..." : "...");
      } else {
        appendBlock(out, axis + 1, base * array.size(axis) + i);
      }
    }
    out.append(']');
  }

  /** Appends {@code count} copies of {@code c} (String.repeat is missing on Android 26). */
  private static void pad(StringBuilder out, char c, int count) {
    for (int i = 0; i < count; i++) {
      out.append(c);
    }
  }
}
