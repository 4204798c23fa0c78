package dev.vectorgrad.tensor;

import static dev.vectorgrad.tensor.OpInput.Domain.GRID;
import static dev.vectorgrad.tensor.OpInput.bools;
import static dev.vectorgrad.tensor.OpInput.of;
import static dev.vectorgrad.tensor.OpTable.UNARY_INPUTS;

import dev.vectorgrad.tensor.OpRow.Observed;
import dev.vectorgrad.tensor.OpRow.Tolerance;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Rows of the movement ops (views and the copies reshape makes), of cast, and of reading elements
 * back into Java ({@code item}, {@code toFloatArray} and friends). All exact.
 */
final class MovementRows {
  private MovementRows() {}

  /** Rank-3 inputs of 24 elements in every layout. */
  private static final OpInput[] TWENTY_FOUR = {
    of(2, 3, 4),
    of(4, 2, 3).permute(1, 2, 0),
    of(2, 3, 9).step(2),
    of(2, 1, 4).expandTo(2, 3, 4),
    of(3, 2, 3, 4).select(0, 1),
  };

  /** Matrices with a size-1 column, for expand. */
  private static final OpInput[] COLUMNS = {
    of(3, 1), of(1, 3).t(), of(3, 2).step(1), of(3, 1, 2).select(2, 1),
  };

  private static OpRow movement(String name, UnaryOperator<NdArray> op,
      UnaryOperator<Reference> reference) {
    return OpRow.of(name, in -> op.apply(in.get(0)), in -> reference.apply(in.get(0)))
        .singles(TWENTY_FOUR)
        .tolerance(Tolerance.EXACT);
  }

  /** Reading elements into a Java array of {@code type}: each element converted by {@code convert}. */
  private static OpRow readBack(String name, DType type, Function<NdArray, double[]> read,
      DoubleUnaryOperator convert) {
    return OpRow.observing(name,
            in -> List.of(new Observed(in.get(0).shape().toArray(), type, read.apply(in.get(0)))),
            in -> List.of(in.get(0).map(convert)))
        .singles(UNARY_INPUTS)
        .resultType(t -> type)
        .tolerance(Tolerance.EXACT);
  }

  private static OpRow cast(String name, DType target, DoubleUnaryOperator convert) {
    return OpRow.of(name, in -> in.get(0).cast(target), in -> in.get(0).map(convert))
        .singles(UNARY_INPUTS)
        .resultType(t -> target)
        .tolerance(Tolerance.EXACT);
  }

  private static double[] widen(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  private static double[] widen(int[] values) {
    return Arrays.stream(values).asDoubleStream().toArray();
  }

  private static double[] widen(long[] values) {
    return Arrays.stream(values).asDoubleStream().toArray();
  }

  private static double[] widen(boolean[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i] ? 1 : 0;
    }
    return out;
  }

  static List<OpRow> rows() {
    return List.of(
        movement("reshape(4, -1)", x -> x.reshape(4, -1), r -> r.reshape(4, 6)),
        movement("reshape(24)", x -> x.reshape(24), r -> r.reshape(24)),
        movement("view(6, 4)", x -> x.view(6, 4), r -> r.reshape(6, 4))
            .singles(of(2, 3, 4), of(3, 2, 3, 4).select(0, 1), of(4, 1, 6).select(1, 0)),
        movement("reshape() of one element is rank 0", x -> x.reshape(), r -> r.reshape())
            .singles(of(1), of(1, 1), of(5).step(0).step(0)),
        movement("flatten()", NdArray::flatten, r -> r.reshape(r.numel())),
        movement("flatten() of rank 0", NdArray::flatten, r -> r.reshape(1)).singles(of()),
        movement("flatten(1)", x -> x.flatten(1), r -> r.reshape(2, 12)),
        movement("flatten(0, 1)", x -> x.flatten(0, 1), r -> r.reshape(6, 4)),
        movement("transpose(0, 2)", x -> x.transpose(0, 2), r -> r.transpose(0, 2)),
        movement("transpose(-1, 1)", x -> x.transpose(-1, 1), r -> r.transpose(2, 1)),
        movement("t()", NdArray::t, r -> r.rank() < 2 ? r : r.transpose(0, 1))
            .singles(of(2, 3), of(3, 5).step(1), of(4), of()),
        movement("permute(2, 0, 1)", x -> x.permute(2, 0, 1), r -> r.permute(2, 0, 1)),
        movement("permute(-1, -3, -2)", x -> x.permute(-1, -3, -2), r -> r.permute(2, 0, 1)),
        movement("narrow(1, 1, 2)", x -> x.narrow(1, 1, 2), r -> r.slice(1, 1, 3, 1)),
        movement("narrow(2, 4, 0)", x -> x.narrow(2, 4, 0), r -> r.slice(2, 4, 4, 1)),
        movement("slice(2, -3, 100, 2)", x -> x.slice(2, -3, 100, 2), r -> r.slice(2, 1, 4, 2)),
        movement("slice(0, -100, 100, 3)", x -> x.slice(0, -100, 100, 3), r -> r.slice(0, 0, 2, 3)),
        movement("slice(1, 2, 1, 1) is empty", x -> x.slice(1, 2, 1, 1), r -> r.slice(1, 2, 2, 1)),
        movement("select(1, -1)", x -> x.select(1, -1), r -> r.select(1, 2)),
        movement("get(1, 2)", x -> x.get(1, 2), r -> r.select(0, 1).select(0, 2)),
        movement("get(-1)", x -> x.get(-1), r -> r.select(0, 1)),
        movement("get() is the array", x -> x.get(), r -> r),
        movement("expand(2, 3, 4)", x -> x.expand(2, 3, 4), r -> r.expand(2, 3, 4)).singles(COLUMNS),
        movement("expand(-1, 5)", x -> x.expand(-1, 5), r -> r.expand(3, 5)).singles(COLUMNS),
        movement("expand(Shape [3, 0])", x -> x.expand(Shape.of(3, 0)), r -> r.expand(3, 0))
            .singles(COLUMNS),
        movement("squeeze()", NdArray::squeeze, r -> r.reshape(3, 2))
            .singles(of(1, 3, 1, 2), of(2, 1, 3, 1).permute(1, 2, 3, 0)),
        movement("squeeze(2)", x -> x.squeeze(2), r -> r.reshape(2, 3)).singles(of(2, 3, 1)),
        movement("squeeze(1) keeps a size-3 axis", x -> x.squeeze(1), r -> r),
        movement("unsqueeze(0)", x -> x.unsqueeze(0), r -> r.unsqueeze(0)),
        movement("unsqueeze(-1)", x -> x.unsqueeze(-1), r -> r.unsqueeze(3)),
        movement("unsqueeze(1)", x -> x.unsqueeze(1), r -> r.unsqueeze(1)),
        movement("unsqueeze(0) of rank 0", x -> x.unsqueeze(0), r -> r.reshape(1)).singles(of()),
        movement("contiguous()", NdArray::contiguous, r -> r).singles(UNARY_INPUTS),
        movement("copy()", NdArray::copy, r -> r).singles(UNARY_INPUTS),
        cast("cast(F64)", DType.F64, v -> v),
        cast("cast(F32) rounds", DType.F32, v -> (float) v),
        cast("cast(I32) truncates", DType.I32, v -> (int) v),
        cast("cast(I64) truncates", DType.I64, v -> (long) v),
        cast("cast(BOOL) is nonzero", DType.BOOL, v -> v != 0 ? 1 : 0).domain(GRID),
        cast("cast(F32) of bool", DType.F32, v -> v)
            .singles(bools(2, 3), bools(3, 2).t())
            .dtypes(DType.BOOL),
        cast("cast(F64) of integers", DType.F64, v -> v).dtypes(DType.I32, DType.I64),
        readBack("item()", DType.F64, x -> new double[] {x.item()}, v -> v)
            .singles(of(), of(1), of(1, 1, 1), of(3, 4).step(1).select(0, 1).step(0)),
        readBack("itemLong()", DType.I64, x -> new double[] {x.itemLong()}, v -> (long) v)
            .singles(of(), of(1, 1))
            .dtypes(DType.I64, DType.F64),
        readBack("toFloatArray()", DType.F32, x -> widen(x.toFloatArray()), v -> (float) v),
        readBack("toDoubleArray()", DType.F64, NdArray::toDoubleArray, v -> v),
        readBack("toIntArray() truncates", DType.I32, x -> widen(x.toIntArray()), v -> (int) v),
        readBack("toLongArray() truncates", DType.I64, x -> widen(x.toLongArray()), v -> (long) v),
        readBack("toBooleanArray()", DType.BOOL, x -> widen(x.toBooleanArray()), v -> v != 0 ? 1 : 0)
            .domain(GRID),
        readBack("toFloatArray() of I64", DType.F32, x -> widen(x.toFloatArray()), v -> v)
            .dtypes(DType.I64));
  }
}
