package dev.vectorgrad.dsl;

import dev.vectorgrad.layers.io.AtomicFiles;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link Model#fit} returns, like Keras' {@code History}: the epochs run and, for each logged
 * value ({@code loss}, {@code accuracy}, {@code val_loss}, ...), its value after each epoch.
 */
public final class History extends Callback {
  private final List<Integer> epochs = new ArrayList<>();
  private final Map<String, List<Double>> values = new LinkedHashMap<>();

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    epochs.add(epoch);
    logs.forEach((key, value) -> values.computeIfAbsent(key, k -> new ArrayList<>()).add(value));
  }

  /** The epochs that ran (from 0, or from the initial epoch). */
  public List<Integer> epochs() {
    return new ArrayList<>(epochs);
  }

  /** Each logged name with its value per epoch. */
  public Map<String, List<Double>> history() {
    Map<String, List<Double>> copy = new LinkedHashMap<>();
    values.forEach((k, v) -> copy.put(k, new ArrayList<>(v)));
    return copy;
  }

  /** The values of one logged name, e.g. {@code history.get("val_loss")}. */
  public List<Double> get(String name) {
    List<Double> v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("History has no '" + name + "'; it has " + values.keySet());
    }
    return new ArrayList<>(v);
  }

  /** Writes the curves as an SVG image: one panel for losses, one for the other metrics. */
  public void plot(Path file) {
    byte[] svg = HistoryPlot.svg(epochs, values).getBytes(StandardCharsets.UTF_8);
    AtomicFiles.write(file, channel -> channel.write(ByteBuffer.wrap(svg)));
  }

  @Override
  public String toString() {
    return "History" + values;
  }
}
