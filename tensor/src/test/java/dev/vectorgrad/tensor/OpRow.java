package dev.vectorgrad.tensor;

import dev.vectorgrad.tensor.OpInput.Domain;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One row of the op table: an op applied to {@link NdArray}s, the same op written on {@link
 * Reference}s, the samples to run it on, the domain its floating inputs are drawn from, and how
 * closely the two must agree. Rows are configured fluently once, when the table is built.
 */
public final class OpRow {
  /** How an op's error grows, which decides the tolerance of its floating results. */
  public enum Tolerance {
    /** Moves or picks elements, compares or counts: bit-exact in every dtype. */
    EXACT,
    /** One rounding per element. */
    ELEMENTWISE,
    /** Sums many terms (reductions, matmul, softmax, scatterAdd): rounding errors accumulate. */
    ACCUMULATING;

    /** {@code {atol, rtol}} for results of {@code dtype}, as in {@code torch.allclose}. */
    double[] bounds(DType dtype) {
      if (this == EXACT || !dtype.isFloating()) {
        return new double[] {0, 0};
      }
      boolean f32 = dtype == DType.F32;
      if (this == ELEMENTWISE) {
        // F32: the result is rounded once (6e-8 relative); 1.3e-6 leaves room for a SIMD backend's
        // polynomial exp/log. F64: the oracle and the kernels compute in double, a few ulps apart.
        return f32 ? new double[] {1e-5, 1.3e-6} : new double[] {1e-12, 1e-12};
      }
      // Accumulating ops reorder sums between backends; with <= 50 terms of magnitude <= 100 the
      // F64 error stays far below 1e-10 relative.
      return f32 ? new double[] {1e-6, 1e-3} : new double[] {1e-12, 1e-10};
    }
  }

  /** What an op produced, read back as doubles: the shape, the dtype and the row-major values. */
  public static final class Observed {
    public final int[] shape;
    public final DType dtype;
    public final double[] values;

    public Observed(int[] shape, DType dtype, double[] values) {
      this.shape = shape;
      this.dtype = dtype;
      this.values = values;
    }

    public static Observed of(NdArray x) {
      return new Observed(x.shape().toArray(), x.dtype(), x.toDoubleArray());
    }
  }

  private final String name;
  private final Function<List<NdArray>, List<Observed>> op;
  private final Function<List<Reference>, List<Reference>> reference;
  private List<List<OpInput>> samples = List.of();
  private Domain domain = Domain.ANY;
  private Tolerance tolerance = Tolerance.ELEMENTWISE;
  private List<DType> dtypes = List.of(DType.F32, DType.F64);
  private UnaryOperator<DType> resultType = type -> type;

  private OpRow(String name, Function<List<NdArray>, List<Observed>> op,
      Function<List<Reference>, List<Reference>> reference) {
    this.name = name;
    this.op = op;
    this.reference = reference;
  }

  /** A row whose op returns several arrays (split, chunk) or plain Java values (item, toIntArray). */
  public static OpRow observing(String name, Function<List<NdArray>, List<Observed>> op,
      Function<List<Reference>, List<Reference>> reference) {
    return new OpRow(name, op, reference);
  }

  /** A row whose op returns one array. */
  public static OpRow of(String name, Function<List<NdArray>, NdArray> op,
      Function<List<Reference>, Reference> reference) {
    return new OpRow(
        name, in -> List.of(Observed.of(op.apply(in))), in -> List.of(reference.apply(in)));
  }

  /** Each sample lists the inputs of one call, in argument order. */
  public OpRow samples(List<List<OpInput>> samples) {
    this.samples = samples;
    return this;
  }

  /** One sample per array: for ops of one input. */
  public OpRow singles(OpInput... inputs) {
    return samples(Arrays.stream(inputs).map(List::of).collect(java.util.stream.Collectors.toList()));
  }

  public OpRow domain(Domain domain) {
    this.domain = domain;
    return this;
  }

  public OpRow tolerance(Tolerance tolerance) {
    this.tolerance = tolerance;
    return this;
  }

  /** The dtypes the row's floating inputs take; F32 and F64 unless set. */
  public OpRow dtypes(DType... dtypes) {
    this.dtypes = List.of(dtypes);
    return this;
  }

  /** The result dtype for a given input dtype; the input dtype unless set. */
  public OpRow resultType(UnaryOperator<DType> resultType) {
    this.resultType = resultType;
    return this;
  }

  public String name() {
    return name;
  }

  public List<List<OpInput>> samples() {
    return samples;
  }

  public Domain domain() {
    return domain;
  }

  public Tolerance tolerance() {
    return tolerance;
  }

  public List<DType> dtypes() {
    return dtypes;
  }

  public DType resultType(DType input) {
    return resultType.apply(input);
  }

  public List<Observed> apply(List<NdArray> inputs) {
    return op.apply(inputs);
  }

  public List<Reference> expected(List<Reference> inputs) {
    return reference.apply(inputs);
  }

  @Override
  public String toString() {
    return name;
  }
}
