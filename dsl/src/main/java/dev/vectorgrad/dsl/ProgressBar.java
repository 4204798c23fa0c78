package dev.vectorgrad.dsl;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Map;

/**
 * Keras' progress output. On a terminal: {@code Epoch 3/15}, then a bar redrawn in place,
 * {@code 422/422 [==============================] - 12s 28ms/step - loss: 0.0412 - accuracy:
 * 0.9871}. Elsewhere (CI logs, files) one line per epoch, so logs stay readable.
 */
final class ProgressBar extends Callback {
  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintStream out;
  private final boolean live;
  private final int epochs;
  private final int steps;
  private long epochStart;
  private long lastDraw;
  private int epoch;

  ProgressBar(PrintStream out, boolean live, int epochs, int steps) {
    this.out = out;
    this.live = live;
    this.epochs = epochs;
    this.steps = steps;
  }

  /** Whether {@code System.out} is an interactive terminal (JDK 22+ can tell; older JDKs: a console exists). */
  static boolean isTerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = java.io.Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  @Override
  public void onEpochBegin(int value, Map<String, Double> logs) {
    epoch = value;
    epochStart = System.nanoTime();
    lastDraw = 0;
    if (live) {
      out.println("Epoch " + (epoch + 1) + "/" + epochs);
    }
  }

  @Override
  public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
    long now = System.nanoTime();
    if (live && (now - lastDraw >= REDRAW_NANOS || batch + 1 == steps)) {
      lastDraw = now;
      out.print("\r" + bar(batch + 1) + " - " + timing(batch + 1, now) + values(logs));
      out.flush();
    }
  }

  @Override
  public void onEpochEnd(int value, Map<String, Double> logs) {
    long now = System.nanoTime();
    if (live) {
      out.println("\r" + bar(steps) + " - " + timing(steps, now) + values(logs));
    } else {
      out.println("Epoch " + (epoch + 1) + "/" + epochs + " - " + timing(steps, now) + values(logs));
    }
    out.flush();
  }

  private String bar(int done) {
    String count = String.valueOf(steps);
    StringBuilder b = new StringBuilder();
    for (int i = String.valueOf(done).length(); i < count.length(); i++) {
      b.append(' ');
    }
    b.append(done).append('/').append(count).append(" [");
    int filled = steps == 0 ? WIDTH : (int) ((long) WIDTH * done / steps);
    for (int i = 0; i < WIDTH; i++) {
      b.append(i < filled - 1 || (i == filled - 1 && done == steps) ? '=' : i == filled - 1 ? '>' : '.');
    }
    return b.append(']').toString();
  }

  private String timing(int done, long now) {
    double seconds = (now - epochStart) / 1e9;
    double perStep = done == 0 ? 0 : seconds / done * 1000;
    return String.format(Locale.ROOT, "%ds %dms/step", Math.round(seconds), Math.round(perStep));
  }

  private static String values(Map<String, Double> logs) {
    StringBuilder b = new StringBuilder();
    logs.forEach((name, v) -> b.append(" - ").append(name).append(": ").append(format(v)));
    return b.toString();
  }

  static String format(double v) {
    return Math.abs(v) >= 1e-3 || v == 0 ? String.format(Locale.ROOT, "%.4f", v) : String.format(Locale.ROOT, "%.4e", v);
  }
}
