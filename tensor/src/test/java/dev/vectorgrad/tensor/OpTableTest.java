package dev.vectorgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vectorgrad.tensor.OpInput.Materialized;
import dev.vectorgrad.tensor.OpRow.Observed;
import dev.vectorgrad.tensor.spi.Backends;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every op-table row on every sample in each of its dtypes on the CPU backend ({@code
 * -Dvectorgrad.backend=NAME} picks which) and compares shape, dtype and values with the float64
 * reference. Inputs must come back unchanged: no op writes to its arguments.
 */
class OpTableTest {
  /**
   * Public NdArray methods that are not ops of the table, each tested elsewhere: properties
   * (ShapeTest, MutationTest), creation and randomness (CreationTest, GeneratorTest,
   * PropertiesTest), in-place writes (MutationTest; AddmmInPlaceTest for {@code addmmInPlace}),
   * printing (FormatterTest), and {@code to}, which moves between devices and has only the CPU here.
   */
  private static final Set<String> NOT_TABLE_OPS = Set.of(
      "shape", "size", "rank", "numel", "dtype", "device", "storage", "offset", "strides", "stride",
      "isContiguous", "zeros", "ones", "full", "scalar", "eye", "arange", "linspace", "of",
      "manualSeed", "rand", "randn", "randint", "set", "setAt", "copyFrom", "addmmInPlace", "to",
      "toString", "conv2dWeightGradAtMaxima"); // the last: PooledConvolutionTest (its indices come from a max pool)

  @TestFactory
  Stream<DynamicContainer> everyRowMatchesTheFloat64Reference() {
    String backend = Backends.cpu().name();
    return OpTable.all().stream().map(row -> DynamicContainer.dynamicContainer(
        row.name() + " on " + backend,
        row.dtypes().stream().flatMap(dtype -> IntStream.range(0, row.samples().size()).mapToObj(
            i -> DynamicTest.dynamicTest(
                dtype + " " + row.samples().get(i), () -> check(row, dtype, i))))));
  }

  @Test
  void rowNamesAreUniqueSoSeedsAndDisplayNamesAre() {
    Set<String> seen = new HashSet<>();
    for (OpRow row : OpTable.all()) {
      assertTrue(seen.add(row.name()), "duplicate row " + row.name());
      assertTrue(!row.samples().isEmpty(), "row without samples: " + row.name());
    }
  }

  @Test
  void everyPublicOpOfNdArrayHasARow() {
    Set<String> missing = new TreeSet<>();
    for (Method method : NdArray.class.getDeclaredMethods()) {
      String name = method.getName();
      if (!Modifier.isPublic(method.getModifiers()) || NOT_TABLE_OPS.contains(name)) {
        continue;
      }
      Pattern startsWithOp = Pattern.compile("^" + name + "\\b");
      if (OpTable.all().stream().noneMatch(row -> startsWithOp.matcher(row.name()).find())) {
        missing.add(name);
      }
    }
    assertEquals(Set.of(), missing, "NdArray methods without an op-table row");
  }

  /** The shared sample sets must keep covering the layouts kernels get wrong. */
  @Test
  void sharedSamplesCoverEdgeShapesAndLayouts() {
    List<List<OpInput>> samples = new ArrayList<>(OpTable.BINARY_SAMPLES);
    for (OpInput input : OpTable.UNARY_INPUTS) {
      samples.add(List.of(input));
    }
    Set<String> seen = new TreeSet<>();
    for (List<OpInput> sample : samples) {
      Set<Shape> shapes = new HashSet<>();
      for (OpInput input : sample) {
        NdArray x = input.materialize(DType.F32, OpInput.Domain.ANY, new Random(0)).array;
        shapes.add(x.shape());
        if (x.rank() == 0) {
          seen.add("rank 0");
        }
        if (x.numel() == 0) {
          seen.add("size 0");
        }
        if (x.numel() == 1 && x.rank() > 0) {
          seen.add("size 1");
        }
        if (!x.isContiguous()) {
          seen.add("non-contiguous");
        }
        if (Arrays.stream(x.strides()).anyMatch(s -> s == 0) && x.numel() > 1) {
          seen.add("stride 0");
        }
        if (x.offset() > 0) {
          seen.add("offset");
        }
      }
      if (shapes.size() > 1) {
        seen.add("broadcast");
      }
    }
    assertEquals(new TreeSet<>(List.of(
        "rank 0", "size 0", "size 1", "non-contiguous", "stride 0", "offset", "broadcast")), seen);
  }

  private static void check(OpRow row, DType dtype, int sampleIndex) {
    List<OpInput> sample = row.samples().get(sampleIndex);
    Random random = new Random((row.name() + "#" + sampleIndex).hashCode());
    List<NdArray> arrays = new ArrayList<>();
    List<Reference> references = new ArrayList<>();
    for (OpInput input : sample) {
      Materialized m = input.materialize(dtype, row.domain(), random);
      arrays.add(m.array);
      references.add(m.reference);
    }
    String context = row.name() + " " + dtype + " on " + references;

    List<Observed> actual = row.apply(arrays);
    List<Reference> expected = row.expected(references);

    assertEquals(expected.size(), actual.size(), "number of results of " + context);
    DType resultType = row.resultType(dtype);
    double[] bounds = row.tolerance().bounds(resultType);
    for (int k = 0; k < expected.size(); k++) {
      Observed out = actual.get(k);
      assertArrayEquals(expected.get(k).shape(), out.shape, "shape of result " + k + " of " + context);
      assertEquals(resultType, out.dtype, "dtype of result " + k + " of " + context);
      assertClose(expected.get(k).values(), out.values, bounds[0], bounds[1], context);
    }
    for (int k = 0; k < arrays.size(); k++) {
      assertArrayEquals(references.get(k).values(), arrays.get(k).toDoubleArray(),
          "input " + k + " was modified by " + context);
    }
  }

  /**
   * {@code torch.allclose}: {@code |actual - expected| <= atol + rtol |expected|}; NaN and the
   * infinities must match exactly.
   */
  static void assertClose(
      double[] expected, double[] actual, double atol, double rtol, String context) {
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < expected.length; i++) {
      double e = expected[i];
      double a = actual[i];
      boolean ok = Double.isNaN(e) ? Double.isNaN(a)
          : Double.isInfinite(e) ? a == e
          : Math.abs(a - e) <= atol + rtol * Math.abs(e);
      if (!ok) {
        wrong.add("[" + i + "] expected " + e + " got " + a);
      }
    }
    if (!wrong.isEmpty()) {
      fail(wrong.size() + " of " + expected.length + " elements differ beyond atol " + atol + " rtol "
          + rtol + " in " + context + ": "
          + wrong.stream().limit(5).collect(Collectors.joining(", ")));
    }
  }

  @Test
  void assertCloseRejectsWhatItShould() {
    double[] e = {1, Double.NaN, Double.POSITIVE_INFINITY};
    assertClose(e, new double[] {1 + 1e-7, Double.NaN, Double.POSITIVE_INFINITY}, 0, 1e-6, "ok");
    for (double[] bad : Arrays.asList(
        new double[] {1.1, Double.NaN, Double.POSITIVE_INFINITY},
        new double[] {1, 0, Double.POSITIVE_INFINITY},
        new double[] {1, Double.NaN, 1e300})) {
      assertThrows(
          AssertionError.class, () -> assertClose(e, bad, 1e-5, 1e-5, "bad"));
    }
  }
}
