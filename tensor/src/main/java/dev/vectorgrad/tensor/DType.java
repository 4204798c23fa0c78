package dev.vectorgrad.tensor;

/**
 * Element types. {@link #F32} is the default; {@link #F64} serves references and gradient checks;
 * the integer types hold labels and indices; {@link #BOOL} holds masks.
 *
 * <p>Promotion follows PyTorch's category order {@code BOOL < I32 < I64 < F32 < F64}: an op on two
 * types computes in the larger one.
 */
public enum DType {
  BOOL("bool", 1),
  I32("int32", 4),
  I64("int64", 8),
  F32("float32", 4),
  F64("float64", 8);

  private final String displayName;
  private final int byteSize;

  DType(String displayName, int byteSize) {
    this.displayName = displayName;
    this.byteSize = byteSize;
  }

  /** The name PyTorch and NumPy print, e.g. {@code float32}. */
  public String displayName() {
    return displayName;
  }

  /** Bytes per element. */
  public int byteSize() {
    return byteSize;
  }

  public boolean isFloating() {
    return this == F32 || this == F64;
  }

  /** True for the integer types I32 and I64 (not BOOL). */
  public boolean isInteger() {
    return this == I32 || this == I64;
  }

  /** The type an op on {@code a} and {@code b} computes in. */
  public static DType promote(DType a, DType b) {
    return a.ordinal() >= b.ordinal() ? a : b;
  }

  /** This type if floating, else {@link #F32}: what exp, log or division of integers produce. */
  public DType toFloating() {
    return isFloating() ? this : F32;
  }
}
