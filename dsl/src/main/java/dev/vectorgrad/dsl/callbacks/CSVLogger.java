package dev.vectorgrad.dsl.callbacks;

import dev.vectorgrad.dsl.Callback;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes one CSV row per epoch, as Keras' {@code CSVLogger}: a header {@code epoch,<log names in
 * alphabetical order>} (the names of the first epoch), then the epoch (from 0) and the values as
 * Python prints floats, {@code NA} for a name an epoch lacks. Rows end in {@code \n} (Keras' csv
 * module writes {@code \r\n}). The file is flushed after every epoch, so it survives a crash;
 * {@link #append} continues an existing file without repeating the header.
 */
public final class CSVLogger extends Callback {
  private final Path file;
  private String separator = ",";
  private boolean append;

  private @Nullable Writer out;
  private @Nullable List<String> keys;
  private boolean headerWritten;

  public CSVLogger(Path file) {
    this.file = file;
  }

  public CSVLogger separator(String value) {
    separator = value;
    return this;
  }

  /** Appends to the file if it exists (no second header) instead of overwriting it. */
  public CSVLogger append(boolean value) {
    append = value;
    return this;
  }

  @Override
  public void onTrainBegin(Map<String, Double> logs) {
    // A fit that died by an exception never reached onTrainEnd; its writer is closed here.
    closeWriter();
    keys = null;
    try {
      headerWritten = append && Files.exists(file) && Files.size(file) > 0;
      out = append
          ? Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
          : Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("CSVLogger: cannot open " + file, e);
    }
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    List<String> columns = keys;
    if (columns == null) {
      columns = new ArrayList<>(logs.keySet());
      Collections.sort(columns);
      keys = columns;
    }
    StringBuilder text = new StringBuilder();
    if (!headerWritten) {
      text.append("epoch");
      for (String key : columns) {
        text.append(separator).append(key);
      }
      text.append('\n');
      headerWritten = true;
    }
    text.append(epoch);
    for (String key : columns) {
      Double value = logs.get(key);
      text.append(separator).append(value == null ? "NA" : PythonFormat.repr(value));
    }
    text.append('\n');
    try {
      writer().write(text.toString());
      writer().flush();
    } catch (IOException e) {
      throw new UncheckedIOException("CSVLogger: cannot write " + file, e);
    }
  }

  private Writer writer() {
    if (out == null) {
      throw new IllegalStateException("CSVLogger: onEpochEnd before onTrainBegin");
    }
    return out;
  }

  @Override
  public void onTrainEnd(Map<String, Double> logs) {
    closeWriter();
  }

  private void closeWriter() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException("CSVLogger: cannot close " + file, e);
      } finally {
        out = null;
      }
    }
  }
}
