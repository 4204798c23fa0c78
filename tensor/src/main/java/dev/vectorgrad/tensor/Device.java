package dev.vectorgrad.tensor;

import dev.vectorgrad.tensor.spi.Backends;
import java.util.List;

/**
 * Where an array's memory lives: {@code cpu} or an accelerator such as {@code opencl:0}. Ops need
 * all their inputs on one device; {@link NdArray#to(Device)} copies between devices.
 */
public final class Device {
  /** The host: Java heap arrays, computed by the best available CPU backend. */
  public static final Device CPU = new Device("cpu", -1);

  private final String type;
  private final int index;

  private Device(String type, int index) {
    this.type = type;
    this.index = index;
  }

  public static Device cpu() {
    return CPU;
  }

  /** The OpenCL device with the given index in {@link #available()} order. */
  public static Device opencl(int index) {
    return of("opencl", index);
  }

  /** A device of a backend's own type, e.g. {@code of("opencl", 0)}; for backend providers. */
  public static Device of(String type, int index) {
    if (type.equals("cpu")) {
      return CPU;
    }
    if (index < 0) {
      throw new IndexOutOfRangeException("device " + type + ": index " + index + " is negative");
    }
    return new Device(type, index);
  }

  /** Every device a backend found, CPU first. */
  public static List<Device> available() {
    return Backends.devices();
  }

  /** An accelerator if one is available, else the CPU. */
  public static Device best() {
    List<Device> all = available();
    return all.get(all.size() > 1 ? 1 : 0);
  }

  public String type() {
    return type;
  }

  /** Index among devices of this type; -1 for the CPU. */
  public int index() {
    return index;
  }

  public boolean isCpu() {
    return this == CPU;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Device && ((Device) o).type.equals(type) && ((Device) o).index == index;
  }

  @Override
  public int hashCode() {
    return 31 * type.hashCode() + index; // no varargs array: devices are hashed on every op
  }

  /** {@code cpu} or {@code type:index}, as PyTorch prints devices. */
  @Override
  public String toString() {
    return index < 0 ? type : type + ":" + index;
  }
}
