package dev.vectorgrad.dsl.callbacks;

import dev.vectorgrad.dsl.Callback;
import dev.vectorgrad.dsl.Models;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Makes a {@code fit} that was interrupted (a crash, a killed process) continue where it left off
 * when it is run again with the same backup directory, as Keras' {@code BackupAndRestore}. After
 * every epoch a checkpoint ({@link Models#saveCheckpoint}: weights, optimizer state, the next epoch
 * and the random generator's state) is written atomically to {@code backupDir/checkpoint.safetensors};
 * at train begin an existing checkpoint is restored and the fit resumes at its epoch. Because the
 * data order depends only on the fit's seed and the epoch, the resumed run ends with the same
 * weights, bit for bit, as one that was never interrupted. A fit that ends normally (early
 * stopping included) deletes the checkpoint, unless {@link #deleteCheckpoint} says otherwise.
 *
 * <p>The rerun must build and compile the model as the first run did, with the same fit options.
 * List this callback after those that change the model at an epoch's end (ReduceLROnPlateau), so
 * its checkpoint holds their changes; the other callbacks' own counters start afresh, as in Keras.
 */
public final class BackupAndRestore extends Callback {
  private final Path backupDir;
  private final Path checkpoint;
  private boolean deleteCheckpoint = true;

  public BackupAndRestore(Path backupDir) {
    this.backupDir = backupDir;
    this.checkpoint = backupDir.resolve("checkpoint.safetensors");
  }

  /** Whether a fit that ends normally deletes its checkpoint (default true, as in Keras). */
  public BackupAndRestore deleteCheckpoint(boolean value) {
    deleteCheckpoint = value;
    return this;
  }

  /** Where the checkpoint is written. */
  public Path checkpoint() {
    return checkpoint;
  }

  @Override
  public void onTrainBegin(Map<String, Double> logs) {
    if (Files.exists(checkpoint)) {
      model().resumeAt(Models.restoreCheckpoint(model(), checkpoint));
    }
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    try {
      Files.createDirectories(backupDir);
    } catch (IOException e) {
      throw new UncheckedIOException("BackupAndRestore: cannot create " + backupDir, e);
    }
    Models.saveCheckpoint(model(), checkpoint, epoch + 1);
  }

  @Override
  public void onTrainEnd(Map<String, Double> logs) {
    if (deleteCheckpoint) {
      try {
        Files.deleteIfExists(checkpoint);
      } catch (IOException e) {
        throw new UncheckedIOException("BackupAndRestore: cannot delete " + checkpoint, e);
      }
    }
  }
}
