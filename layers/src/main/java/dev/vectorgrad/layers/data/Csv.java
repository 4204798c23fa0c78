package dev.vectorgrad.layers.data;

import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.VectorgradException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Reads numeric CSV files (comma-separated, optional header line, optional gzip) into F32 arrays. */
public final class Csv {
  private Csv() {}

  public static NdArray read(Path file, boolean header) {
    try (InputStream raw = Files.newInputStream(file)) {
      InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
      return read(in, header, file.toString());
    } catch (IOException e) {
      throw new VectorgradException("csv: cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** A {@code [rows, columns]} F32 array; every row must have the same number of numbers. */
  public static NdArray read(InputStream in, boolean header, String name) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    List<float[]> rows = new ArrayList<>();
    int lineNumber = 0;
    if (header) {
      reader.readLine();
      lineNumber++;
    }
    for (String line; (line = reader.readLine()) != null; ) {
      lineNumber++;
      if (line.trim().isEmpty()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      if (!rows.isEmpty() && cells.length != rows.get(0).length) {
        throw new VectorgradException(
            "csv: " + name + " line " + lineNumber + " has " + cells.length + " columns, expected " + rows.get(0).length);
      }
      float[] row = new float[cells.length];
      for (int i = 0; i < cells.length; i++) {
        try {
          row[i] = Float.parseFloat(cells[i].trim());
        } catch (NumberFormatException e) {
          throw new VectorgradException(
              "csv: " + name + " line " + lineNumber + " column " + (i + 1) + ": not a number: '" + cells[i] + "'");
        }
      }
      rows.add(row);
    }
    int columns = rows.isEmpty() ? 0 : rows.get(0).length;
    float[] flat = new float[rows.size() * columns];
    for (int r = 0; r < rows.size(); r++) {
      System.arraycopy(rows.get(r), 0, flat, r * columns, columns);
    }
    return NdArray.of(flat, rows.size(), columns);
  }
}
