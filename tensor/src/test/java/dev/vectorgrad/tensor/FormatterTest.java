package dev.vectorgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@code toString} against the strings PyTorch 2 prints for the same data and dtype (with
 * Vectorgrad's dtype names, {@code float64} for {@code torch.float64}, and sizes as lists).
 */
class FormatterTest {
  private static NdArray floats(float... values) {
    return NdArray.of(values, values.length);
  }

  @Test
  void integerValuedFloatsPrintWithATrailingPoint() {
    assertEquals("tensor([[0., 1., 2.],\n        [3., 4., 5.]])",
        NdArray.arange(0, 6, 1).reshape(2, 3).toString());
    assertEquals("tensor([ 0., 10., -3.])", floats(0, 10, -3).toString());
  }

  @Test
  void fractionsPrintWithFourDecimalsInOneWidth() {
    assertEquals("tensor(3.1416)", NdArray.scalar(Math.PI).toString());
    assertEquals("tensor([-1.5000,  0.2500,  3.0000])", floats(-1.5f, 0.25f, 3).toString());
    assertEquals("tensor([[ 0.1235, -1.0000]])",
        NdArray.of(new float[] {0.12345678f, -1}, 1, 2).toString());
  }

  @Test
  void spreadOrExtremeMagnitudesSwitchToScientific() {
    assertEquals("tensor([1.0000e-05, 1.0000e+03])", floats(1e-5f, 1e3f).toString());
    assertEquals("tensor([5.0000e-05, 1.0000e+00])", floats(5e-5f, 1).toString());
    // Integer-valued floats too: a ratio above 1000 or a value above 1e8.
    assertEquals("tensor([1.0000e+00, 1.0000e+04])", floats(1, 10000).toString());
    assertEquals("tensor([1.0000e+09, 1.0000e+00])", floats(1e9f, 1).toString());
    assertEquals("tensor([   1., 1000.])", floats(1, 1000).toString());
  }

  @Test
  void zerosNanAndInfinityDoNotWidenColumns() {
    assertEquals("tensor([nan, 1.])", floats(Float.NaN, 1).toString());
    assertEquals("tensor([0., inf])", floats(0, Float.POSITIVE_INFINITY).toString());
    assertEquals("tensor([-inf, 2.])", floats(Float.NEGATIVE_INFINITY, 2).toString());
    assertEquals("tensor([1.5000,    nan])", floats(1.5f, Float.NaN).toString());
    assertEquals("tensor([0., 0.])", NdArray.zeros(2).toString());
    assertEquals("tensor([nan, inf])", floats(Float.NaN, Float.POSITIVE_INFINITY).toString());
  }

  @Test
  void otherDtypesNameThemselves() {
    assertEquals("tensor([ 1.5000, -2.2500], dtype=float64)",
        NdArray.of(new double[] {1.5, -2.25}, 2).toString());
    assertEquals("tensor(2.5000, dtype=float64)", NdArray.scalar(2.5, DType.F64).toString());
    assertEquals("tensor([-1, 20], dtype=int32)", NdArray.of(new int[] {-1, 20}, 2).toString());
    assertEquals("tensor([0, 1, 2])", NdArray.arange(3).toString());
    assertEquals("tensor([ True, False,  True])",
        NdArray.of(new boolean[] {true, false, true}, 3).toString());
    assertEquals("tensor(False)", NdArray.scalar(0, DType.BOOL).toString());
  }

  @Test
  void emptyArraysShowTheirSizeAndAnyDtypeButTheDefault() {
    assertEquals("tensor([])", NdArray.zeros(0).toString());
    assertEquals("tensor([], size=[0, 3])", NdArray.zeros(0, 3).toString());
    assertEquals("tensor([], dtype=int64)", NdArray.arange(0).toString());
    assertEquals("tensor([], size=[2, 0], dtype=float64)",
        NdArray.zeros(Shape.of(2, 0), DType.F64).toString());
    assertEquals("tensor([], dtype=bool)", NdArray.of(new boolean[0], 0).toString());
  }

  @Test
  void higherRanksSeparateBlocksWithBlankLines() {
    assertEquals(
        "tensor([[[0, 1],\n"
            + "         [2, 3]],\n"
            + "\n"
            + "        [[4, 5],\n"
            + "         [6, 7]]])",
        NdArray.arange(8).reshape(2, 2, 2).toString());
  }

  @Test
  void longRowsWrapAtEightyColumns() {
    assertEquals(
        "tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13.,\n"
            + "        14., 15., 16., 17., 18., 19.])",
        NdArray.arange(0, 20, 1).toString());
    assertEquals(
        "tensor([[ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13.,\n"
            + "         14., 15.]])",
        NdArray.arange(0, 16, 1).reshape(1, 16).toString());
  }

  @Test
  void aDtypeThatWouldPassTheLineWidthGoesOnItsOwnLine() {
    assertEquals(
        "tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13.],\n"
            + "       dtype=float64)",
        NdArray.arange(0, 14, 1).cast(DType.F64).toString());
    assertEquals(
        "tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13.,\n"
            + "        14., 15., 16., 17., 18., 19.], dtype=float64)",
        NdArray.arange(0, 20, 1).cast(DType.F64).toString());
  }

  @Test
  void moreThanAThousandElementsAreSummarised() {
    assertEquals("tensor([   0,    1,    2,  ...,  998,  999, 1000])", NdArray.arange(1001).toString());
    assertEquals("tensor([0, 1, 2,  ..., 8, 9, 0])", NdArray.arange(1001).rem(10).toString());
    assertEquals(
        "tensor([[   0,    1,    2,  ...,   47,   48,   49],\n"
            + "        [  50,   51,   52,  ...,   97,   98,   99],\n"
            + "        [ 100,  101,  102,  ...,  147,  148,  149],\n"
            + "        ...,\n"
            + "        [1850, 1851, 1852,  ..., 1897, 1898, 1899],\n"
            + "        [1900, 1901, 1902,  ..., 1947, 1948, 1949],\n"
            + "        [1950, 1951, 1952,  ..., 1997, 1998, 1999]])",
        NdArray.arange(2000).reshape(40, 50).toString());
    // Exactly 1000 elements still print in full.
    assertEquals(1000, NdArray.zeros(1000).toString().split("0\\.").length - 1);
  }

  @Test
  void viewsPrintTheirOwnElements() {
    NdArray x = NdArray.arange(0, 6, 1).reshape(2, 3);
    assertEquals("tensor([[0., 3.],\n        [1., 4.],\n        [2., 5.]])", x.t().toString());
    assertEquals("tensor([1., 4.])", x.select(1, 1).toString());
  }
}
