package dev.vectorgrad.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.tensor.VectorgradException;
import org.junit.jupiter.api.Test;

/** Dimension merging needs no device: these run everywhere. */
class CollapsedShapeTest {
  private static CollapsedShape collapse(int[] shape, int[]... strides) {
    return CollapsedShape.of("copy", shape, strides);
  }

  @Test
  void contiguousViewsMergeIntoOneDimension() {
    CollapsedShape shape = collapse(new int[] {2, 3, 4}, new int[] {12, 4, 1}, new int[] {12, 4, 1});
    assertArrayEquals(new int[] {24}, shape.sizes());
    assertArrayEquals(new int[] {1}, shape.strides(0));
    assertArrayEquals(new int[] {1}, shape.strides(1));
  }

  @Test
  void transposeKeepsBothDimensions() {
    CollapsedShape shape = collapse(new int[] {3, 4}, new int[] {1, 3}, new int[] {4, 1});
    assertArrayEquals(new int[] {3, 4}, shape.sizes());
    assertArrayEquals(new int[] {1, 3}, shape.strides(0));
    assertArrayEquals(new int[] {4, 1}, shape.strides(1));
  }

  @Test
  void broadcastRowMergesOnlyWhereEveryViewAgrees() {
    // a [2, 3, 4] contiguous plus a row of 4 expanded: the two leading dimensions merge for both.
    CollapsedShape shape = collapse(new int[] {2, 3, 4}, new int[] {12, 4, 1}, new int[] {0, 0, 1});
    assertArrayEquals(new int[] {6, 4}, shape.sizes());
    assertArrayEquals(new int[] {4, 1}, shape.strides(0));
    assertArrayEquals(new int[] {0, 1}, shape.strides(1));
  }

  @Test
  void sizeOneDimensionsAreDroppedWhateverTheirStride() {
    CollapsedShape shape = collapse(new int[] {1, 5, 1, 2}, new int[] {99, 2, 7, 1});
    assertArrayEquals(new int[] {10}, shape.sizes());
    assertArrayEquals(new int[] {1}, shape.strides(0));
  }

  @Test
  void narrowedColumnsStayUnmerged() {
    // the first 3 of 6 columns: a row ends before the next begins, so rows and columns stay apart.
    CollapsedShape shape = collapse(new int[] {4, 3}, new int[] {6, 1}, new int[] {3, 1});
    assertArrayEquals(new int[] {4, 3}, shape.sizes());
    assertArrayEquals(new int[] {6, 1}, shape.strides(0));
    assertArrayEquals(new int[] {3, 1}, shape.strides(1));
  }

  @Test
  void everyOtherColumnIsOneUniformStride() {
    CollapsedShape shape = collapse(new int[] {4, 3}, new int[] {6, 2}, new int[] {3, 1});
    assertArrayEquals(new int[] {12}, shape.sizes());
    assertArrayEquals(new int[] {2}, shape.strides(0));
  }

  @Test
  void scalarsHaveRankZero() {
    CollapsedShape shape = collapse(new int[0], new int[0], new int[0]);
    assertEquals(0, shape.rank());
    assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 1}, shape.sizesVector());
    assertArrayEquals(new int[8], shape.stridesVector(1));
  }

  @Test
  void vectorsArePaddedToEightLanes() {
    CollapsedShape shape = collapse(new int[] {3, 4}, new int[] {1, 3});
    assertArrayEquals(new int[] {3, 4, 1, 1, 1, 1, 1, 1}, shape.sizesVector());
    assertArrayEquals(new int[] {1, 3, 0, 0, 0, 0, 0, 0}, shape.stridesVector(0));
  }

  @Test
  void moreThanEightUnmergeableDimensionsAreRejected() {
    int[] sizes = {2, 2, 2, 2, 2, 2, 2, 2, 2};
    int[] reversed = {1, 2, 4, 8, 16, 32, 64, 128, 256}; // a full transpose: nothing merges
    VectorgradException e =
        assertThrows(VectorgradException.class, () -> collapse(sizes, reversed));
    assertTrue(
        e.getMessage().contains("copy: views of shape [2, 2, 2, 2, 2, 2, 2, 2, 2] keep 9"),
        e.getMessage());
  }

  @Test
  void highRankContiguousViewsStillFit() {
    int[] sizes = {2, 2, 2, 2, 2, 2, 2, 2, 2, 2};
    int[] strides = {512, 256, 128, 64, 32, 16, 8, 4, 2, 1};
    assertArrayEquals(new int[] {1024}, collapse(sizes, strides).sizes());
  }
}
