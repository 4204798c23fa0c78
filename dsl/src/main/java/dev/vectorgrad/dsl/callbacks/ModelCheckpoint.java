package dev.vectorgrad.dsl.callbacks;

import dev.vectorgrad.dsl.Callback;
import dev.vectorgrad.layers.io.SafeTensors;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.VectorgradException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Saves the model during training, as Keras' {@code ModelCheckpoint}: after every epoch (or every
 * {@link #saveFreq} batches), or with {@link #saveBestOnly} only when the monitored value beats the
 * best so far. The file path is a Python format string over {@code epoch} (from 1, as Keras
 * counts), {@code batch} (from 1, when saving by batches) and the logged values: {@code
 * "ckpt/model.{epoch:02d}-{val_loss:.2f}.safetensors"}. Writes are atomic; missing directories are
 * created.
 *
 * <p>A full save ({@link dev.vectorgrad.dsl.Model#save}) is loaded with {@link
 * dev.vectorgrad.dsl.Models#load}; with {@link #saveWeightsOnly} the file holds just the state dict
 * ({@code safetensors.torch.load_file} reads it too), loaded with {@code model.load(path)}.
 */
public final class ModelCheckpoint extends Callback {
  private final String filepath;
  private String monitorName = "val_loss";
  private Mode mode = Mode.AUTO;
  private boolean saveBestOnly;
  private boolean saveWeightsOnly;
  private int saveFreqBatches;

  // Replaced at every train begin with the configured name and mode.
  private Monitor monitor = new Monitor(monitorName, mode, "ModelCheckpoint");
  private double best;
  private int epoch;
  private int batchesSinceSave;

  /** Saves to {@code filepath}, a path that may hold {@code {epoch}}-style fields. */
  public ModelCheckpoint(String filepath) {
    this.filepath = filepath;
  }

  public ModelCheckpoint(Path filepath) {
    this(filepath.toString());
  }

  /** The log value that decides the best epoch; default {@code "val_loss"}. */
  public ModelCheckpoint monitor(String name) {
    monitorName = name;
    return this;
  }

  public ModelCheckpoint mode(Mode value) {
    mode = value;
    return this;
  }

  /** Saves only when the monitored value improves (a fixed path then always holds the best model). */
  public ModelCheckpoint saveBestOnly(boolean value) {
    saveBestOnly = value;
    return this;
  }

  /** Saves only the weights (state dict) instead of the whole model. */
  public ModelCheckpoint saveWeightsOnly(boolean value) {
    saveWeightsOnly = value;
    return this;
  }

  /**
   * Saves every {@code batches} training batches (counted across epochs) instead of at epoch ends;
   * Keras' integer {@code save_freq}. The monitored value is then the running one of the epoch.
   */
  public ModelCheckpoint saveFreq(int batches) {
    if (batches <= 0) {
      throw new VectorgradException("ModelCheckpoint: save frequency must be positive, got " + batches);
    }
    saveFreqBatches = batches;
    return this;
  }

  @Override
  public void onTrainBegin(Map<String, Double> logs) {
    monitor = new Monitor(monitorName, mode, "ModelCheckpoint");
    best = monitor.worst();
    batchesSinceSave = 0;
  }

  @Override
  public void onEpochBegin(int value, Map<String, Double> logs) {
    epoch = value;
  }

  @Override
  public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
    if (saveFreqBatches > 0 && ++batchesSinceSave >= saveFreqBatches) {
      batchesSinceSave = 0;
      save(epoch, batch, logs);
    }
  }

  @Override
  public void onEpochEnd(int value, Map<String, Double> logs) {
    if (saveFreqBatches == 0) {
      save(value, null, logs);
    }
  }

  private void save(int epochIndex, @Nullable Integer batch, Map<String, Double> logs) {
    if (saveBestOnly) {
      Double current = monitor.read(logs);
      // Without the value Keras saves anyway (after the warning) rather than lose the epoch.
      if (current != null) {
        if (!monitor.improves(current, best, 0)) {
          return;
        }
        best = current;
      }
    }
    Path file = Paths.get(PythonFormat.format(filepath, fields(epochIndex, batch, logs)));
    createParent(file);
    if (saveWeightsOnly) {
      // Module.save's state-dict file; Model overrides save with the full model file.
      Map<String, NdArray> arrays = new LinkedHashMap<>();
      model().stateDict().forEach((name, t) -> arrays.put(name, t.data()));
      SafeTensors.save(file, arrays, Collections.singletonMap("format", "pt"));
    } else {
      model().save(file);
    }
  }

  private static Map<String, Object> fields(int epochIndex, @Nullable Integer batch, Map<String, Double> logs) {
    Map<String, Object> fields = new LinkedHashMap<>(logs);
    fields.put("epoch", epochIndex + 1);
    if (batch != null) {
      fields.put("batch", batch + 1);
    }
    return fields;
  }

  private static void createParent(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("ModelCheckpoint: cannot create " + parent, e);
    }
  }
}
