package dev.vectorgrad.tensor.spi;

import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.Device;

/**
 * A flat block of elements of one dtype in one device's memory. Arrays are views onto storage
 * (offset and strides), so many arrays may share one storage.
 */
public interface Storage {
  DType dtype();

  /** Number of elements. */
  int length();

  Device device();
}
