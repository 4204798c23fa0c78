package dev.vectorgrad.tensor;

/** Shapes that an op cannot combine, e.g. {@code matmul: [2, 3] x [4, 5]: inner dimensions 3 and 4 differ}. */
public class ShapeMismatchException extends VectorgradException {
  public ShapeMismatchException(String message) {
    super(message);
  }
}
