package dev.vectorgrad.layers.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Crash-safe file replacement: write a temporary file next to the target, force it to disk, then
 * rename it over the target in one atomic step. Readers see the old file or the new one, never a
 * half-written one.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes into the channel it is given. */
  public interface Writer {
    void write(FileChannel channel) throws IOException;
  }

  public static void write(Path target, Writer writer) {
    Path absolute = target.toAbsolutePath();
    Path directory = absolute.getParent();
    Path temporary = null;
    try {
      Files.createDirectories(directory);
      temporary = Files.createTempFile(directory, "." + absolute.getFileName(), ".tmp");
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        writer.write(channel);
        channel.force(true);
      }
      try {
        Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new ModelFormatException(target + ": the file system cannot replace files atomically", e);
      }
      temporary = null;
    } catch (IOException e) {
      throw new ModelFormatException(target + ": cannot write: " + e.getMessage(), e);
    } finally {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
          // the write already failed; a leftover hidden temp file is the lesser problem
        }
      }
    }
  }
}
