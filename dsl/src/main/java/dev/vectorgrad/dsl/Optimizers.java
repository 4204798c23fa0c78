package dev.vectorgrad.dsl;

import com.google.gson.JsonObject;
import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.optim.Adagrad;
import dev.vectorgrad.layers.optim.Adam;
import dev.vectorgrad.layers.optim.AdamW;
import dev.vectorgrad.layers.optim.Optimizer;
import dev.vectorgrad.layers.optim.RMSprop;
import dev.vectorgrad.layers.optim.SGD;
import dev.vectorgrad.tensor.VectorgradException;
import java.util.Collections;
import java.util.List;

/**
 * Optimizers for {@link Model#compile}, with Keras' default hyper-parameters (Adam: learning rate
 * 1e-3, epsilon 1e-7; SGD: 0.01; RMSprop: 1e-3, rho 0.9, epsilon 1e-7; Adagrad: 1e-3, initial
 * accumulator 0.1, epsilon 1e-7; AdamW: 1e-3, weight decay 0.004). The updates are the {@code
 * layers.optim} ones, which follow PyTorch's formulas. A {@link Spec} is created before the model's
 * weights exist; compile turns it into an optimizer over them.
 */
public final class Optimizers {
  private Optimizers() {}

  /** An optimizer waiting for its parameters, with a configuration that is saved with the model. */
  public static final class Spec {
    private final String name;
    private final JsonObject config;

    private Spec(String name, JsonObject config) {
      this.name = name;
      this.config = config;
    }

    public String name() {
      return name;
    }

    public JsonObject config() {
      return config.deepCopy();
    }

    public double learningRate() {
      return config.get("learning_rate").getAsDouble();
    }

    Optimizer create(List<Tensor> params) {
      Config c = new Config(name, config);
      double lr = c.number("learning_rate", 0, 1e6);
      switch (name) {
        case "adam":
          return new Adam(params, lr, c.number("beta_1", 0, 1), c.number("beta_2", 0, 1), c.number("epsilon", 0, 1), 0);
        case "adamw":
          return new AdamW(params, lr, c.number("beta_1", 0, 1), c.number("beta_2", 0, 1), c.number("epsilon", 0, 1),
              c.number("weight_decay", 0, 1e6));
        case "sgd":
          return new SGD(params, lr, c.number("momentum", 0, 1), 0, 0, c.bool("nesterov"));
        case "rmsprop":
          return new RMSprop(params, lr, c.number("rho", 0, 1), c.number("epsilon", 0, 1), 0,
              c.number("momentum", 0, 1), false);
        case "adagrad":
          return new Adagrad(params, lr, 0, 0, c.number("initial_accumulator_value", 0, 1e6), c.number("epsilon", 0, 1));
        default:
          throw new VectorgradException("unknown optimizer '" + name + "'");
      }
    }
  }

  public static Spec adam() {
    return adam(1e-3);
  }

  public static Spec adam(double learningRate) {
    return new Spec("adam", Config.of("learning_rate", learningRate, "beta_1", 0.9, "beta_2", 0.999, "epsilon", 1e-7));
  }

  public static Spec adamW(double learningRate, double weightDecay) {
    return new Spec("adamw", Config.of("learning_rate", learningRate, "beta_1", 0.9, "beta_2", 0.999, "epsilon", 1e-7,
        "weight_decay", weightDecay));
  }

  public static Spec sgd(double learningRate) {
    return sgd(learningRate, 0, false);
  }

  public static Spec sgd(double learningRate, double momentum, boolean nesterov) {
    return new Spec("sgd", Config.of("learning_rate", learningRate, "momentum", momentum, "nesterov", nesterov));
  }

  public static Spec rmsprop(double learningRate) {
    return new Spec("rmsprop", Config.of("learning_rate", learningRate, "rho", 0.9, "momentum", 0.0, "epsilon", 1e-7));
  }

  public static Spec adagrad(double learningRate) {
    return new Spec("adagrad", Config.of("learning_rate", learningRate, "initial_accumulator_value", 0.1,
        "epsilon", 1e-7));
  }

  /** Keras' string names with default settings: adam, adamw, sgd, rmsprop, adagrad. */
  public static Spec of(String name) {
    switch (name) {
      case "adam": return adam();
      case "adamw": return adamW(1e-3, 0.004);
      case "sgd": return sgd(0.01);
      case "rmsprop": return rmsprop(1e-3);
      case "adagrad": return adagrad(1e-3);
      default: throw new VectorgradException("unknown optimizer '" + name + "'; known: adam, adamw, sgd, rmsprop, adagrad");
    }
  }

  /**
   * Reads a spec back from a saved model. It is validated now, by making the optimizer once over a
   * throwaway parameter, so a bad setting fails the load rather than the first {@code fit}.
   */
  static Spec fromConfig(String name, JsonObject config) {
    of(name);
    Spec spec = new Spec(name, config.deepCopy());
    spec.create(Collections.singletonList(Tensor.zeros(1)));
    return spec;
  }
}
