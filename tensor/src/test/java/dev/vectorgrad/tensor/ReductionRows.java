package dev.vectorgrad.tensor;

import static dev.vectorgrad.tensor.OpInput.Domain.GRID;
import static dev.vectorgrad.tensor.OpInput.Domain.WIDE;
import static dev.vectorgrad.tensor.OpInput.bools;
import static dev.vectorgrad.tensor.OpInput.of;
import static dev.vectorgrad.tensor.OpTable.EMPTY_INPUTS;
import static dev.vectorgrad.tensor.OpTable.REDUCE_ALL_INPUTS;
import static dev.vectorgrad.tensor.OpTable.REDUCE_AXES_INPUTS;
import static dev.vectorgrad.tensor.OpTable.join;

import dev.vectorgrad.tensor.OpRow.Tolerance;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;

/**
 * Rows of the reductions (over all axes, one axis and several, with and without keepDim), of
 * softmax and logSoftmax, and of the dtype rules of integer reductions.
 */
final class ReductionRows {
  private ReductionRows() {}

  private static final int[] ALL = {};

  /**
   * A reduction whose reference combines each group with {@code combine}. Rank-3 inputs for
   * explicit axes; every shape, including size 0, for reductions over everything.
   */
  private static OpRow reduction(String name, UnaryOperator<NdArray> op, int[] axes, boolean keepDim,
      ToDoubleFunction<double[]> combine) {
    return OpRow.of(name, in -> op.apply(in.get(0)), in -> in.get(0).reduce(axes, keepDim, combine))
        .singles(axes.length == 0 ? join(REDUCE_ALL_INPUTS, EMPTY_INPUTS) : REDUCE_AXES_INPUTS)
        .tolerance(Tolerance.ACCUMULATING);
  }

  /**
   * A reduction without identity (max, argmax): over all axes it skips the empty inputs; over axis
   * 0 or -1 it also runs on a {@code [2, 0, 3]} input, whose reduced axis is not the empty one.
   */
  private static OpRow extremum(String name, UnaryOperator<NdArray> op, int[] axes, boolean keepDim,
      ToDoubleFunction<double[]> combine) {
    OpRow row = reduction(name, op, axes, keepDim, combine);
    return axes.length == 0
        ? row.singles(REDUCE_ALL_INPUTS)
        : row.singles(join(REDUCE_AXES_INPUTS, new OpInput[] {of(2, 0, 3)}));
  }

  private static OpRow argExtremum(String name, UnaryOperator<NdArray> op, int[] axes,
      boolean keepDim, ToDoubleFunction<double[]> combine) {
    return extremum(name, op, axes, keepDim, combine)
        .domain(GRID).tolerance(Tolerance.EXACT).resultType(t -> DType.I64);
  }

  private static OpRow softmax(String name, UnaryOperator<NdArray> op,
      UnaryOperator<Reference> reference) {
    return OpRow.of(name, in -> op.apply(in.get(0)), in -> reference.apply(in.get(0)))
        .singles(join(REDUCE_AXES_INPUTS, new OpInput[] {of(2, 0, 3)}))
        .tolerance(Tolerance.ACCUMULATING);
  }

  static List<OpRow> rows() {
    return List.of(
        reduction("sum()", NdArray::sum, ALL, false, Reference::sum),
        reduction("sum(axes=[]) reduces all", x -> x.sum(new int[0], false), ALL, false,
            Reference::sum),
        reduction("sum(1)", x -> x.sum(1), new int[] {1}, false, Reference::sum),
        reduction("sum(0, 2)", x -> x.sum(0, 2), new int[] {0, 2}, false, Reference::sum),
        reduction("sum([-1], keepDim)", x -> x.sum(new int[] {-1}, true), new int[] {-1}, true,
            Reference::sum),
        reduction("sum([2, 0], keepDim)", x -> x.sum(new int[] {2, 0}, true), new int[] {2, 0}, true,
            Reference::sum),
        // Leading axes: the kept ones are merged into a view where their strides allow it.
        reduction("sum(0)", x -> x.sum(0), new int[] {0}, false, Reference::sum),
        reduction("sum(0, 1)", x -> x.sum(0, 1), new int[] {0, 1}, false, Reference::sum),
        reduction("sum(0, 2) of [2, 0, 3]", x -> x.sum(0, 2), new int[] {0, 2}, false, Reference::sum)
            .singles(of(2, 0, 3)),
        reduction("sum(1) of [2, 0, 3]", x -> x.sum(1), new int[] {1}, false, Reference::sum)
            .singles(of(2, 0, 3)),
        reduction("prod()", NdArray::prod, ALL, false, Reference::product),
        reduction("prod(1)", x -> x.prod(1, false), new int[] {1}, false, Reference::product),
        reduction("prod(-1, keepDim)", x -> x.prod(-1, true), new int[] {-1}, true, Reference::product),
        reduction("mean()", NdArray::mean, ALL, false, Reference::mean),
        reduction("mean(0, 2)", x -> x.mean(0, 2), new int[] {0, 2}, false, Reference::mean),
        reduction("mean([1], keepDim)", x -> x.mean(new int[] {1}, true), new int[] {1}, true,
            Reference::mean),
        extremum("max()", NdArray::max, ALL, false, Reference::max),
        extremum("max(0)", x -> x.max(0), new int[] {0}, false, Reference::max),
        extremum("max(-1, keepDim)", x -> x.max(-1, true), new int[] {-1}, true, Reference::max),
        extremum("min()", NdArray::min, ALL, false, Reference::min),
        extremum("min(0)", x -> x.min(0), new int[] {0}, false, Reference::min),
        extremum("min(-1, keepDim)", x -> x.min(-1, true), new int[] {-1}, true, Reference::min),
        argExtremum("argmax()", NdArray::argmax, ALL, false, Reference::argmax),
        argExtremum("argmax(1)", x -> x.argmax(1, false), new int[] {1}, false, Reference::argmax)
            .singles(REDUCE_AXES_INPUTS),
        argExtremum("argmax(-1, keepDim)", x -> x.argmax(-1, true), new int[] {-1}, true,
            Reference::argmax),
        argExtremum("argmin()", NdArray::argmin, ALL, false, Reference::argmin),
        argExtremum("argmin(0)", x -> x.argmin(0, false), new int[] {0}, false, Reference::argmin),
        argExtremum("argmin(-1, keepDim)", x -> x.argmin(-1, true), new int[] {-1}, true,
            Reference::argmin),
        reduction("var()", NdArray::var, ALL, false, v -> Reference.variance(v, 1)),
        reduction("var([1], correction 0)", x -> x.var(new int[] {1}, false, 0), new int[] {1}, false,
            v -> Reference.variance(v, 0)),
        reduction("var([0, 2], keepDim)", x -> x.var(new int[] {0, 2}, true, 1), new int[] {0, 2},
            true, v -> Reference.variance(v, 1)),
        reduction("std()", NdArray::std, ALL, false, v -> Math.sqrt(Reference.variance(v, 1))),
        reduction("std([-1], keepDim)", x -> x.std(new int[] {-1}, true, 1), new int[] {-1}, true,
            v -> Math.sqrt(Reference.variance(v, 1))),
        reduction("std([0, 1], correction 0)", x -> x.std(new int[] {0, 1}, false, 0),
            new int[] {0, 1}, false, v -> Math.sqrt(Reference.variance(v, 0))),
        reduction("logSumExp(all)", x -> x.logSumExp(new int[0], false), ALL, false,
            Reference::logSumExp),
        reduction("logSumExp(1)", x -> x.logSumExp(1), new int[] {1}, false, Reference::logSumExp),
        reduction("logSumExp([0, 2], keepDim)", x -> x.logSumExp(new int[] {0, 2}, true),
            new int[] {0, 2}, true, Reference::logSumExp),
        // exp(100) overflows F32: only the max-shifted form stays finite.
        reduction("logSumExp(-1), large", x -> x.logSumExp(-1), new int[] {-1}, false,
            Reference::logSumExp).domain(WIDE),
        reduction("logSumExp(1) of [2, 0, 3] is -inf", x -> x.logSumExp(1), new int[] {1}, false,
            Reference::logSumExp).singles(of(2, 0, 3)),
        softmax("softmax(0)", x -> x.softmax(0), r -> r.softmax(0)),
        softmax("softmax(1)", x -> x.softmax(1), r -> r.softmax(1)),
        softmax("softmax(-1), large", x -> x.softmax(-1), r -> r.softmax(-1)).domain(WIDE),
        softmax("logSoftmax(0)", x -> x.logSoftmax(0), r -> r.logSoftmax(0)),
        softmax("logSoftmax(1)", x -> x.logSoftmax(1), r -> r.logSoftmax(1)),
        softmax("logSoftmax(-1), large", x -> x.logSoftmax(-1), r -> r.logSoftmax(-1)).domain(WIDE),
        OpRow.of("softmax(1) with -inf and +-1000",
                in -> in.get(0).softmax(1), in -> in.get(0).softmax(1))
            .singles(OpInput.values(
                new double[] {1000, 1001, 999, Double.NEGATIVE_INFINITY, 0, 1, -1000, -1000, -1001},
                3, 3))
            .tolerance(Tolerance.ACCUMULATING),
        // Integer sums widen to I64 like PyTorch; mean and var compute in F32.
        reduction("sum(), integers -> I64", NdArray::sum, ALL, false, Reference::sum)
            .dtypes(DType.I32, DType.I64).resultType(t -> DType.I64),
        reduction("prod(1), integers -> I64", x -> x.prod(1, false), new int[] {1}, false,
            Reference::product).dtypes(DType.I32, DType.I64).resultType(t -> DType.I64),
        extremum("max(0), integers", x -> x.max(0), new int[] {0}, false, Reference::max)
            .dtypes(DType.I32, DType.I64),
        argExtremum("argmax(-1), integers", x -> x.argmax(-1, false), new int[] {-1}, false,
            Reference::argmax).dtypes(DType.I32, DType.I64),
        reduction("mean(1), integers -> F32", x -> x.mean(1), new int[] {1}, false, Reference::mean)
            .dtypes(DType.I32, DType.I64).resultType(t -> DType.F32),
        OpRow.of("sum(1) of bool counts", in -> in.get(0).sum(1),
                in -> in.get(0).reduce(new int[] {1}, false, Reference::sum))
            .singles(bools(3, 5), bools(5, 3).t())
            .dtypes(DType.BOOL).resultType(t -> DType.I64));
  }
}
