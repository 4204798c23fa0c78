package dev.vectorgrad.tensor.ops;

import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.DTypeMismatchException;

/**
 * Elementwise ops of one input. Each backend supplies a kernel per constant; the shape rule is the
 * identity and {@link #resultType} is the dtype rule.
 */
public enum UnaryOp {
  NEG("neg", false),
  ABS("abs", false),
  SIGN("sign", false),
  RELU("relu", false),
  EXP("exp", true),
  LOG("log", true),
  LOG1P("log1p", true),
  SQRT("sqrt", true),
  RSQRT("rsqrt", true),
  SIN("sin", true),
  COS("cos", true),
  TANH("tanh", true),
  SIGMOID("sigmoid", true),
  /** The exact GELU, {@code x * Phi(x)}, PyTorch's default. */
  GELU("gelu", true),
  /** {@code log(1 + exp(x))}, evaluated without overflow. */
  SOFTPLUS("softplus", true),
  ERF("erf", true);

  private final String opName;
  private final boolean floatingOnly;

  UnaryOp(String opName, boolean floatingOnly) {
    this.opName = opName;
    this.floatingOnly = floatingOnly;
  }

  /** The user-facing name used in error messages. */
  public String opName() {
    return opName;
  }

  /**
   * The dtype of the result, which is also the dtype the kernel receives its input in: integer
   * inputs of transcendental ops are computed in F32, as PyTorch does.
   */
  public DType resultType(DType input) {
    if (input == DType.BOOL) {
      throw new DTypeMismatchException(opName + ": not defined for bool; cast the mask first");
    }
    return floatingOnly ? input.toFloating() : input;
  }
}
