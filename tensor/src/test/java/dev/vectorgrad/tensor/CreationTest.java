package dev.vectorgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The factories, checked against values written out by hand. */
class CreationTest {
  private static void assertArray(double[] expected, int[] shape, DType dtype, NdArray actual) {
    assertArrayEquals(shape, actual.shape().toArray(), "shape");
    assertEquals(dtype, actual.dtype(), "dtype");
    assertArrayEquals(expected, actual.toDoubleArray(), "values");
  }

  @Test
  void zerosOnesAndFull() {
    assertArray(new double[6], new int[] {2, 3}, DType.F32, NdArray.zeros(2, 3));
    assertArray(new double[] {0}, new int[0], DType.F32, NdArray.zeros());
    assertArray(new double[0], new int[] {0, 4}, DType.F64,
        NdArray.zeros(Shape.of(0, 4), DType.F64));
    assertArray(new double[] {1, 1}, new int[] {2}, DType.F32, NdArray.ones(2));
    assertArray(new double[] {1, 1, 1}, new int[] {3, 1}, DType.I32,
        NdArray.ones(Shape.of(3, 1), DType.I32));
    assertArray(new double[] {2.5, 2.5, 2.5, 2.5}, new int[] {2, 2}, DType.F32,
        NdArray.full(Shape.of(2, 2), 2.5));
    assertArray(new double[] {7, 7}, new int[] {1, 2}, DType.I64,
        NdArray.full(Shape.of(1, 2), 7, DType.I64));
    assertArray(new double[] {-3}, new int[0], DType.F64,
        NdArray.full(Shape.scalar(), -3, DType.F64));
  }

  @Test
  void filledArraysOwnTheirElements() {
    NdArray a = NdArray.full(Shape.of(2, 2), 1);
    a.set(0, 1, 5f);
    assertArrayEquals(new float[] {1, 5, 1, 1}, a.toFloatArray());
  }

  @Test
  void scalars() {
    assertArray(new double[] {3}, new int[0], DType.F32, NdArray.scalar(3));
    assertArray(new double[] {0.1}, new int[0], DType.F64, NdArray.scalar(0.1, DType.F64));
    assertArray(new double[] {1}, new int[0], DType.BOOL, NdArray.scalar(-2, DType.BOOL));
  }

  @Test
  void identityMatrices() {
    assertArray(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new int[] {3, 3}, DType.F32,
        NdArray.eye(3));
    assertArray(new double[] {1, 0, 0, 0, 1, 0}, new int[] {2, 3}, DType.F32, NdArray.eye(2, 3));
    assertArray(new double[] {1, 0, 0, 1, 0, 0}, new int[] {3, 2}, DType.F32, NdArray.eye(3, 2));
    assertArray(new double[0], new int[] {0, 0}, DType.F32, NdArray.eye(0));
  }

  @Test
  void aranges() {
    assertArray(new double[] {0, 1, 2, 3, 4}, new int[] {5}, DType.I64, NdArray.arange(5));
    assertArray(new double[0], new int[] {0}, DType.I64, NdArray.arange(0));
    assertArray(new double[] {1, 1.5, 2}, new int[] {3}, DType.F32, NdArray.arange(1, 2.5, 0.5));
    assertArray(new double[] {5, 3.5, 2, 0.5}, new int[] {4}, DType.F32,
        NdArray.arange(5, 0, -1.5));
    assertArray(new double[0], new int[] {0}, DType.F32, NdArray.arange(3, 1, 1));
    // (1 - 0) / 0.3 is 3.33: four values, the last below the end, computed in double like PyTorch.
    assertArrayEquals(new float[] {0, 0.3f, 0.6f, 0.9f}, NdArray.arange(0, 1, 0.3).toFloatArray());
  }

  @Test
  void linspaceIncludesBothEnds() {
    assertArray(new double[] {0, 0.25, 0.5, 0.75, 1}, new int[] {5}, DType.F32,
        NdArray.linspace(0, 1, 5));
    assertArray(new double[] {3, -1}, new int[] {2}, DType.F32, NdArray.linspace(3, -1, 2));
    assertArray(new double[0], new int[] {0}, DType.F32, NdArray.linspace(2, 3, 0));
    float[] tenths = NdArray.linspace(0, 0.3, 4).toFloatArray();
    assertEquals(0.3f, tenths[3]); // filled from the end, so no drift reaches the last value
    assertEquals(0.1f, tenths[1]);
  }

  @Test
  void linspaceOfOneStepIsTheStartLikePyTorch() {
    assertArray(new double[] {-1}, new int[] {1}, DType.F32, NdArray.linspace(-1, 1, 1));
  }

  @Test
  void ofCopiesItsDataAndReadsTheDtypeFromTheArrayType() {
    float[] data = {1, 2, 3, 4};
    NdArray x = NdArray.of(data, 2, 2);
    data[0] = 9;
    assertArray(new double[] {1, 2, 3, 4}, new int[] {2, 2}, DType.F32, x);
    assertArray(new double[] {1, 2}, new int[] {2}, DType.F64, NdArray.of(new double[] {1, 2}));
    assertArray(new double[] {-1}, new int[] {1, 1}, DType.I32, NdArray.of(new int[] {-1}, 1, 1));
    assertArray(new double[] {5, 6}, new int[] {2}, DType.I64, NdArray.of(new long[] {5, 6}));
    assertArray(new double[] {1, 0}, new int[] {2}, DType.BOOL,
        NdArray.of(new boolean[] {true, false}));
    assertArray(new double[0], new int[] {3, 0}, DType.F32, NdArray.of(new float[0], 3, 0));
  }

  @Test
  void randomFactoriesHaveTheRequestedShapeAndDtype() {
    assertArrayEquals(new int[] {2, 3}, NdArray.rand(2, 3).shape().toArray());
    assertEquals(DType.F32, NdArray.randn(4).dtype());
    assertEquals(DType.F64, NdArray.randn(Shape.of(1), DType.F64).dtype());
    assertEquals(DType.I64, NdArray.randint(0, 3, Shape.of(2)).dtype());
    assertEquals(0, NdArray.rand(0).numel());
  }
}
