package dev.vectorgrad.tensor;

/** Arrays on different devices given to one op, or a device that is not available. */
public class DeviceMismatchException extends VectorgradException {
  public DeviceMismatchException(String message) {
    super(message);
  }
}
