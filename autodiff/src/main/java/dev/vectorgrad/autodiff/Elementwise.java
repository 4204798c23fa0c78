package dev.vectorgrad.autodiff;

import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.ops.BinaryOp;
import dev.vectorgrad.tensor.ops.UnaryOp;

/**
 * Forward and derivative of the elementwise ops. Each rule is written with tensor ops, so it runs
 * on every backend and, under {@code createGraph}, can itself be differentiated.
 */
final class Elementwise {
  private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
  private static final double ONE_OVER_SQRT_TWO_PI = 0.3989422804014327;

  private Elementwise() {}

  private static NdArray forward(UnaryOp op, NdArray x) {
    switch (op) {
      case NEG: return x.neg();
      case ABS: return x.abs();
      case SIGN: return x.sign();
      case RELU: return x.relu();
      case EXP: return x.exp();
      case LOG: return x.log();
      case LOG1P: return x.log1p();
      case SQRT: return x.sqrt();
      case RSQRT: return x.rsqrt();
      case SIN: return x.sin();
      case COS: return x.cos();
      case TANH: return x.tanh();
      case SIGMOID: return x.sigmoid();
      case GELU: return x.gelu();
      case SOFTPLUS: return x.softplus();
      case ERF: return x.erf();
    }
    throw new AssertionError(op);
  }

  /** {@code d op(x) / dx} times {@code g}, given the input {@code x} and the output {@code y}. */
  private static Tensor derivative(UnaryOp op, Tensor g, Tensor x, Tensor y) {
    switch (op) {
      case NEG: return g.neg();
      case ABS: return g.times(x.sign());
      case SIGN: return g.times(0f);
      case RELU: return g.reluGrad(x);
      case EXP: return g.times(y);
      case LOG: return g.div(x);
      case LOG1P: return g.div(x.plus(1f));
      case SQRT: return g.div(y.times(2f));
      case RSQRT: return g.times(y.times(y).times(y)).times(-0.5f);
      case SIN: return g.times(x.cos());
      case COS: return g.times(x.sin()).neg();
      case TANH: return g.times(y.times(y).neg().plus(1f));
      case SIGMOID: return g.times(y.times(y.neg().plus(1f)));
      case GELU: {
        // d/dx x*Phi(x) = Phi(x) + x*phi(x)
        Tensor cdf = x.times(0.7071067811865476).erf().plus(1f).times(0.5f);
        Tensor pdf = x.times(x).times(-0.5f).exp().times(ONE_OVER_SQRT_TWO_PI);
        return g.times(cdf.plus(x.times(pdf)));
      }
      case SOFTPLUS: return g.times(x.sigmoid());
      case ERF: return g.times(x.times(x).neg().exp().times(TWO_OVER_SQRT_PI));
    }
    throw new AssertionError(op);
  }

  static Tensor unary(UnaryOp op, Tensor x) {
    NdArray out = forward(op, x.data());
    if (!out.dtype().isFloating()) {
      return Tensor.from(out);
    }
    Tensor input = x.cast(out.dtype());
    return Tensor.record(
        op.opName(), out, new Tensor[] {input}, new Tensor[] {input, null},
        (g, s) -> new Tensor[] {derivative(op, g, s[0], s[1])});
  }

  static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
    NdArray out = binaryForward(op, a.data(), b.data());
    if (!out.dtype().isFloating()) {
      return Tensor.from(out);
    }
    Tensor left = a.cast(out.dtype());
    Tensor right = b.cast(out.dtype());
    Shape leftShape = a.shape();
    Shape rightShape = b.shape();
    boolean wantLeft = left.requiresGrad();
    boolean wantRight = right.requiresGrad();
    return Tensor.record(
        op.opName(), out, new Tensor[] {left, right}, new Tensor[] {left, right, null},
        (g, s) -> {
          Tensor x = s[0];
          Tensor y = s[1];
          Tensor[] grads = binaryDerivative(op, g, x, y, s[2], wantLeft, wantRight);
          return new Tensor[] {
            grads[0] == null ? null : Broadcasting.sumToShape(grads[0], leftShape),
            grads[1] == null ? null : Broadcasting.sumToShape(grads[1], rightShape)
          };
        });
  }

  private static NdArray binaryForward(BinaryOp op, NdArray a, NdArray b) {
    switch (op) {
      case ADD: return a.plus(b);
      case SUB: return a.minus(b);
      case MUL: return a.times(b);
      case DIV: return a.div(b);
      case POW: return a.pow(b);
      case MAXIMUM: return a.maximum(b);
      case MINIMUM: return a.minimum(b);
      case REM: return a.rem(b);
      case RELU_GRAD: return a.reluGrad(b);
      case GT: return a.gt(b);
      case GE: return a.ge(b);
      case LT: return a.lt(b);
      case LE: return a.le(b);
      case EQ: return a.eq(b);
      case NE: return a.ne(b);
    }
    throw new AssertionError(op);
  }

  /**
   * Gradients for {@code a op b} with output {@code y}, before un-broadcasting; only those wanted
   * are computed (pow's exponent gradient takes a log that is NaN for negative bases).
   */
  private static Tensor[] binaryDerivative(
      BinaryOp op, Tensor g, Tensor a, Tensor b, Tensor y, boolean wantA, boolean wantB) {
    switch (op) {
      case ADD: return new Tensor[] {g, g};
      case SUB: return new Tensor[] {g, wantB ? g.neg() : null};
      case MUL: return new Tensor[] {wantA ? g.times(b) : null, wantB ? g.times(a) : null};
      case DIV: return new Tensor[] {wantA ? g.div(b) : null, wantB ? g.times(y).div(b).neg() : null};
      case POW:
        return new Tensor[] {
          wantA ? g.times(b).times(a.pow(b.minus(1f))) : null,
          wantB ? g.times(y).times(a.log()) : null
        };
      case MAXIMUM:
      case MINIMUM: {
        // The larger (smaller) input takes the gradient; ties split it evenly, as in PyTorch.
        Tensor wins = (op == BinaryOp.MAXIMUM ? a.gt(b) : a.lt(b)).cast(g.dtype());
        Tensor share = wins.plus(a.eq(b).cast(g.dtype()).times(0.5f));
        return new Tensor[] {
          wantA ? g.times(share) : null, wantB ? g.times(share.neg().plus(1f)) : null
        };
      }
      case REM: // a - b * floor(a / b), and floor(a / b) = (a - y) / b
        return new Tensor[] {g, wantB ? g.times(a.minus(y).div(b)).neg() : null};
      case RELU_GRAD: // a mask: piecewise constant in b
        return new Tensor[] {
          wantA ? g.reluGrad(b) : null,
          wantB ? Tensor.zeros(g.shape(), g.dtype()).to(g.device()) : null
        };
      case GT:
      case GE:
      case LT:
      case LE:
      case EQ:
      case NE:
        throw new AssertionError(op + " has no derivative");
    }
    throw new AssertionError(op);
  }

  private static Tensor zeroLike(Tensor g) {
    return Tensor.from(NdArray.scalar(0, g.dtype()).to(g.device()));
  }

  /** {@code x ^ p} for a constant {@code p}: derivative {@code p * x^(p-1)}. */
  static Tensor powScalar(Tensor x, double exponent) {
    NdArray out = x.data().pow(exponent);
    Tensor input = x.cast(out.dtype());
    return Tensor.record(
        "pow", out, new Tensor[] {input}, new Tensor[] {input},
        (g, s) -> new Tensor[] {g.times(s[0].pow(exponent - 1)).times(exponent)});
  }

  static Tensor where(Tensor cond, Tensor a, Tensor b) {
    NdArray out = NdArray.where(cond.data(), a.data(), b.data());
    if (!out.dtype().isFloating()) {
      return Tensor.from(out);
    }
    Tensor mask = Tensor.from(cond.data());
    Tensor left = a.cast(out.dtype());
    Tensor right = b.cast(out.dtype());
    Shape leftShape = a.shape();
    Shape rightShape = b.shape();
    return Tensor.record(
        "where", out, new Tensor[] {left, right}, new Tensor[0],
        (g, s) -> {
          Tensor zero = zeroLike(g);
          return new Tensor[] {
            Broadcasting.sumToShape(Tensor.where(mask, g, zero), leftShape),
            Broadcasting.sumToShape(Tensor.where(mask, zero, g), rightShape)
          };
        });
  }
}
