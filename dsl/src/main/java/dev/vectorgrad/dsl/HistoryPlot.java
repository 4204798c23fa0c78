package dev.vectorgrad.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws training curves as SVG: losses in the left panel, other metrics in the right one, each
 * curve a polyline over the epochs with a legend; validation curves are dashed.
 */
final class HistoryPlot {
  private HistoryPlot() {}

  private static final int PANEL = 400;
  private static final int MARGIN = 50;
  private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"};

  static String svg(List<Integer> epochs, Map<String, List<Double>> values) {
    Map<String, List<Double>> losses = new java.util.LinkedHashMap<>();
    Map<String, List<Double>> others = new java.util.LinkedHashMap<>();
    values.forEach((k, v) -> (k.endsWith("loss") ? losses : others).put(k, v));
    int width = 2 * (PANEL + 2 * MARGIN);
    int height = PANEL + 2 * MARGIN;
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
        width, height));
    out.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    panel(out, 0, "loss", epochs, losses);
    panel(out, PANEL + 2 * MARGIN, "metrics", epochs, others);
    return out.append("</svg>\n").toString();
  }

  private static void panel(StringBuilder out, int left, String title, List<Integer> epochs, Map<String, List<Double>> curves) {
    int x0 = left + MARGIN;
    int y0 = MARGIN;
    out.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>%n",
        x0, y0, PANEL, PANEL));
    out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
        x0 + PANEL / 2, y0 - 10, title));
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (List<Double> c : curves.values()) {
      for (double v : c) {
        if (Double.isFinite(v)) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    if (curves.isEmpty() || epochs.isEmpty() || !(max >= min)) {
      return;
    }
    double span = max > min ? max - min : 1;
    out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.4g</text>%n", x0 - 4, y0 + 4, max));
    out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.4g</text>%n",
        x0 - 4, y0 + PANEL, min));
    out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">epoch %d to %d</text>%n",
        x0 + PANEL / 2, y0 + PANEL + 20, epochs.get(0) + 1, epochs.get(epochs.size() - 1) + 1));
    int colour = 0;
    for (Map.Entry<String, List<Double>> c : curves.entrySet()) {
      List<String> points = new ArrayList<>();
      List<Double> v = c.getValue();
      for (int i = 0; i < v.size(); i++) {
        if (Double.isFinite(v.get(i))) {
          double x = x0 + (v.size() == 1 ? PANEL / 2.0 : PANEL * i / (double) (v.size() - 1));
          double y = y0 + PANEL * (1 - (v.get(i) - min) / span);
          points.add(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
        }
      }
      String color = COLORS[colour % COLORS.length];
      String dash = c.getKey().startsWith("val_") ? " stroke-dasharray=\"6,4\"" : "";
      out.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"%s\"/>%n",
          color, dash, String.join(" ", points)));
      out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n",
          x0 + 10, y0 + 20 + 16 * colour, color, escape(c.getKey())));
      colour++;
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
