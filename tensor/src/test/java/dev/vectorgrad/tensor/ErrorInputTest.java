package dev.vectorgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Bad shapes, axes, dtypes, indices and devices raise the project's exceptions with a message that
 * names the op and what was wrong: never an ArrayIndexOutOfBoundsException, a
 * NullPointerException or a silent wrong result.
 */
class ErrorInputTest {
  private static final NdArray MATRIX = NdArray.of(new float[] {0, 1, 2, 3, 4, 5}, 2, 3);
  private static final NdArray BOOLS = NdArray.of(new boolean[] {true, false}, 2);

  /** Asserts {@code call} throws exactly {@code type} and that its message contains every fragment. */
  private static <T extends VectorgradException> void assertRejects(
      Class<T> type, Executable call, String... fragments) {
    T e = assertThrowsExactly(type, call);
    for (String fragment : fragments) {
      assertTrue(e.getMessage().contains(fragment),
          () -> "message \"" + e.getMessage() + "\" lacks \"" + fragment + "\"");
    }
  }

  @Test
  void convolutionGradientsNameTheOpAndTheShapes() {
    Window2d window = Window2d.of(3, 1, 0, 1);
    NdArray weight = NdArray.zeros(4, 2, 3, 3);
    assertRejects(ShapeMismatchException.class,
        () -> NdArray.zeros(2, 4, 4, 4).conv2dInputGrad(weight, 6, 7, window, 1),
        "conv2dInputGrad: gradient [2, 4, 4, 4]", "output [2, 4, 4, 5]");
    assertRejects(ShapeMismatchException.class, () -> NdArray.zeros(2, 4, 4).conv2dInputGrad(weight, 6, 7, window, 1),
        "conv2dInputGrad", "[2, 4, 4]");
    assertRejects(ShapeMismatchException.class,
        () -> NdArray.zeros(2, 4, 4, 5).conv2dInputGrad(weight, 6, 7, window, 3), "conv2d", "groups 3");
    assertRejects(ShapeMismatchException.class,
        () -> NdArray.zeros(2, 4, 4, 5).conv2dWeightGrad(NdArray.zeros(2, 2, 6, 8), window, 1),
        "conv2dWeightGrad: gradient [2, 4, 4, 5]", "output [2, 4, 4, 6]");
    assertRejects(DTypeMismatchException.class, () -> NdArray.zeros(2, 4, 4, 5)
        .conv2dWeightGrad(NdArray.zeros(Shape.of(2, 2, 6, 7), DType.I32), window, 1), "conv2dWeightGrad", "I32");
    assertRejects(DTypeMismatchException.class, () -> NdArray.zeros(Shape.of(2, 2, 6, 7), DType.I64)
        .conv2d(NdArray.zeros(Shape.of(4, 2, 3, 3), DType.I64), null, window, 1), "conv2d", "floating");
  }

  @Test
  void matmulNamesBothShapesAndTheInnerDimensions() {
    NdArray a = NdArray.zeros(2, 3);
    NdArray b = NdArray.zeros(4, 5);
    ShapeMismatchException e = assertThrowsExactly(ShapeMismatchException.class, () -> a.matmul(b));
    assertEquals("matmul: [2, 3] x [4, 5]: inner dimensions 3 and 4 differ", e.getMessage());
    assertRejects(ShapeMismatchException.class, () -> NdArray.zeros(3).matmul(NdArray.zeros(4)),
        "matmul: [3] x [4]", "inner dimensions 3 and 4");
    assertRejects(ShapeMismatchException.class, () -> NdArray.scalar(1).matmul(NdArray.zeros(3)),
        "matmul: [] x [3]", "at least one dimension");
    assertRejects(ShapeMismatchException.class,
        () -> NdArray.zeros(2, 2, 3).matmul(NdArray.zeros(3, 3, 4)), "matmul", "[2]", "[3]");
    assertRejects(DTypeMismatchException.class,
        () -> NdArray.arange(6).reshape(2, 3).matmul(NdArray.zeros(3, 1)), "matmul", "[2, 3] I64",
        "floating");
  }

  @Test
  void elementwiseOpsRejectShapesThatDoNotBroadcast() {
    assertRejects(ShapeMismatchException.class, () -> MATRIX.plus(NdArray.zeros(4)),
        "add", "[2, 3]", "[4]", "cannot be broadcast");
    assertRejects(ShapeMismatchException.class, () -> MATRIX.gt(NdArray.zeros(3, 2)),
        "gt", "[2, 3]", "[3, 2]");
    assertRejects(ShapeMismatchException.class,
        () -> NdArray.where(NdArray.of(new boolean[] {true, false, true}, 3), MATRIX, MATRIX.t()),
        "where", "[2, 3]", "[3, 2]");
  }

  @Test
  void elementwiseOpsRejectBoolArithmeticAndNonBoolConditions() {
    assertRejects(DTypeMismatchException.class, () -> BOOLS.plus(BOOLS), "add", "two bool arrays");
    assertRejects(DTypeMismatchException.class, () -> BOOLS.times(BOOLS), "mul", "two bool arrays");
    assertRejects(DTypeMismatchException.class, () -> BOOLS.rem(BOOLS), "rem", "two bool arrays");
    assertRejects(DTypeMismatchException.class, () -> BOOLS.neg(), "neg", "bool");
    assertRejects(DTypeMismatchException.class, () -> BOOLS.exp(), "exp", "bool");
    assertRejects(DTypeMismatchException.class, () -> NdArray.where(MATRIX, MATRIX, MATRIX),
        "where", "condition must be bool", "F32");
  }

  @Test
  void elementwiseOpsRejectBadScalars() {
    assertRejects(VectorgradException.class, () -> MATRIX.clamp(2, 1),
        "clamp", "min 2.0", "max 1.0");
    assertRejects(VectorgradException.class, () -> NdArray.arange(4).rem(0),
        "rem", "division by zero");
  }

  @Test
  void reductionsNameTheirOpForABadAxis() {
    assertRejects(IndexOutOfRangeException.class, () -> MATRIX.sum(2), "sum", "axis 2", "rank 2");
    assertRejects(IndexOutOfRangeException.class, () -> MATRIX.sum(0, -2),
        "sum", "axis -2 repeats");
    assertRejects(IndexOutOfRangeException.class, () -> MATRIX.prod(-3, false), "prod", "axis -3");
    assertRejects(IndexOutOfRangeException.class, () -> MATRIX.mean(2), "mean", "axis 2");
    assertRejects(IndexOutOfRangeException.class, () -> MATRIX.max(5), "max", "axis 5");
    assertRejects(IndexOutOfRangeException.class, () -> MATRIX.min(-3), "min", "axis -3");
    assertRejects(IndexOutOfRangeException.class, () -> MATRIX.argmax(2, false),
        "argmax", "axis 2");
    assertRejects(IndexOutOfRangeException.class, () -> MATRIX.argmin(2, true), "argmin", "axis 2");
    assertRejects(IndexOutOfRangeException.class, () -> MATRIX.var(new int[] {3}, false, 1),
        "var", "axis 3");
    assertRejects(IndexOutOfRangeException.class, () -> MATRIX.std(new int[] {3}, false, 1),
        "std", "axis 3");
    assertRejects(IndexOutOfRangeException.class, () -> MATRIX.logSumExp(2), "logSumExp", "axis 2");
    assertRejects(IndexOutOfRangeException.class, () -> MATRIX.softmax(2), "softmax", "axis 2");
    assertRejects(IndexOutOfRangeException.class, () -> MATRIX.logSoftmax(-3),
        "logSoftmax", "axis -3");
  }

  @Test
  void reductionsWithoutIdentityRejectEmptyInputs() {
    NdArray empty = NdArray.zeros(0, 3);
    assertRejects(ShapeMismatchException.class, empty::max, "max", "zero elements", "[0, 3]");
    assertRejects(ShapeMismatchException.class, () -> empty.min(0),
        "min", "zero elements", "[0, 3]");
    assertRejects(ShapeMismatchException.class, () -> empty.argmax(0, false), "argmax", "[0, 3]");
    assertRejects(ShapeMismatchException.class, empty::argmin, "argmin", "[0]");
  }

  @Test
  void reshapeAndViewNameTheirOpAndShapes() {
    assertRejects(ShapeMismatchException.class, () -> MATRIX.reshape(4, 2),
        "reshape", "[4, 2]", "6 elements", "[2, 3]");
    assertRejects(ShapeMismatchException.class, () -> MATRIX.reshape(-1, -1),
        "reshape", "[-1, -1]");
    assertRejects(ShapeMismatchException.class, () -> MATRIX.reshape(4, -1), "reshape", "[4, -1]");
    assertRejects(ShapeMismatchException.class, () -> MATRIX.view(5), "view", "[5]", "[2, 3]");
    assertRejects(ShapeMismatchException.class, () -> MATRIX.t().view(6),
        "view", "[3, 2]", "[1, 3]", "not contiguous");
  }

  @Test
  void movementOpsRejectBadAxesAndRanges() {
    assertRejects(ShapeMismatchException.class, () -> MATRIX.expand(4, 3),
        "expand", "[2, 3]", "[4, 3]");
    assertRejects(ShapeMismatchException.class, () -> MATRIX.expand(3), "expand", "[3]", "[2, 3]");
    assertRejects(ShapeMismatchException.class, () -> MATRIX.expand(-1, 2, 3),
        "expand", "[-1, 2, 3]");
    assertRejects(IndexOutOfRangeException.class, () -> MATRIX.permute(0, 0),
        "permute", "repeats", "[0, 0]");
    assertRejects(ShapeMismatchException.class, () -> MATRIX.permute(0),
        "permute", "[0]", "[2, 3]");
    assertRejects(IndexOutOfRangeException.class, () -> MATRIX.permute(0, 2), "permute", "axis 2");
    assertRejects(IndexOutOfRangeException.class, () -> MATRIX.transpose(0, 2),
        "transpose", "axis 2");
    assertRejects(ShapeMismatchException.class, () -> NdArray.zeros(2, 2, 2).t(),
        "t:", "[2, 2, 2]");
    assertRejects(IndexOutOfRangeException.class, () -> MATRIX.narrow(1, 2, 2),
        "narrow", "start 2", "length 2", "size 3", "[2, 3]");
    assertRejects(IndexOutOfRangeException.class, () -> MATRIX.narrow(1, -1, 1),
        "narrow", "start -1");
    assertRejects(IndexOutOfRangeException.class, () -> MATRIX.narrow(1, 1, Integer.MAX_VALUE),
        "narrow", "size 3");
    assertRejects(VectorgradException.class, () -> MATRIX.slice(1, 0, 3, 0), "slice", "step", "0");
    assertRejects(IndexOutOfRangeException.class, () -> MATRIX.select(1, 3),
        "select", "index 3", "size 3", "[2, 3]");
    assertRejects(IndexOutOfRangeException.class, () -> MATRIX.select(0, -3), "select", "index -3");
    assertRejects(IndexOutOfRangeException.class, () -> MATRIX.get(0, 0, 0),
        "get", "3 indices", "[2, 3]");
    assertRejects(IndexOutOfRangeException.class, () -> MATRIX.get(2), "select", "index 2");
    assertRejects(IndexOutOfRangeException.class, () -> MATRIX.flatten(1, 0),
        "flatten", "start axis 1");
    assertRejects(IndexOutOfRangeException.class, () -> MATRIX.squeeze(2), "squeeze", "axis 2");
    assertRejects(IndexOutOfRangeException.class, () -> MATRIX.unsqueeze(4), "unsqueeze", "axis 4");
  }

  @Test
  void creationRejectsWrongLengthsAndShapes() {
    assertRejects(ShapeMismatchException.class, () -> NdArray.of(new float[5], 2, 3),
        "of", "5 elements", "[2, 3]");
    assertRejects(ShapeMismatchException.class, () -> NdArray.of(new long[2], 3),
        "of", "2 elements", "[3]");
    assertRejects(ShapeMismatchException.class, () -> NdArray.zeros(2, -1), "[2, -1]", "negative");
    assertRejects(ShapeMismatchException.class, () -> Shape.of(65536, 65536),
        "[65536, 65536]", "2^31-1");
    assertRejects(VectorgradException.class, () -> NdArray.arange(0, 1, 0),
        "arange", "nonzero step");
    assertRejects(VectorgradException.class, () -> NdArray.linspace(0, 1, -1), "linspace", "-1");
    assertRejects(DTypeMismatchException.class, () -> NdArray.rand(Shape.of(2), DType.I64),
        "rand", "I64");
    assertRejects(DTypeMismatchException.class, () -> NdArray.randn(Shape.of(2), DType.BOOL),
        "randn", "BOOL");
    assertRejects(VectorgradException.class, () -> NdArray.randint(3, 3, Shape.of(2)),
        "randint", "[3, 3)");
    assertRejects(VectorgradException.class,
        () -> NdArray.randint(Long.MIN_VALUE, Long.MAX_VALUE, Shape.of(2)), "randint");
  }

  @Test
  void itemNeedsExactlyOneElement() {
    assertRejects(ShapeMismatchException.class, MATRIX::item, "item", "[2, 3]", "6");
    assertRejects(ShapeMismatchException.class, () -> NdArray.zeros(0).item(), "item", "[0]");
    assertRejects(ShapeMismatchException.class, MATRIX::itemLong, "itemLong", "[2, 3]");
  }

  @Test
  void joiningNamesTheMismatchedShapes() {
    assertRejects(VectorgradException.class, () -> NdArray.cat(List.of(), 0),
        "cat", "at least one");
    assertRejects(ShapeMismatchException.class, () -> NdArray.cat(List.of(MATRIX, NdArray.zeros(2, 4)), 0),
        "cat", "[2, 3]", "[2, 4]", "outside axis 0");
    assertRejects(ShapeMismatchException.class, () -> NdArray.cat(List.of(MATRIX, NdArray.zeros(3)), 0),
        "cat", "[2, 3]", "[3]");
    assertRejects(IndexOutOfRangeException.class, () -> NdArray.cat(List.of(MATRIX), 2),
        "cat", "axis 2");
    assertRejects(IndexOutOfRangeException.class,
        () -> NdArray.cat(List.of(NdArray.scalar(1), NdArray.scalar(2)), 0), "cat", "rank 0");
    assertRejects(ShapeMismatchException.class, () -> NdArray.stack(List.of(MATRIX, MATRIX.t()), 0),
        "stack", "[2, 3]", "[3, 2]");
    assertRejects(IndexOutOfRangeException.class, () -> NdArray.stack(List.of(MATRIX), 3),
        "stack", "axis 3");
    assertRejects(VectorgradException.class, () -> NdArray.stack(List.of(), 0),
        "stack", "at least one");
  }

  @Test
  void splittingNeedsSizesThatAddUp() {
    assertRejects(ShapeMismatchException.class, () -> MATRIX.split(new int[] {1, 1}, 1),
        "split", "[1, 1]", "add up to 2", "size 3", "[2, 3]");
    assertRejects(VectorgradException.class, () -> MATRIX.split(new int[] {4, -1}, 1),
        "split", "[4, -1]");
    assertRejects(VectorgradException.class, () -> MATRIX.split(0, 1), "split", "positive", "0");
    assertRejects(IndexOutOfRangeException.class, () -> MATRIX.split(1, 2), "split", "axis 2");
    assertRejects(VectorgradException.class, () -> MATRIX.chunk(0, 1), "chunk", "positive");
    assertRejects(IndexOutOfRangeException.class, () -> MATRIX.chunk(2, 2), "chunk", "axis 2");
  }

  @Test
  void gatherAndScatterCheckIndexValuesShapesAndDtypes() {
    NdArray index = NdArray.of(new long[] {0, 3, 1, 0}, 2, 2);
    assertRejects(IndexOutOfRangeException.class, () -> MATRIX.gather(1, index),
        "gather", "index 3", "axis 1", "size 3");
    assertRejects(IndexOutOfRangeException.class,
        () -> MATRIX.gather(0, NdArray.of(new long[] {-3}, 1, 1)), "gather", "index -3", "size 2");
    assertRejects(DTypeMismatchException.class, () -> MATRIX.gather(1, MATRIX),
        "gather", "I32 or I64", "F32");
    assertRejects(ShapeMismatchException.class, () -> MATRIX.gather(1, NdArray.arange(2)),
        "gather", "[2]", "[2, 3]");
    assertRejects(ShapeMismatchException.class,
        () -> MATRIX.gather(1, NdArray.zeros(Shape.of(3, 1), DType.I64)),
        "gather", "[3, 1]", "[2, 3]", "dimension 0");
    assertRejects(IndexOutOfRangeException.class, () -> MATRIX.gather(2, index),
        "gather", "axis 2");
    assertRejects(IndexOutOfRangeException.class, () -> MATRIX.scatterAdd(1, index, MATRIX),
        "scatterAdd", "index 3", "size 3");
    NdArray doubles = MATRIX.cast(DType.F64);
    assertRejects(IndexOutOfRangeException.class, () -> doubles.scatterAdd(1, index, doubles),
        "scatterAdd", "index 3", "size 3");
    NdArray belowRange = NdArray.of(new long[] {0, -4, 1, 0}, 2, 2);
    assertRejects(IndexOutOfRangeException.class, () -> MATRIX.scatterAdd(1, belowRange, MATRIX),
        "scatterAdd", "index -4", "axis 1");
    assertRejects(ShapeMismatchException.class,
        () -> MATRIX.scatterAdd(1, index, NdArray.zeros(4)), "scatterAdd", "[4]", "[2, 2]");
    assertRejects(ShapeMismatchException.class,
        () -> MATRIX.scatterAdd(1, index, NdArray.zeros(2, 1)), "scatterAdd", "[2, 2]", "[2, 1]");
    assertRejects(DTypeMismatchException.class, () -> MATRIX.scatterAdd(1, MATRIX, MATRIX),
        "scatterAdd", "I32 or I64");
  }

  @Test
  void indexSelectAndOneHotCheckTheirIndices() {
    assertRejects(ShapeMismatchException.class,
        () -> MATRIX.indexSelect(0, NdArray.zeros(Shape.of(1, 1), DType.I64)),
        "indexSelect", "1-D", "[1, 1]");
    assertRejects(DTypeMismatchException.class, () -> MATRIX.indexSelect(0, NdArray.zeros(2)),
        "indexSelect", "I32 or I64", "F32");
    assertRejects(IndexOutOfRangeException.class, () -> MATRIX.indexSelect(2, NdArray.arange(1)),
        "indexSelect", "axis 2");
    assertRejects(IndexOutOfRangeException.class, () -> MATRIX.indexSelect(0, NdArray.arange(3)),
        "indexSelect", "[0, 2]", "outside [-2, 2)", "axis 0", "[2, 3]");
    NdArray labels = NdArray.of(new long[] {0, 5, 2}, 3);
    assertRejects(IndexOutOfRangeException.class, () -> labels.oneHot(4),
        "oneHot", "[0, 5]", "[0, 4)");
    assertRejects(IndexOutOfRangeException.class, () -> NdArray.of(new int[] {-1}, 1).oneHot(4),
        "oneHot", "[-1, -1]");
    assertRejects(VectorgradException.class, () -> labels.oneHot(0), "oneHot", "positive", "0");
    assertRejects(DTypeMismatchException.class, () -> MATRIX.oneHot(6), "oneHot", "F32");
  }

  @Test
  void writesIntoArraysCheckShapesAndAliasing() {
    NdArray target = NdArray.zeros(2, 3);
    assertRejects(ShapeMismatchException.class, () -> target.copyFrom(NdArray.zeros(3, 2)),
        "copyFrom", "[3, 2]", "[2, 3]");
    assertRejects(VectorgradException.class, () -> NdArray.zeros(1, 3).expand(2, 3).copyFrom(MATRIX),
        "copyFrom", "[2, 3]", "broadcast");
    assertRejects(IndexOutOfRangeException.class, () -> target.set(2, 0, 1f), "select", "index 2");
  }

  @Test
  void devicesThatAreNotThereAreNamed() {
    assertRejects(DeviceMismatchException.class, () -> MATRIX.to(Device.opencl(7)),
        "opencl:7", "not available");
    assertRejects(IndexOutOfRangeException.class, () -> Device.of("opencl", -1), "opencl", "-1");
  }

  /**
   * Every axis argument from -6 to 6 to every op that takes one, on shapes of rank 0 to 3: each
   * call either works or throws a VectorgradException, never a JDK exception.
   */
  @Test
  void anyAxisEitherWorksOrThrowsOurException() {
    List<Consumer<Integer>> withAxis = new ArrayList<>();
    for (int[] dims : new int[][] {{}, {3}, {2, 3}, {2, 0, 4}}) {
      NdArray x = NdArray.zeros(dims);
      NdArray index = NdArray.zeros(Shape.of(dims), DType.I64);
      withAxis.add(a -> x.size(a));
      withAxis.add(a -> x.stride(a));
      withAxis.add(a -> x.sum(a));
      withAxis.add(a -> x.mean(a));
      withAxis.add(a -> x.max(a));
      withAxis.add(a -> x.argmin(a, true));
      withAxis.add(a -> x.prod(a, false));
      withAxis.add(a -> x.var(new int[] {a}, true, 1));
      withAxis.add(a -> x.logSumExp(a));
      withAxis.add(a -> x.softmax(a));
      withAxis.add(a -> x.logSoftmax(a));
      withAxis.add(a -> x.transpose(a, 0));
      withAxis.add(a -> x.flatten(a));
      withAxis.add(a -> x.narrow(a, 0, 1));
      withAxis.add(a -> x.slice(a, 0, 1, 1));
      withAxis.add(a -> x.select(a, 0));
      withAxis.add(a -> x.squeeze(a));
      withAxis.add(a -> x.unsqueeze(a));
      withAxis.add(a -> x.split(1, a));
      withAxis.add(a -> x.chunk(2, a));
      withAxis.add(a -> NdArray.cat(List.of(x, x), a));
      withAxis.add(a -> NdArray.stack(List.of(x, x), a));
      withAxis.add(a -> x.gather(a, index));
      withAxis.add(a -> x.scatterAdd(a, index, x));
      withAxis.add(a -> x.indexSelect(a, NdArray.arange(1)));
    }
    for (Consumer<Integer> op : withAxis) {
      for (int axis = -6; axis <= 6; axis++) {
        int a = axis;
        try {
          op.accept(a);
        } catch (VectorgradException expected) {
          String message = expected.getMessage();
          assertTrue(message.contains("axis") || message.contains("zero elements")
              || message.contains("range"), message);
        }
      }
    }
  }
}
