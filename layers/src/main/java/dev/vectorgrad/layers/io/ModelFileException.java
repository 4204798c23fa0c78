package dev.vectorgrad.layers.io;

import dev.vectorgrad.tensor.VectorgradException;

/** A model or checkpoint file that cannot be read or written: corrupt, truncated, or unwritable. */
public class ModelFileException extends VectorgradException {
  public ModelFileException(String message) {
    super(message);
  }

  public ModelFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
