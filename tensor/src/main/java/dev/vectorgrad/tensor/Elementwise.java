package dev.vectorgrad.tensor;

import dev.vectorgrad.tensor.ops.BinaryOp;
import dev.vectorgrad.tensor.ops.UnaryOp;

/** Dtype promotion, broadcasting and device checks in front of the elementwise kernels. */
final class Elementwise {
  private Elementwise() {}

  static NdArray unary(UnaryOp op, NdArray x) {
    DType type = op.resultType(x.dtype());
    NdArray out = x.allocateLike(x.shape(), type);
    x.backend().unary(op, x.cast(type), out);
    return out;
  }

  static NdArray binary(BinaryOp op, NdArray a, NdArray b) {
    requireSameDevice(op.opName(), a, b);
    Shape shape = Shape.broadcast(op.opName(), a.shape(), b.shape());
    DType compute = op.computeType(a.dtype(), b.dtype());
    NdArray out = a.allocateLike(shape, op.resultType(a.dtype(), b.dtype()));
    a.backend().binary(op, a.cast(compute).expand(shape), b.cast(compute).expand(shape), out);
    return out;
  }

  static NdArray where(NdArray cond, NdArray a, NdArray b) {
    if (cond.dtype() != DType.BOOL) {
      throw new DTypeMismatchException("where: condition must be bool, got " + cond.dtype());
    }
    requireSameDevice("where", cond, a);
    requireSameDevice("where", a, b);
    Shape shape =
        Shape.broadcast("where", cond.shape(), Shape.broadcast("where", a.shape(), b.shape()));
    DType type = DType.promote(a.dtype(), b.dtype());
    NdArray out = a.allocateLike(shape, type);
    a.backend().where(cond.expand(shape), a.cast(type).expand(shape), b.cast(type).expand(shape), out);
    return out;
  }

  static void requireSameDevice(String op, NdArray a, NdArray b) {
    if (!a.device().equals(b.device())) {
      throw new DeviceMismatchException(
          op + ": arrays are on different devices, " + a.device() + " " + a.shape() + " and "
              + b.device() + " " + b.shape() + "; move one with to(device)");
    }
  }
}
