package dev.vectorgrad.dsl;

import dev.vectorgrad.layers.io.ModelFormatException;
import java.nio.file.Path;

/** Loading saved models (Keras' {@code load_model}) and training checkpoints. */
public final class Models {
  private Models() {}

  /**
   * Reads a model written by {@link Model#save}: architecture, weights, compile settings and optimizer
   * state. Every part is validated before weights are allocated.
   *
   * @throws ModelFormatException for a corrupt, truncated or hostile file, or an unregistered layer type
   */
  public static Model load(Path file) {
    return ModelFile.load(file, true);
  }

  /** As {@link #load(Path)}; with {@code compile} false the compile settings are ignored (custom losses). */
  public static Model load(Path file, boolean compile) {
    return ModelFile.load(file, compile);
  }

  /**
   * Writes a checkpoint (atomically): weights, optimizer state, the epoch to continue with and the
   * random generator's state, so {@link #restoreCheckpoint} continues bit-identically.
   */
  public static void saveCheckpoint(Model model, Path file, int nextEpoch) {
    ModelFile.save(model, file, true, nextEpoch);
  }

  /** Restores a checkpoint into the same compiled model; returns the epoch to continue with. */
  public static int restoreCheckpoint(Model model, Path file) {
    return ModelFile.restore(model, file);
  }
}
