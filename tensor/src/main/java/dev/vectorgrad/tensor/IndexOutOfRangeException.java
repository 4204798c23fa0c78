package dev.vectorgrad.tensor;

/** An axis, an element index or an index-array entry outside the valid range. */
public class IndexOutOfRangeException extends VectorgradException {
  public IndexOutOfRangeException(String message) {
    super(message);
  }
}
