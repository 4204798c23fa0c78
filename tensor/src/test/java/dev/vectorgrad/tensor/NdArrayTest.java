package dev.vectorgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * What the op table cannot see: layouts (strides, offsets, contiguity), which ops return views that
 * share storage and which copy, and the in-place writes {@code set}, {@code setAt} and
 * {@code copyFrom}.
 */
class NdArrayTest {
  /** {@code [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]} as F32. */
  private static NdArray grid() {
    return NdArray.arange(0, 12, 1).reshape(3, 4);
  }

  @Test
  void propertiesOfAContiguousArray() {
    NdArray x = grid();
    assertEquals(Shape.of(3, 4), x.shape());
    assertEquals(2, x.rank());
    assertEquals(12, x.numel());
    assertEquals(4, x.size(1));
    assertEquals(3, x.size(-2));
    assertEquals(DType.F32, x.dtype());
    assertEquals(Device.CPU, x.device());
    assertArrayEquals(new int[] {4, 1}, x.strides());
    assertEquals(4, x.stride(0));
    assertEquals(1, x.stride(-1));
    assertEquals(0, x.offset());
    assertTrue(x.isContiguous());
  }

  @Test
  void layoutsOfViews() {
    NdArray x = grid();
    NdArray t = x.t();
    assertArrayEquals(new int[] {1, 4}, t.strides());
    assertFalse(t.isContiguous());
    NdArray row = x.select(0, 2);
    assertEquals(8, row.offset());
    assertTrue(row.isContiguous());
    NdArray column = x.select(1, 1);
    assertArrayEquals(new int[] {4}, column.strides());
    assertEquals(1, column.offset());
    assertFalse(column.isContiguous());
    NdArray stepped = x.slice(1, 1, 4, 2);
    assertArrayEquals(new int[] {4, 2}, stepped.strides());
    assertEquals(1, stepped.offset());
    NdArray expanded = NdArray.zeros(3, 1).expand(2, 3, 5);
    assertArrayEquals(new int[] {0, 1, 0}, expanded.strides());
    assertFalse(expanded.isContiguous());
    assertTrue(NdArray.zeros(1, 4).expand(1, 4).isContiguous());
    assertTrue(x.narrow(0, 1, 0).isContiguous());
    assertArrayEquals(new int[] {4, 4, 1}, x.unsqueeze(1).strides());
  }

  @Test
  void stridesAreACopy() {
    NdArray x = grid();
    x.strides()[0] = 99;
    assertEquals(4, x.stride(0));
  }

  @Test
  void viewsWriteThroughToTheirBase() {
    NdArray x = grid();
    x.t().set(3, 0, -1f); // x[0, 3]
    x.narrow(0, 1, 2).set(1, 0, -2f); // x[2, 0]
    x.select(1, 2).set(1, -3f); // x[1, 2]
    x.slice(1, 1, 4, 2).set(0, 1, -4f); // x[0, 3] again
    x.view(12).set(11, -5f);
    x.reshape(2, 6).set(0, 1, -6f);
    x.get(1).set(0, -7f);
    assertArrayEquals(new float[] {0, -6, 2, -4, -7, 5, -3, 7, -2, 9, 10, -5}, x.toFloatArray());
  }

  @Test
  void copiesShareNothing() {
    NdArray x = grid();
    NdArray copy = x.copy();
    NdArray reshaped = x.t().reshape(12); // not viewable: reshape copies
    NdArray contiguous = x.t().contiguous();
    copy.set(0, 0, 100f);
    reshaped.set(0, 100f);
    contiguous.set(0, 0, 100f);
    assertEquals(0.0, x.get(0, 0).item());
    assertArrayEquals(new float[] {100, 4, 8, 1}, reshaped.narrow(0, 0, 4).toFloatArray());
  }

  @Test
  void noOpConversionsReturnTheSameArray() {
    NdArray x = grid();
    assertSame(x, x.contiguous());
    assertSame(x, x.cast(DType.F32));
    assertSame(x, x.to(Device.CPU));
    assertNotSame(x, x.copy());
    assertNotSame(x, x.cast(DType.F64));
  }

  @Test
  void readsIntoJavaArraysAreFreshCopies() {
    NdArray x = grid();
    x.toFloatArray()[0] = 50;
    x.toDoubleArray()[0] = 50;
    x.toIntArray()[0] = 50;
    assertEquals(0.0, x.get(0, 0).item());
    assertEquals(7, NdArray.of(new long[] {7}).itemLong());
    assertEquals(1L << 53 | 1, NdArray.of(new long[] {1L << 53 | 1}).itemLong(), "exact beyond 2^53");
  }

  @Test
  void setWritesOneElementAtTwoToFourIndices() {
    NdArray x = NdArray.zeros(2, 2, 2, 2);
    x.set(1, 0, 1, 1, 4f);
    x.get(0).set(1, 1, 1, 3f);
    x.get(1, 1).set(0, 0, 2f);
    x.get(0, 0, 0).set(1, 1f);
    float[] values = x.toFloatArray();
    assertEquals(4f, values[8 + 2 + 1]);
    assertEquals(3f, values[4 + 2 + 1]);
    assertEquals(2f, values[8 + 4]);
    assertEquals(1f, values[1]);
    assertEquals(10f, x.sum().item());
  }

  @Test
  void setConvertsToTheArraysDtype() {
    NdArray ints = NdArray.zeros(Shape.of(2), DType.I64);
    ints.set(1, 2.9f);
    assertArrayEquals(new long[] {0, 2}, ints.toLongArray());
    NdArray mask = NdArray.zeros(Shape.of(2), DType.BOOL);
    mask.set(0, 0.5f);
    assertArrayEquals(new boolean[] {true, false}, mask.toBooleanArray());
  }

  @Test
  void setAtFillsTheWholeSubArray() {
    NdArray x = grid();
    x.setAt(new int[] {1}, 7);
    x.setAt(new int[] {-1, -1}, -1);
    assertArrayEquals(new float[] {0, 1, 2, 3, 7, 7, 7, 7, 8, 9, 10, -1}, x.toFloatArray());
  }

  @Test
  void copyFromBroadcastsAndCasts() {
    NdArray target = NdArray.zeros(Shape.of(2, 3), DType.F64);
    target.copyFrom(NdArray.of(new long[] {1, 2, 3}, 3));
    assertArrayEquals(new double[] {1, 2, 3, 1, 2, 3}, target.toDoubleArray());
    target.t().copyFrom(NdArray.of(new float[] {-1, -2}, 1, 2));
    assertArrayEquals(new double[] {-1, -1, -1, -2, -2, -2}, target.toDoubleArray());
  }

  @Test
  void copyFromAnOverlappingViewReadsBeforeItWrites() {
    NdArray x = NdArray.arange(0, 5, 1);
    x.narrow(0, 1, 4).copyFrom(x.narrow(0, 0, 4));
    assertArrayEquals(new float[] {0, 0, 1, 2, 3}, x.toFloatArray());
    NdArray y = NdArray.arange(0, 5, 1);
    y.narrow(0, 0, 4).copyFrom(y.narrow(0, 1, 4));
    assertArrayEquals(new float[] {1, 2, 3, 4, 4}, y.toFloatArray());
    NdArray square = NdArray.arange(0, 4, 1).reshape(2, 2);
    square.copyFrom(square.t());
    assertArrayEquals(new float[] {0, 2, 1, 3}, square.toFloatArray());
  }

  @Test
  void squeezeAndUnsqueezeAreViews() {
    NdArray x = NdArray.zeros(1, 3, 1);
    x.squeeze().set(2, 5f);
    x.unsqueeze(0).set(0, 0, 1, 0, 6f);
    assertArrayEquals(new float[] {0, 6, 5}, x.toFloatArray());
    assertEquals(Shape.scalar(), NdArray.zeros(1, 1).squeeze().shape());
  }

  @Test
  void splitAndChunkReturnViews() {
    NdArray x = grid();
    x.split(3, 1).get(1).set(0, 0, -1f);
    x.chunk(3, 0).get(2).set(0, 0, -2f);
    assertEquals(-1.0, x.get(0, 3).item());
    assertEquals(-2.0, x.get(2, 0).item());
  }

  @Test
  void nanPropagatesLikePyTorch() {
    NdArray x = NdArray.of(new float[] {1, Float.NaN, 3, -2}, 4);
    assertTrue(Double.isNaN(x.max().item()));
    assertTrue(Double.isNaN(x.min().item()));
    assertEquals(1, x.argmax().itemLong());
    assertEquals(1, x.argmin().itemLong());
    assertTrue(Double.isNaN(x.sum().item()));
    float[] relu = x.relu().toFloatArray();
    assertTrue(Float.isNaN(relu[1]));
    assertEquals(3f, relu[2]);
    assertTrue(Float.isNaN(x.maximum(NdArray.zeros(4)).toFloatArray()[1]));
    assertTrue(Float.isNaN(x.minimum(NdArray.zeros(4)).toFloatArray()[1]));
    assertTrue(Float.isNaN(x.sign().toFloatArray()[1]));
    assertTrue(Float.isNaN(x.clamp(0, 1).toFloatArray()[1]));
    assertArrayEquals(new boolean[] {false, false, true, false}, x.gt(2).toBooleanArray());
    assertArrayEquals(new boolean[] {true, true, true, true}, x.ne(x.plus(1)).toBooleanArray());
    assertArrayEquals(new boolean[] {true, false, true, true}, x.eq(x).toBooleanArray());
  }

  @Test
  void softmaxOfAnAllMinusInfinityRowIsNaNAndOthersAreExact() {
    float inf = Float.POSITIVE_INFINITY;
    NdArray x = NdArray.of(new float[] {-inf, -inf, 0, -inf, inf, 0}, 3, 2);
    float[] p = x.softmax(1).toFloatArray();
    assertTrue(Float.isNaN(p[0]) && Float.isNaN(p[1]));
    assertArrayEquals(new float[] {1, 0}, new float[] {p[2], p[3]});
    assertTrue(Float.isNaN(p[4]), "inf - inf");
    assertEquals(Double.NEGATIVE_INFINITY, x.logSumExp(1).toDoubleArray()[0]);
    assertEquals(inf, x.logSumExp(1).toFloatArray()[2]);
  }
}
