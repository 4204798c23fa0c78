package dev.vectorgrad.tensor;

/** An element type that an op does not accept, or two that it cannot combine. */
public class DTypeMismatchException extends VectorgradException {
  public DTypeMismatchException(String message) {
    super(message);
  }
}
