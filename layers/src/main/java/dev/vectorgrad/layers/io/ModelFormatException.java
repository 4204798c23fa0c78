package dev.vectorgrad.layers.io;

import dev.vectorgrad.tensor.VectorgradException;

/** A model or checkpoint file that cannot be read or written: corrupt, truncated, or unwritable. */
public class ModelFormatException extends VectorgradException {
  public ModelFormatException(String message) {
    super(message);
  }

  public ModelFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
