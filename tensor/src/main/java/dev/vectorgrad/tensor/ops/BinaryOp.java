package dev.vectorgrad.tensor.ops;

import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.DTypeMismatchException;

/**
 * Elementwise ops of two inputs that broadcast against each other. Arithmetic ops compute in the
 * promoted dtype; comparisons compute in the promoted dtype and produce {@link DType#BOOL}.
 */
public enum BinaryOp {
  ADD("add", Kind.ARITHMETIC),
  SUB("sub", Kind.ARITHMETIC),
  MUL("mul", Kind.ARITHMETIC),
  /** True division: integer inputs are computed in F32. */
  DIV("div", Kind.FLOATING),
  /** {@code a ^ b}; integer inputs are computed in F32. */
  POW("pow", Kind.FLOATING),
  MAXIMUM("maximum", Kind.ARITHMETIC),
  MINIMUM("minimum", Kind.ARITHMETIC),
  /** Python's modulo: the result takes the sign of the divisor, like {@code torch.remainder}. */
  REM("rem", Kind.ARITHMETIC),
  /**
   * {@code a} where {@code b > 0}, else 0: relu's gradient {@code a} masked by relu's input {@code
   * b} in one pass (PyTorch's {@code threshold_backward}); NaN in {@code b} masks.
   */
  RELU_GRAD("reluGrad", Kind.ARITHMETIC),
  GT("gt", Kind.COMPARISON),
  GE("ge", Kind.COMPARISON),
  LT("lt", Kind.COMPARISON),
  LE("le", Kind.COMPARISON),
  EQ("eq", Kind.COMPARISON),
  NE("ne", Kind.COMPARISON);

  private enum Kind {
    ARITHMETIC,
    FLOATING,
    COMPARISON
  }

  private final String opName;
  private final Kind kind;

  BinaryOp(String opName, Kind kind) {
    this.opName = opName;
    this.kind = kind;
  }

  public String opName() {
    return opName;
  }

  public boolean isComparison() {
    return kind == Kind.COMPARISON;
  }

  /** The dtype both inputs are cast to before the kernel runs. */
  public DType computeType(DType a, DType b) {
    DType promoted = DType.promote(a, b);
    if (kind == Kind.COMPARISON) {
      return promoted;
    }
    if (promoted == DType.BOOL) {
      throw new DTypeMismatchException(
          opName + ": arithmetic on two bool arrays is not defined; cast one to I64 or F32");
    }
    return kind == Kind.FLOATING ? promoted.toFloating() : promoted;
  }

  /** The dtype of the result. */
  public DType resultType(DType a, DType b) {
    return kind == Kind.COMPARISON ? DType.BOOL : computeType(a, b);
  }
}
