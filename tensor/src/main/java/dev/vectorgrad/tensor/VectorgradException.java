package dev.vectorgrad.tensor;

/**
 * The root of Vectorgrad's exceptions: every error caused by a caller's input is one of these, with
 * a message that names the op and the shapes, dtypes or devices involved.
 */
public class VectorgradException extends RuntimeException {
  public VectorgradException(String message) {
    super(message);
  }

  public VectorgradException(String message, Throwable cause) {
    super(message, cause);
  }
}
