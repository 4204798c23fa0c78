package dev.vectorgrad.tensor.spi;

import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.Device;

/**
 * CPU storage on the Java heap: one primitive array per dtype. Every backend reads and writes host
 * data in this form, and the CPU backends compute on it directly.
 */
public abstract class HeapStorage implements Storage {
  /** A zero-filled storage. */
  public static HeapStorage allocate(DType dtype, int length) {
    switch (dtype) {
      case F32:
        return new Floats(new float[length]);
      case F64:
        return new Doubles(new double[length]);
      case I32:
        return new Ints(new int[length]);
      case I64:
        return new Longs(new long[length]);
      case BOOL:
        return new Bools(new boolean[length]);
    }
    throw new AssertionError(dtype);
  }

  @Override
  public Device device() {
    return Device.CPU;
  }

  /** Element {@code i} as a double (exact for every dtype but I64 beyond 2^53). */
  public abstract double get(int i);

  public abstract void set(int i, double value);

  /** Element {@code i} as a long; floating values are truncated toward zero. */
  public abstract long getLong(int i);

  public abstract void setLong(int i, long value);

  /** F32 elements. */
  public static final class Floats extends HeapStorage {
    private final float[] data;

    public Floats(float[] data) {
      this.data = data;
    }

    public float[] array() {
      return data;
    }

    @Override public DType dtype() { return DType.F32; }
    @Override public int length() { return data.length; }
    @Override public double get(int i) { return data[i]; }
    @Override public void set(int i, double value) { data[i] = (float) value; }
    @Override public long getLong(int i) { return (long) data[i]; }
    @Override public void setLong(int i, long value) { data[i] = value; }
  }

  /** F64 elements. */
  public static final class Doubles extends HeapStorage {
    private final double[] data;

    public Doubles(double[] data) {
      this.data = data;
    }

    public double[] array() {
      return data;
    }

    @Override public DType dtype() { return DType.F64; }
    @Override public int length() { return data.length; }
    @Override public double get(int i) { return data[i]; }
    @Override public void set(int i, double value) { data[i] = value; }
    @Override public long getLong(int i) { return (long) data[i]; }
    @Override public void setLong(int i, long value) { data[i] = value; }
  }

  /** I32 elements. */
  public static final class Ints extends HeapStorage {
    private final int[] data;

    public Ints(int[] data) {
      this.data = data;
    }

    public int[] array() {
      return data;
    }

    @Override public DType dtype() { return DType.I32; }
    @Override public int length() { return data.length; }
    @Override public double get(int i) { return data[i]; }
    @Override public void set(int i, double value) { data[i] = (int) value; }
    @Override public long getLong(int i) { return data[i]; }
    @Override public void setLong(int i, long value) { data[i] = (int) value; }
  }

  /** I64 elements. */
  public static final class Longs extends HeapStorage {
    private final long[] data;

    public Longs(long[] data) {
      this.data = data;
    }

    public long[] array() {
      return data;
    }

    @Override public DType dtype() { return DType.I64; }
    @Override public int length() { return data.length; }
    @Override public double get(int i) { return data[i]; }
    @Override public void set(int i, double value) { data[i] = (long) value; }
    @Override public long getLong(int i) { return data[i]; }
    @Override public void setLong(int i, long value) { data[i] = value; }
  }

  /** BOOL elements; reads give 1 or 0, writes store {@code value != 0}. */
  public static final class Bools extends HeapStorage {
    private final boolean[] data;

    public Bools(boolean[] data) {
      this.data = data;
    }

    public boolean[] array() {
      return data;
    }

    @Override public DType dtype() { return DType.BOOL; }
    @Override public int length() { return data.length; }
    @Override public double get(int i) { return data[i] ? 1 : 0; }
    @Override public void set(int i, double value) { data[i] = value != 0; }
    @Override public long getLong(int i) { return data[i] ? 1 : 0; }
    @Override public void setLong(int i, long value) { data[i] = value != 0; }
  }
}
