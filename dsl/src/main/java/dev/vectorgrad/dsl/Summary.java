package dev.vectorgrad.dsl;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.Module;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Keras' {@code model.summary()} table and a Graphviz picture of a model. */
final class Summary {
  private Summary() {}

  private static final int[] COLUMNS = {34, 26, 12};

  static String render(Model model) {
    Graph graph = model.graph();
    boolean functional = graph != null && !(model instanceof Sequential);
    StringBuilder out = new StringBuilder("Model: \"").append(model.name()).append("\"\n");
    String rule = repeat('_', COLUMNS[0] + COLUMNS[1] + COLUMNS[2] + (functional ? 20 : 0));
    out.append(rule).append('\n');
    out.append(row(functional, "Layer (type)", "Output Shape", "Param #", "Connected to")).append('\n');
    out.append(repeat('=', rule.length())).append('\n');
    List<String> rows = new ArrayList<>();
    if (graph != null && functional) {
      for (Input in : graph.inputs) {
        rows.add(row(true, in.name() + " (InputLayer)", Shapes.withBatch(in.shape()), "0", ""));
      }
    }
    if (graph != null) {
      for (SymbolicTensor step : graph.steps) {
        Layer layer = step.layer();
        rows.add(row(functional, layer.describe(), Shapes.withBatch(step.shape()),
            String.format(Locale.ROOT, "%,d", ownParameters(layer)), String.join(", ", Graph.inboundNames(step))));
      }
    } else {
      for (Layer layer : model.layers()) {
        rows.add(row(false, layer.describe(), layer.isBuilt() ? "?" : "(unbuilt)",
            String.format(Locale.ROOT, "%,d", ownParameters(layer)), ""));
      }
    }
    out.append(String.join("\n" + repeat('_', rule.length()) + "\n", rows)).append('\n');
    out.append(repeat('=', rule.length())).append('\n');
    long trainable = 0;
    long frozen = 0;
    for (Tensor t : model.stateDict().values()) {
      boolean learns = t.requiresGrad();
      trainable += learns ? t.numel() : 0;
      frozen += learns ? 0 : t.numel();
    }
    out.append(totals("Total params", trainable + frozen)).append(totals("Trainable params", trainable))
        .append(totals("Non-trainable params", frozen)).append(rule).append('\n');
    return out.toString();
  }

  /** Weights and buffers of the layer (shared layers count once, at every use, as Keras shows them). */
  private static long ownParameters(Layer layer) {
    Module module = layer.module();
    long count = 0;
    if (module != null) {
      for (Tensor t : module.stateDict().values()) {
        count += t.numel();
      }
    }
    return count;
  }

  private static String totals(String label, long count) {
    return String.format(Locale.ROOT, "%s: %,d (%s)%n", label, count, bytes(count * 4));
  }

  private static String bytes(long n) {
    return n < 1024 ? n + ".00 B" : n < 1 << 20 ? String.format(Locale.ROOT, "%.2f KB", n / 1024.0)
        : String.format(Locale.ROOT, "%.2f MB", n / 1048576.0);
  }

  private static String row(boolean functional, String layer, String shape, String params, String connected) {
    StringBuilder b = new StringBuilder();
    b.append(pad(layer, COLUMNS[0])).append(pad(shape, COLUMNS[1])).append(pad(params, COLUMNS[2]));
    if (functional) {
      b.append(connected);
    }
    return b.toString().replaceAll("\\s+$", "");
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s + " " : s + repeat(' ', width - s.length());
  }

  private static String repeat(char c, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(c);
    }
    return b.toString();
  }

  /** The model as a Graphviz DOT graph: one box per input and layer, edges along the data. */
  static String dot(Model model) {
    Graph graph = model.graph();
    StringBuilder out = new StringBuilder("digraph \"").append(model.name()).append("\" {\n  node [shape=record];\n");
    if (graph == null) {
      return out.append("}\n").toString();
    }
    for (Input in : graph.inputs) {
      out.append("  \"").append(in.name()).append("\" [label=\"").append(in.name()).append(" (InputLayer) | ")
          .append(Shapes.withBatch(in.shape())).append("\"];\n");
    }
    for (SymbolicTensor step : graph.steps) {
      Layer layer = step.layer();
      out.append("  \"").append(layer.name()).append("\" [label=\"").append(layer.describe()).append(" | ")
          .append(Shapes.withBatch(step.shape())).append("\"];\n");
    }
    for (SymbolicTensor step : graph.steps) {
      for (String from : Graph.inboundNames(step)) {
        out.append("  \"").append(from).append("\" -> \"").append(step.layer().name()).append("\";\n");
      }
    }
    return out.append("}\n").toString();
  }
}
