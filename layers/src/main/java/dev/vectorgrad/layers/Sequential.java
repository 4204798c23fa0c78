package dev.vectorgrad.layers;

import dev.vectorgrad.autodiff.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Modules applied in order; children are named {@code 0, 1, ...} as in PyTorch. */
public class Sequential extends Module {
  private final List<Module> layers = new ArrayList<>();

  public Sequential(Module... modules) {
    for (Module m : modules) {
      add(m);
    }
  }

  /** Appends a module and returns this container. */
  public Sequential add(Module module) {
    layers.add(register(Integer.toString(layers.size()), module));
    return this;
  }

  public Module get(int index) {
    return layers.get(index);
  }

  public int size() {
    return layers.size();
  }

  /**
   * Runs the layers in order. Two patterns of exact classes run differently from the written
   * order, with the same results:
   *
   * <ul>
   *   <li>A ReLU followed by a max pool runs the pool first. Since relu is monotone and only zeroes,
   *       {@code maxPool(relu(x)) == relu(maxPool(x))} and the input gradients agree too: where the
   *       window's maximum is positive both pick the same element, elsewhere both give 0. Only the
   *       sign of a zero output can differ (a window holding -0.0 and negatives). Relu and its
   *       gradient then touch a quarter of the data (2 x 2 pools).
   *   <li>A Conv2d followed by a max pool (with a ReLU between, moved after the pool as above) is
   *       one op, {@code conv2dMaxPool2d}: the convolution's output, in an image net's first layer
   *       the largest array of the step, never exists for the whole batch. Same values; the weight
   *       and bias gradients sum in another order.
   * </ul>
   */
  @Override
  public Tensor forward(Tensor input) {
    Tensor x = input;
    for (int i = 0; i < layers.size(); i++) {
      Module layer = layers.get(i);
      if (at(i, Conv2d.class) && at(i + 1, MaxPool2d.class)) {
        x = ((Conv2d) layer).forwardPooled(x, (MaxPool2d) layers.get(++i));
      } else if (at(i, Conv2d.class) && at(i + 1, ReLU.class) && at(i + 2, MaxPool2d.class)) {
        x = layers.get(i + 1).invoke(((Conv2d) layer).forwardPooled(x, (MaxPool2d) layers.get(i + 2)));
        i += 2;
      } else if (at(i, ReLU.class) && at(i + 1, MaxPool2d.class)) {
        x = layer.invoke(layers.get(++i).invoke(x));
      } else {
        x = layer.invoke(x);
      }
    }
    return x;
  }

  /** Whether the layer at {@code index} is exactly a {@code type} (a subclass may do anything in forward). */
  private boolean at(int index, Class<? extends Module> type) {
    return index < layers.size() && layers.get(index).getClass() == type;
  }
}
