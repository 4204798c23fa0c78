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

  @Override
  public Tensor forward(Tensor input) {
    Tensor x = input;
    for (int i = 0; i < layers.size(); i++) {
      Module layer = layers.get(i);
      if (i + 1 < layers.size() && poolsFirst(layer, layers.get(i + 1))) {
        x = layer.invoke(layers.get(++i).invoke(x));
      } else {
        x = layer.invoke(x);
      }
    }
    return x;
  }

  /**
   * A ReLU followed by a max pool runs the pool first. Since relu is monotone and only zeroes,
   * {@code maxPool(relu(x)) == relu(maxPool(x))} and the input gradients agree too: where the
   * window's maximum is positive both pick the same element, elsewhere both give 0. Only the sign
   * of a zero output can differ (a window holding -0.0 and negatives). Relu and its gradient then
   * touch a quarter of the data (2 x 2 pools): in the small CNN's first layer those were two passes
   * over 5.5 MB each, memory-bound. Exact classes only: a subclass may do anything in forward.
   */
  private static boolean poolsFirst(Module layer, Module next) {
    return layer.getClass() == ReLU.class && next.getClass() == MaxPool2d.class;
  }
}
