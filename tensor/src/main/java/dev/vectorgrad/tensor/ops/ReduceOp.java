package dev.vectorgrad.tensor.ops;

import dev.vectorgrad.tensor.DType;

/**
 * Reductions of the inner axis of a {@code [outer, inner]} view to {@code [outer]}. Mean, var,
 * std and logSumExp are composed from these in {@code NdArray}.
 */
public enum ReduceOp {
  SUM("sum"),
  PROD("prod"),
  /** Propagates NaN, as PyTorch does. */
  MAX("max"),
  MIN("min"),
  /** Index of the first maximum; NaN counts as the maximum. */
  ARGMAX("argmax"),
  ARGMIN("argmin");

  private final String opName;

  ReduceOp(String opName) {
    this.opName = opName;
  }

  public String opName() {
    return opName;
  }

  /** Whether the result of an empty reduction is undefined (there is no identity element). */
  public boolean needsElements() {
    return this != SUM && this != PROD;
  }

  /** The dtype the kernel receives its input in: sums and products of integers widen to I64. */
  public DType inputType(DType input) {
    boolean widens = this == SUM || this == PROD;
    return widens && !input.isFloating() ? DType.I64 : input;
  }

  /** The dtype of the result. */
  public DType resultType(DType input) {
    return this == ARGMAX || this == ARGMIN ? DType.I64 : inputType(input);
  }
}
