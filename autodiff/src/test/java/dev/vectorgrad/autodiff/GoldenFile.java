package dev.vectorgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vectorgrad.tensor.NdArray;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the golden files written by the PyTorch scripts in {@code tools/}: blocks of {@code case
 * NAME}, lines {@code kind name [dims] : values}, then {@code end}. Shared with other modules'
 * tests through this module's test jar.
 */
public final class GoldenFile {
  private GoldenFile() {}

  /** One line of a case. */
  public record Entry(String kind, String name, NdArray values) {}

  /** One case: its name (the rest of the {@code case} line) and its lines in order. */
  public record Case(String name, List<Entry> entries) {
    public List<NdArray> all(String kind) {
      return entries.stream().filter(e -> e.kind().equals(kind)).map(Entry::values).toList();
    }

    public NdArray first(String kind) {
      return all(kind).get(0);
    }
  }

  /** Elementwise {@code |expected - actual| <= atol + rtol * |expected|}, shapes equal. */
  public static void assertClose(NdArray expected, NdArray actual, double atol, double rtol, String what) {
    assertEquals(expected.shape(), actual.shape(), what + ": shape");
    double[] e = expected.toDoubleArray();
    double[] a = actual.toDoubleArray();
    for (int i = 0; i < e.length; i++) {
      if (!(Math.abs(e[i] - a[i]) <= atol + rtol * Math.abs(e[i]))) {
        assertArrayEquals(e, a, atol, what + ": differs at element " + i);
      }
    }
  }

  public static List<Case> load(String resource) {
    try (InputStream in = GoldenFile.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing; regenerate it with the script in tools/");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<Case> cases = new ArrayList<>();
      String name = null;
      List<Entry> entries = new ArrayList<>();
      for (String line; (line = reader.readLine()) != null; ) {
        if (line.startsWith("case ")) {
          name = line.substring(5);
          entries = new ArrayList<>();
        } else if (line.equals("end")) {
          cases.add(new Case(name, entries));
        } else if (!line.startsWith("#") && !line.isBlank()) {
          String[] head = line.substring(0, line.indexOf('[')).trim().split(" ");
          entries.add(new Entry(head[0], head.length > 1 ? head[1] : "", parseArray(line)));
        }
      }
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static NdArray parseArray(String line) {
    String shapeText = line.substring(line.indexOf('[') + 1, line.indexOf(']')).trim();
    int[] shape = shapeText.isEmpty()
        ? new int[0]
        : Arrays.stream(shapeText.split(" ")).mapToInt(Integer::parseInt).toArray();
    String valuesText = line.substring(line.indexOf(':') + 1).trim();
    double[] values = valuesText.isEmpty()
        ? new double[0]
        : Arrays.stream(valuesText.split(" ")).mapToDouble(Double::parseDouble).toArray();
    return NdArray.of(values, values.length).reshape(shape);
  }
}
