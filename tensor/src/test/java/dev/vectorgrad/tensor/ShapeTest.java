package dev.vectorgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShapeTest {
  @Test
  void rankAndElementCount() {
    assertEquals(0, Shape.scalar().rank());
    assertEquals(1, Shape.scalar().numel());
    assertSame(Shape.scalar(), Shape.of());
    assertEquals(3, Shape.of(2, 3, 4).rank());
    assertEquals(24, Shape.of(2, 3, 4).numel());
    assertEquals(0, Shape.of(2, 0, 4).numel());
    assertEquals(Integer.MAX_VALUE, Shape.of(Integer.MAX_VALUE, 1).numel());
  }

  @Test
  void dimensionsCountFromEitherEnd() {
    Shape s = Shape.of(2, 3, 4);
    assertEquals(2, s.dim(0));
    assertEquals(4, s.dim(2));
    assertEquals(4, s.dim(-1));
    assertEquals(2, s.dim(-3));
    assertEquals(1, s.axis(-2, "op"));
  }

  @Test
  void badAxesNameTheOpAndTheValidRange() {
    IndexOutOfRangeException e =
        assertThrowsExactly(IndexOutOfRangeException.class, () -> Shape.of(2, 3).axis(2, "sum"));
    assertEquals("sum: axis 2 is out of range for rank 2 (expected -2 to 1)", e.getMessage());
    assertThrowsExactly(IndexOutOfRangeException.class, () -> Shape.of(2, 3).dim(-3));
    assertThrowsExactly(IndexOutOfRangeException.class, () -> Shape.scalar().dim(0));
  }

  @Test
  void sizesAreCopiedInAndOut() {
    int[] dims = {2, 3};
    Shape s = Shape.of(dims);
    dims[0] = 7;
    assertEquals(2, s.dim(0));
    s.toArray()[1] = 9;
    assertArrayEquals(new int[] {2, 3}, s.toArray());
  }

  @Test
  void contiguousStridesAreRowMajorAndSkipEmptyDimensions() {
    assertArrayEquals(new int[] {12, 4, 1}, Shape.of(2, 3, 4).contiguousStrides());
    assertArrayEquals(new int[] {3, 3, 1}, Shape.of(2, 0, 3).contiguousStrides());
    assertArrayEquals(new int[] {1}, Shape.of(5).contiguousStrides());
    assertArrayEquals(new int[0], Shape.scalar().contiguousStrides());
  }

  @Test
  void broadcastAlignsFromTheRight() {
    assertEquals(Shape.of(3, 4), Shape.broadcast("op", Shape.of(3, 1), Shape.of(4)));
    assertEquals(Shape.of(2, 3, 4), Shape.broadcast("op", Shape.of(2, 1, 4), Shape.of(3, 1)));
    assertEquals(Shape.of(2, 3), Shape.broadcast("op", Shape.scalar(), Shape.of(2, 3)));
    assertEquals(Shape.of(0, 3), Shape.broadcast("op", Shape.of(0, 1), Shape.of(3)));
    assertEquals(Shape.of(0), Shape.broadcast("op", Shape.of(1), Shape.of(0)));
    assertEquals(Shape.scalar(), Shape.broadcast("op", Shape.scalar(), Shape.scalar()));
  }

  @Test
  void broadcastFailureNamesBothShapesAndTheDimension() {
    ShapeMismatchException e = assertThrowsExactly(ShapeMismatchException.class,
        () -> Shape.broadcast("add", Shape.of(2, 3), Shape.of(4)));
    assertEquals(
        "add: shapes [2, 3] and [4] cannot be broadcast (size 3 vs 4 at dimension 1 of the result)",
        e.getMessage());
    assertThrowsExactly(ShapeMismatchException.class,
        () -> Shape.broadcast("add", Shape.of(0), Shape.of(2)));
  }

  @Test
  void negativeAndOversizedShapesAreRejected() {
    assertTrue(assertThrowsExactly(ShapeMismatchException.class, () -> Shape.of(2, -1))
        .getMessage().contains("[2, -1] has a negative size"));
    assertTrue(assertThrowsExactly(ShapeMismatchException.class, () -> Shape.of(1 << 16, 1 << 15))
        .getMessage().contains("more than 2^31-1 elements"));
  }

  @Test
  void valueSemanticsAndPrinting() {
    assertEquals(Shape.of(2, 3), Shape.of(2, 3));
    assertEquals(Shape.of(2, 3).hashCode(), Shape.of(2, 3).hashCode());
    assertNotEquals(Shape.of(2, 3), Shape.of(3, 2));
    assertNotEquals(Shape.of(1), Shape.scalar());
    assertNotEquals(Shape.of(2, 3), "[2, 3]");
    assertEquals("[2, 3]", Shape.of(2, 3).toString());
    assertEquals("[]", Shape.scalar().toString());
  }
}
