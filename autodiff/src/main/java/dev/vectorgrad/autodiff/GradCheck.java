package dev.vectorgrad.autodiff;

import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.VectorgradException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Compares the gradients autograd computes with central differences, like {@code
 * torch.autograd.gradcheck}: for every output element and input element, {@code |analytic -
 * numeric| <= atol + rtol * |numeric|}, with {@code numeric = (f(x + eps) - f(x - eps)) / (2 eps)}.
 * Inputs must be F64 and require grad; keep them away from kinks (relu at 0, abs at 0, ties).
 */
public final class GradCheck {
  public static final double EPS = 1e-6;
  public static final double ATOL = 1e-5;
  public static final double RTOL = 1e-3;

  private GradCheck() {}

  /** Checks with PyTorch's default tolerances; throws a {@link VectorgradException} on a mismatch. */
  public static void check(Function<Tensor[], Tensor> f, Tensor... inputs) {
    check(f, EPS, ATOL, RTOL, inputs);
  }

  public static void check(
      Function<Tensor[], Tensor> f, double eps, double atol, double rtol, Tensor... inputs) {
    for (Tensor input : inputs) {
      if (input.dtype() != DType.F64 || !input.requiresGrad()) {
        throw new VectorgradException(
            "gradcheck: inputs must be F64 and require grad, got " + input.dtype() + " "
                + input.shape() + (input.requiresGrad() ? "" : " without requiresGrad"));
      }
    }
    Tensor output = f.apply(inputs);
    double[][][] analytic = analyticJacobians(output, inputs);
    for (int i = 0; i < inputs.length; i++) {
      NdArray x = inputs[i].data();
      for (int k = 0; k < x.numel(); k++) {
        int[] at = unflatten(x.shape().toArray(), k);
        double original = x.get(at).item();
        double[] plus = evaluate(f, inputs, x, at, original + eps);
        double[] minus = evaluate(f, inputs, x, at, original - eps);
        x.setAt(at, original);
        for (int j = 0; j < plus.length; j++) {
          double numeric = (plus[j] - minus[j]) / (2 * eps);
          double computed = analytic[i][j][k];
          if (!(Math.abs(computed - numeric) <= atol + rtol * Math.abs(numeric))) {
            throw new VectorgradException(
                "gradcheck: d output[" + j + "] / d input " + i + Arrays.toString(at) + ": analytic "
                    + computed + ", numeric " + numeric + " (atol " + atol + ", rtol " + rtol + ")");
          }
        }
      }
    }
  }

  /** {@code jacobian[input][outputElement][inputElement]}, one backward pass per output element. */
  private static double[][][] analyticJacobians(Tensor output, Tensor[] inputs) {
    int outputs = output.numel();
    double[][][] jacobian = new double[inputs.length][outputs][];
    if (!output.requiresGrad()) {
      for (int i = 0; i < inputs.length; i++) {
        for (int j = 0; j < outputs; j++) {
          jacobian[i][j] = new double[inputs[i].numel()];
        }
      }
      return jacobian;
    }
    for (int j = 0; j < outputs; j++) {
      double[] seed = new double[outputs];
      seed[j] = 1;
      Tensor gradOutput = Tensor.from(NdArray.of(seed, output.shape().toArray()).to(output.device()));
      if (output.rank() == 0) {
        gradOutput = Tensor.from(NdArray.scalar(1, DType.F64).to(output.device()));
      }
      List<Tensor> grads =
          Autograd.grad(List.of(output), List.of(inputs), List.of(gradOutput), true, false);
      for (int i = 0; i < inputs.length; i++) {
        jacobian[i][j] = grads.get(i).toDoubleArray();
      }
    }
    return jacobian;
  }

  private static double[] evaluate(
      Function<Tensor[], Tensor> f, Tensor[] inputs, NdArray x, int[] at, double value) {
    x.setAt(at, value);
    // Grad mode stays as it is: f may itself differentiate (checks of second derivatives).
    return f.apply(inputs).toDoubleArray();
  }

  private static int[] unflatten(int[] shape, int flat) {
    int[] index = new int[shape.length];
    for (int d = shape.length - 1; d >= 0; d--) {
      index[d] = flat % shape[d];
      flat /= shape[d];
    }
    return index;
  }
}
