package dev.vectorgrad.tensor;

import static dev.vectorgrad.tensor.OpInput.bools;
import static dev.vectorgrad.tensor.OpInput.of;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

/**
 * The op table: one {@link OpRow} per op (and per interesting argument of it), each with a float64
 * reference and the samples it runs on. {@code OpTableTest} checks every row on the CPU backend;
 * other modules' tests read the same rows from the test jar.
 *
 * <p>The shared sample sets below cover, for every family: rank 0, size 1, size 0, broadcasting,
 * and non-contiguous views (transposed, sliced with a step, expanded with stride 0, permuted, at an
 * offset).
 */
public final class OpTable {
  private OpTable() {}

  /** Every row. */
  public static List<OpRow> all() {
    List<OpRow> rows = new ArrayList<>();
    rows.addAll(ElementwiseRows.rows());
    rows.addAll(ReductionRows.rows());
    rows.addAll(IndexingRows.rows());
    rows.addAll(MovementRows.rows());
    rows.addAll(WindowRows.rows());
    return rows;
  }

  /** Inputs of one-argument elementwise ops. */
  static final OpInput[] UNARY_INPUTS = {
    of(2, 3, 5),
    of(),
    of(0),
    of(2, 0, 3),
    of(1),
    of(1, 1),
    of(5, 3).t(),
    of(4, 9).step(1),
    of(3, 1).expandTo(2, 3, 4),
    of(4, 2, 3).permute(2, 0, 1),
    of(3, 4, 5).select(1, 2),
  };

  /** Argument pairs of two-argument elementwise ops. */
  static final List<List<OpInput>> BINARY_SAMPLES = List.of(
      List.of(of(3, 4), of(3, 4)),
      List.of(of(3, 1), of(4)),
      List.of(of(), of(2, 3)),
      List.of(of(2, 3), of()),
      List.of(of(), of()),
      List.of(of(0, 3), of(3)),
      List.of(of(2, 0), of(1)),
      List.of(of(1), of(1)),
      List.of(of(4, 3).t(), of(3, 9).step(1)),
      List.of(of(3, 1).expandTo(3, 4), of(2, 1, 4)),
      List.of(of(2, 1, 4), of(3, 1)),
      List.of(of(4, 2, 3).permute(1, 2, 0), of(3, 4, 5).select(2, 4)));

  /** Argument triples of {@code where}: a BOOL condition and two values. */
  static final List<List<OpInput>> WHERE_SAMPLES = List.of(
      List.of(bools(3, 4), of(3, 4), of(3, 4)),
      List.of(bools(3, 1), of(4), of(3, 4)),
      List.of(bools(), of(2, 2), of(2, 2)),
      List.of(bools(2, 3), of(), of(3, 2).t()),
      List.of(bools(0, 2), of(2), of(1)),
      List.of(bools(4, 1).expandTo(4, 3), of(3, 8).step(1).t(), of(1, 3)));

  /** Inputs of reductions over all axes; those with no identity (max, argmax) skip the empty ones. */
  static final OpInput[] REDUCE_ALL_INPUTS = {
    of(2, 3, 4),
    of(),
    of(1),
    of(7),
    of(4, 2, 3).permute(1, 2, 0),
    of(2, 3, 9).step(2),
    of(2, 1, 4).expandTo(2, 3, 4),
  };

  static final OpInput[] EMPTY_INPUTS = {of(0), of(2, 0, 3)};

  /** Rank-3 inputs of reductions over chosen axes. */
  static final OpInput[] REDUCE_AXES_INPUTS = {
    of(2, 3, 4),
    of(1, 1, 1),
    of(4, 2, 3).permute(1, 2, 0),
    of(2, 3, 9).step(2),
    of(2, 1, 4).expandTo(2, 3, 4),
    of(3, 2, 3, 4).select(0, 1),
  };

  /** Concatenates arrays of inputs. */
  static OpInput[] join(OpInput[]... parts) {
    return Arrays.stream(parts).flatMap(Arrays::stream).toArray(OpInput[]::new);
  }

  /** An elementwise op of one input, checked on {@link #UNARY_INPUTS}. */
  static OpRow unary(String name, UnaryOperator<NdArray> op, DoubleUnaryOperator reference) {
    return OpRow.of(name, in -> op.apply(in.get(0)), in -> in.get(0).map(reference))
        .singles(UNARY_INPUTS);
  }

  /** An elementwise op of two broadcasting inputs, checked on {@link #BINARY_SAMPLES}. */
  static OpRow binary(String name, BinaryOperator<NdArray> op, DoubleBinaryOperator reference) {
    return OpRow.of(
            name,
            in -> op.apply(in.get(0), in.get(1)),
            in -> Reference.zip(in.get(0), in.get(1), reference))
        .samples(BINARY_SAMPLES);
  }
}
