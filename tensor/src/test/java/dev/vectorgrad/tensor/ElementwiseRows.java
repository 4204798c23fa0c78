package dev.vectorgrad.tensor;

import static dev.vectorgrad.tensor.OpInput.Domain.ANY;
import static dev.vectorgrad.tensor.OpInput.Domain.GRID;
import static dev.vectorgrad.tensor.OpInput.Domain.OFF_ZERO;
import static dev.vectorgrad.tensor.OpInput.Domain.POSITIVE;
import static dev.vectorgrad.tensor.OpInput.Domain.WIDE;
import static dev.vectorgrad.tensor.OpInput.bools;
import static dev.vectorgrad.tensor.OpInput.of;
import static dev.vectorgrad.tensor.OpTable.binary;
import static dev.vectorgrad.tensor.OpTable.unary;

import dev.vectorgrad.tensor.OpRow.Tolerance;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.apache.commons.math3.special.Erf;

/** Rows of the elementwise ops: unary math, arithmetic, comparisons, where, and dtype promotion. */
final class ElementwiseRows {
  private ElementwiseRows() {}

  private static final double SQRT_2 = Math.sqrt(2);

  /** Python's {@code a % b}: {@code a - b * floor(a / b)}, which takes the sign of {@code b}. */
  private static double pythonModulo(double a, double b) {
    return a - b * Math.floor(a / b);
  }

  static List<OpRow> rows() {
    return List.of(
        unary("neg", NdArray::neg, x -> -x),
        unary("unaryMinus", NdArray::unaryMinus, x -> -x),
        unary("abs", NdArray::abs, Math::abs).domain(OFF_ZERO),
        unary("sign", NdArray::sign, Math::signum).domain(GRID),
        unary("relu", NdArray::relu, x -> Math.max(x, 0)).domain(GRID),
        unary("exp", NdArray::exp, Math::exp),
        unary("log", NdArray::log, Math::log).domain(POSITIVE),
        unary("log1p", NdArray::log1p, Math::log1p).domain(POSITIVE),
        unary("sqrt", NdArray::sqrt, Math::sqrt).domain(POSITIVE),
        unary("rsqrt", NdArray::rsqrt, x -> 1 / Math.sqrt(x)).domain(POSITIVE),
        unary("sin", NdArray::sin, Math::sin),
        unary("cos", NdArray::cos, Math::cos),
        unary("tanh", NdArray::tanh, Math::tanh),
        unary("sigmoid", NdArray::sigmoid, x -> 1 / (1 + Math.exp(-x))),
        unary("sigmoid, large", NdArray::sigmoid, x -> 1 / (1 + Math.exp(-x))).domain(WIDE),
        // Phi(x) = erfc(-x / sqrt 2) / 2 keeps full relative accuracy in the far negative tail.
        unary("gelu", NdArray::gelu, x -> 0.5 * x * Erf.erfc(-x / SQRT_2)),
        unary("softplus", NdArray::softplus, x -> Math.log1p(Math.exp(x))),
        // exp(100) overflows F32: a naive log(1 + exp(x)) prints inf here.
        unary("softplus, large", NdArray::softplus, x -> Math.log1p(Math.exp(x))).domain(WIDE),
        unary("erf", NdArray::erf, Erf::erf),
        unary("clamp(-1, 1.5)", x -> x.clamp(-1, 1.5), x -> Math.min(Math.max(x, -1), 1.5)),
        unary("clampMin(0.5)", x -> x.clampMin(0.5), x -> Math.max(x, 0.5)),
        unary("clampMax(-0.5)", x -> x.clampMax(-0.5), x -> Math.min(x, -0.5)),
        unary("pow(2)", x -> x.pow(2), x -> x * x),
        unary("pow(3)", x -> x.pow(3), x -> x * x * x),
        unary("pow(0.5)", x -> x.pow(0.5), Math::sqrt).domain(POSITIVE),
        unary("pow(-1.5)", x -> x.pow(-1.5), x -> 1 / (x * Math.sqrt(x))).domain(POSITIVE),
        // 1 + 1e-10 rounds to 1 in F32 and loses digits in F64: only a true log1p passes.
        OpRow.of("log1p, tiny", in -> in.get(0).log1p(), in -> in.get(0).map(Math::log1p))
            .singles(OpInput.values(new double[] {1e-10, -1e-7, 3e-5, 0}, 4)),
        binary("plus", NdArray::plus, Double::sum),
        binary("minus", NdArray::minus, (a, b) -> a - b),
        binary("times", NdArray::times, (a, b) -> a * b),
        binary("div", NdArray::div, (a, b) -> a / b).domain(OFF_ZERO),
        binary("pow", NdArray::pow, Math::pow).domain(POSITIVE),
        // The base stays positive; the exponent may be negative.
        OpRow.of("pow, any exponent", in -> in.get(0).pow(in.get(1)),
                in -> Reference.zip(in.get(0), in.get(1), Math::pow))
            .samples(List.of(
                List.of(of(3, 4), of(4).in(ANY)),
                List.of(of(), of(3, 2).in(ANY).t())))
            .domain(POSITIVE),
        binary("maximum", NdArray::maximum, Math::max).domain(GRID),
        binary("minimum", NdArray::minimum, Math::min).domain(GRID),
        binary("rem", NdArray::rem, ElementwiseRows::pythonModulo).domain(OFF_ZERO),
        binary("reluGrad", NdArray::reluGrad, (g, x) -> x > 0 ? g : 0)
            .domain(GRID).tolerance(Tolerance.EXACT),
        // NaN and -0.0 in the input mask; NaN in the gradient passes where the input is positive.
        OpRow.of("reluGrad, NaN and signed zeros", in -> in.get(0).reluGrad(in.get(1)),
                in -> Reference.zip(in.get(0), in.get(1), (g, x) -> x > 0 ? g : 0))
            .samples(List.of(List.of(
                OpInput.values(new double[] {1, 2, Double.NaN, 4, Double.NaN, -0.0}, 6),
                OpInput.values(new double[] {Double.NaN, -0.0, 3, 0.0, -1, 2}, 6))))
            .tolerance(Tolerance.EXACT),
        comparison("gt", NdArray::gt, (a, b) -> a > b ? 1 : 0),
        comparison("ge", NdArray::ge, (a, b) -> a >= b ? 1 : 0),
        comparison("lt", NdArray::lt, (a, b) -> a < b ? 1 : 0),
        comparison("le", NdArray::le, (a, b) -> a <= b ? 1 : 0),
        comparison("eq", NdArray::eq, (a, b) -> a == b ? 1 : 0),
        comparison("ne", NdArray::ne, (a, b) -> a != b ? 1 : 0),
        OpRow.of("where", in -> NdArray.where(in.get(0), in.get(1), in.get(2)),
                in -> Reference.where(in.get(0), in.get(1), in.get(2)))
            .samples(OpTable.WHERE_SAMPLES)
            .tolerance(Tolerance.EXACT),
        scalarOperand("plus(2.5)", x -> x.plus(2.5), x -> x + 2.5),
        scalarOperand("plus(2.5f)", x -> x.plus(2.5f), x -> x + 2.5),
        scalarOperand("minus(1.25)", x -> x.minus(1.25), x -> x - 1.25),
        scalarOperand("minus(1.25f)", x -> x.minus(1.25f), x -> x - 1.25),
        scalarOperand("times(-3.0)", x -> x.times(-3.0), x -> x * -3),
        scalarOperand("times(-3f)", x -> x.times(-3f), x -> x * -3),
        scalarOperand("div(4.0)", x -> x.div(4.0), x -> x / 4),
        scalarOperand("div(0.5f)", x -> x.div(0.5f), x -> x / 0.5),
        scalarOperand("rem(1.5)", x -> x.rem(1.5), x -> pythonModulo(x, 1.5)),
        scalarOperand("rem(-1.5f)", x -> x.rem(-1.5f), x -> pythonModulo(x, -1.5)),
        scalarComparison("gt(0.5)", x -> x.gt(0.5), x -> x > 0.5 ? 1 : 0),
        scalarComparison("ge(0)", x -> x.ge(0), x -> x >= 0 ? 1 : 0),
        scalarComparison("lt(-0.5)", x -> x.lt(-0.5), x -> x < -0.5 ? 1 : 0),
        scalarComparison("le(1)", x -> x.le(1), x -> x <= 1 ? 1 : 0),
        scalarComparison("eq(0.5)", x -> x.eq(0.5), x -> x == 0.5 ? 1 : 0),
        scalarComparison("ne(0.5)", x -> x.ne(0.5), x -> x != 0.5 ? 1 : 0),
        // Integer arrays keep their dtype where PyTorch does and compute in F32 where it does not.
        unary("neg, integers", NdArray::neg, x -> -x).dtypes(DType.I32, DType.I64),
        unary("abs, integers", NdArray::abs, Math::abs).dtypes(DType.I32, DType.I64),
        unary("sign, integers", NdArray::sign, Math::signum).dtypes(DType.I32, DType.I64),
        unary("relu, integers", NdArray::relu, x -> Math.max(x, 0)).dtypes(DType.I32, DType.I64),
        unary("exp, integers -> F32", NdArray::exp, Math::exp)
            .dtypes(DType.I32, DType.I64).resultType(t -> DType.F32),
        binary("plus, integers", NdArray::plus, Double::sum).dtypes(DType.I32, DType.I64),
        binary("times, integers", NdArray::times, (a, b) -> a * b).dtypes(DType.I32, DType.I64),
        binary("maximum, integers", NdArray::maximum, Math::max).dtypes(DType.I32, DType.I64),
        binary("reluGrad, integers", NdArray::reluGrad, (g, x) -> x > 0 ? g : 0)
            .domain(GRID).dtypes(DType.I32, DType.I64),
        binary("rem, integers", NdArray::rem, ElementwiseRows::pythonModulo)
            .domain(OFF_ZERO).dtypes(DType.I32, DType.I64),
        binary("div, integers -> F32", NdArray::div, (a, b) -> a / b)
            .domain(OFF_ZERO).dtypes(DType.I32, DType.I64).resultType(t -> DType.F32),
        comparison("gt, integers", NdArray::gt, (a, b) -> a > b ? 1 : 0).dtypes(DType.I32, DType.I64),
        scalarOperand("plus(2) keeps integers", x -> x.plus(2), x -> x + 2)
            .dtypes(DType.I32, DType.I64),
        scalarOperand("times(2.5) of integers -> F32", x -> x.times(2.5), x -> x * 2.5)
            .dtypes(DType.I32, DType.I64).resultType(t -> DType.F32),
        OpRow.of("plus, I64 + floating -> floating", in -> in.get(0).plus(in.get(1)),
                in -> Reference.zip(in.get(0), in.get(1), Double::sum))
            .samples(List.of(
                List.of(of(3, 4).as(DType.I64), of(4)),
                List.of(of(2), of(3, 1).as(DType.I32)))),
        OpRow.of("times, F32 x F64 -> F64", in -> in.get(0).times(in.get(1)),
                in -> Reference.zip(in.get(0), in.get(1), (a, b) -> a * b))
            .samples(List.of(List.of(of(3, 4).as(DType.F32), of(4).as(DType.F64))))
            .dtypes(DType.F64),
        OpRow.of("plus, bool + I64", in -> in.get(0).plus(in.get(1)),
                in -> Reference.zip(in.get(0), in.get(1), Double::sum))
            .samples(List.of(List.of(bools(2, 3), of(3)))).dtypes(DType.I64),
        OpRow.of("plus(1) of bool -> I64", in -> in.get(0).plus(1), in -> in.get(0).map(x -> x + 1))
            .singles(bools(2, 3)).dtypes(DType.BOOL).resultType(t -> DType.I64));
  }

  /** A comparison: BOOL results, exact, on values with ties. */
  private static OpRow comparison(String name, BinaryOperator<NdArray> op,
      DoubleBinaryOperator reference) {
    return binary(name, op, reference)
        .domain(GRID).tolerance(Tolerance.EXACT).resultType(t -> DType.BOOL);
  }

  /** An op with a Java number as its second operand. */
  private static OpRow scalarOperand(String name, UnaryOperator<NdArray> op,
      DoubleUnaryOperator reference) {
    return unary(name, op, reference).domain(GRID);
  }

  private static OpRow scalarComparison(String name, UnaryOperator<NdArray> op,
      DoubleUnaryOperator reference) {
    return scalarOperand(name, op, reference).tolerance(Tolerance.EXACT).resultType(t -> DType.BOOL);
  }
}
