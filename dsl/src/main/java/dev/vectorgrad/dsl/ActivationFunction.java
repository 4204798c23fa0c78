package dev.vectorgrad.dsl;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.F;
import dev.vectorgrad.tensor.VectorgradException;
import java.util.function.UnaryOperator;

/**
 * The activations layers accept, by Keras name ({@code "relu"}, {@code "softmax"}, ...). Softmax
 * and log-softmax act on the last axis; {@code leaky_relu} uses Keras' slope 0.2.
 */
public enum ActivationFunction {
  LINEAR("linear", x -> x),
  RELU("relu", Tensor::relu),
  SIGMOID("sigmoid", Tensor::sigmoid),
  TANH("tanh", Tensor::tanh),
  SOFTMAX("softmax", x -> x.softmax(-1)),
  LOG_SOFTMAX("log_softmax", x -> x.logSoftmax(-1)),
  GELU("gelu", Tensor::gelu),
  SILU("silu", F::silu),
  SOFTPLUS("softplus", Tensor::softplus),
  LEAKY_RELU("leaky_relu", x -> F.leakyRelu(x, 0.2));

  private final String kerasName;
  private final UnaryOperator<Tensor> function;

  ActivationFunction(String kerasName, UnaryOperator<Tensor> function) {
    this.kerasName = kerasName;
    this.function = function;
  }

  public Tensor apply(Tensor x) {
    return function.apply(x);
  }

  /** The Keras name, used in saved models. */
  public String kerasName() {
    return kerasName;
  }

  /** Looks an activation up by Keras name ({@code "swish"} is an alias of {@code "silu"}). */
  public static ActivationFunction of(String name) {
    String key = name.equals("swish") ? "silu" : name;
    for (ActivationFunction a : values()) {
      if (a.kerasName.equals(key)) {
        return a;
      }
    }
    StringBuilder known = new StringBuilder();
    for (ActivationFunction a : values()) {
      known.append(known.length() == 0 ? "" : ", ").append(a.kerasName);
    }
    throw new VectorgradException("unknown activation '" + name + "'; known: " + known);
  }
}
