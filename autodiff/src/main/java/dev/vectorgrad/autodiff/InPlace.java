package dev.vectorgrad.autodiff;

import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.ShapeMismatchException;
import dev.vectorgrad.tensor.VectorgradException;

/**
 * In-place updates write into the tensor's memory and bump its version. They are refused on a
 * tensor that requires grad while grad mode is on: the graph could not account for them. Optimizers
 * update parameters inside {@code Grad.disabled()}.
 */
final class InPlace {
  private InPlace() {}

  static void check(String op, Tensor target) {
    if (target.requiresGrad() && Grad.isEnabled()) {
      throw new VectorgradException(
          op + ": in-place change of a tensor of shape " + target.shape()
              + " that requires grad; do it inside Grad.disabled() or use the out-of-place op");
    }
  }

  static Tensor apply(String op, Tensor target, NdArray newValues) {
    check(op, target);
    if (!newValues.shape().equals(target.shape())) {
      throw new ShapeMismatchException(
          op + ": result of shape " + newValues.shape() + " does not fit the target " + target.shape());
    }
    target.data().copyFrom(newValues);
    target.bumpVersion();
    return target;
  }
}
