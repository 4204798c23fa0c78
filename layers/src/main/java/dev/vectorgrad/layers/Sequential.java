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
    for (Module layer : layers) {
      x = layer.invoke(x);
    }
    return x;
  }
}
