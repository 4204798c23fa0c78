package dev.vectorgrad.dsl.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vectorgrad.dsl.History;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CSVLoggerTest {
  /** Replaces the epoch's logs with fixed values, so the file's content is known exactly. */
  private static LambdaCallback fixedLogs() {
    return new LambdaCallback().onEpochEnd((epoch, logs) -> {
      logs.clear();
      logs.put("val_loss", epoch == 0 ? 1e-5 : 0.25);
      logs.put("loss", 0.5 / (epoch + 1));
      if (epoch == 0) {
        logs.put("accuracy", 1.0 / 3);
      }
    });
  }

  private static void fitWithFixedLogs(int epochs, CSVLogger logger) {
    Tiny.model().fit(Tiny.inputs(), Tiny.labels(), Tiny.fit(epochs).callbacks(fixedLogs(), logger));
  }

  private static String read(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
  }

  @Test
  void writesAHeaderOfSortedNamesAndARowPerEpoch(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("log.csv");
    fitWithFixedLogs(2, new CSVLogger(file));
    assertEquals("epoch,accuracy,loss,val_loss\n"
        + "0,0.3333333333333333,0.5,1e-05\n"
        + "1,NA,0.25,0.25\n", read(file));
  }

  @Test
  void appendContinuesWithoutASecondHeader(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("log.csv");
    CSVLogger logger = new CSVLogger(file).separator(";").append(true);
    fitWithFixedLogs(1, logger);
    fitWithFixedLogs(1, logger);
    assertEquals("epoch;accuracy;loss;val_loss\n"
        + "0;0.3333333333333333;0.5;1e-05\n"
        + "0;0.3333333333333333;0.5;1e-05\n", read(file));
  }

  @Test
  void withoutAppendTheFileStartsOver(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("log.csv");
    Files.write(file, "old content\n".getBytes(StandardCharsets.UTF_8));
    fitWithFixedLogs(1, new CSVLogger(file));
    assertEquals("epoch,accuracy,loss,val_loss\n0,0.3333333333333333,0.5,1e-05\n", read(file));
  }

  @Test
  void realLogsReadBackExactly(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("log.csv");
    History history = Tiny.model().fit(Tiny.inputs(), Tiny.labels(),
        Tiny.fit(3).validationSplit(0.25).callbacks(new CSVLogger(file)));
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertEquals("epoch,accuracy,loss,val_accuracy,val_loss", lines.get(0));
    assertEquals(4, lines.size());
    List<String> names = Arrays.asList(lines.get(0).split(","));
    for (int epoch = 0; epoch < 3; epoch++) {
      String[] cells = lines.get(epoch + 1).split(",");
      assertEquals(String.valueOf(epoch), cells[0]);
      for (int c = 1; c < cells.length; c++) {
        assertEquals(history.get(names.get(c)).get(epoch), Double.parseDouble(cells[c]), 0.0, names.get(c));
      }
    }
  }
}
