package dev.vectorgrad.layers;

import dev.vectorgrad.autodiff.Grad;
import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.io.SafeTensors;
import dev.vectorgrad.tensor.Device;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.ShapeMismatchException;
import dev.vectorgrad.tensor.VectorgradException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network or a part of one, as in PyTorch: named parameters (trainable tensors), buffers (state
 * such as running statistics), child modules, a training flag, and {@link #forward}.
 *
 * <pre>{@code
 * class Net extends Module {
 *   final Linear fc1 = register("fc1", new Linear(784, 128));
 *   final Linear fc2 = register("fc2", new Linear(128, 10));
 *   public Tensor forward(Tensor x) { return fc2.invoke(F.relu(fc1.invoke(x))); }
 * }
 * }</pre>
 *
 * Names in {@link #namedParameters()} and {@link #stateDict()} are dotted paths ({@code fc1.weight}),
 * the same keys PyTorch uses, so state dicts can be exchanged through safetensors files.
 */
public abstract class Module {
  private final Map<String, Tensor> parameters = new LinkedHashMap<>();
  private final Map<String, Tensor> buffers = new LinkedHashMap<>();
  private final Map<String, Module> children = new LinkedHashMap<>();
  private boolean training = true;

  /** The computation; call it through {@link #invoke} (Kotlin: {@code model(x)}). */
  public abstract Tensor forward(Tensor input);

  /** Runs {@link #forward}; Kotlin maps {@code module(x)} here. */
  public final Tensor invoke(Tensor input) {
    return forward(input);
  }

  /** Registers a child module under {@code name} and returns it. */
  protected final <M extends Module> M register(String name, M module) {
    checkName(name);
    children.put(name, module);
    return module;
  }

  /** Registers a trainable parameter (it is made to require grad) and returns it. */
  protected final Tensor registerParameter(String name, Tensor value) {
    checkName(name);
    if (!value.isLeaf()) {
      throw new VectorgradException("registerParameter: " + name + " must be a leaf tensor; detach() it");
    }
    parameters.put(name, value.requiresGrad(true));
    return value;
  }

  /** Registers state that is saved and moved with the module but not trained. */
  protected final Tensor registerBuffer(String name, Tensor value) {
    checkName(name);
    buffers.put(name, value);
    return value;
  }

  private void checkName(String name) {
    if (name.isEmpty() || name.contains(".")
        || parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
      throw new VectorgradException(
          getClass().getSimpleName() + ": name '" + name + "' is empty, dotted or already registered");
    }
  }

  /** Switches this module and its children to training mode (dropout active, batch statistics). */
  public Module train() {
    return train(true);
  }

  public Module train(boolean mode) {
    training = mode;
    for (Module child : children.values()) {
      child.train(mode);
    }
    return this;
  }

  /** Switches to evaluation mode: dropout off, running statistics. */
  public Module eval() {
    return train(false);
  }

  public boolean isTraining() {
    return training;
  }

  /** The direct children, by name. */
  public Map<String, Module> children() {
    return new LinkedHashMap<>(children);
  }

  /** Every parameter of this module and its descendants, by dotted path. */
  public Map<String, Tensor> namedParameters() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    collect("", out, false);
    return out;
  }

  /** Every parameter, in registration order (children after own parameters). */
  public List<Tensor> parameters() {
    return new ArrayList<>(namedParameters().values());
  }

  /** Every parameter and buffer by dotted path: what {@link #loadStateDict} restores. */
  public Map<String, Tensor> stateDict() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    collect("", out, true);
    return out;
  }

  private void collect(String prefix, Map<String, Tensor> out, boolean withBuffers) {
    parameters.forEach((name, p) -> out.put(prefix + name, p));
    if (withBuffers) {
      buffers.forEach((name, b) -> out.put(prefix + name, b));
    }
    children.forEach((name, child) -> child.collect(prefix + name + ".", out, withBuffers));
  }

  /**
   * Copies values into the parameters and buffers with the same names. With {@code strict}, missing
   * and unexpected keys are errors; shapes must always match.
   */
  public void loadStateDict(Map<String, ? extends Tensor> state, boolean strict) {
    Map<String, Tensor> own = stateDict();
    if (strict) {
      List<String> missing = new ArrayList<>(own.keySet());
      missing.removeAll(state.keySet());
      List<String> unexpected = new ArrayList<>(state.keySet());
      unexpected.removeAll(own.keySet());
      if (!missing.isEmpty() || !unexpected.isEmpty()) {
        throw new VectorgradException(
            "loadStateDict: missing keys " + missing + ", unexpected keys " + unexpected);
      }
    }
    try (Grad.Scope off = Grad.disabled()) {
      for (Map.Entry<String, ? extends Tensor> entry : state.entrySet()) {
        Tensor target = own.get(entry.getKey());
        if (target == null) {
          continue;
        }
        Tensor source = entry.getValue();
        if (!source.shape().equals(target.shape())) {
          throw new ShapeMismatchException(
              "loadStateDict: " + entry.getKey() + " has shape " + source.shape() + " in the state"
                  + " but " + target.shape() + " in the module");
        }
        target.copyFrom(source);
      }
    }
  }

  /**
   * Saves {@link #stateDict()} as a safetensors file (atomically), with the PyTorch key names, so
   * {@code safetensors.torch.load_file} reads it too.
   */
  public void save(Path file) {
    Map<String, NdArray> arrays = new LinkedHashMap<>();
    stateDict().forEach((name, t) -> arrays.put(name, t.data()));
    SafeTensors.save(file, arrays, Collections.singletonMap("format", "pt"));
  }

  /** Loads a safetensors state dict written by {@link #save} (or PyTorch), strictly. */
  public void load(Path file) {
    Map<String, Tensor> state = new LinkedHashMap<>();
    SafeTensors.load(file).arrays().forEach((name, array) -> state.put(name, Tensor.from(array)));
    loadStateDict(state, true);
  }

  /** Clears the gradients of every parameter ({@code grad()} is {@code null} again). */
  public void zeroGrad() {
    zeroGrad(true);
  }

  /**
   * Clears the gradients of every parameter, keeping their buffers for the next backward unless
   * {@code setToNone}: see {@link Tensor#zeroGrad(boolean)}.
   */
  public void zeroGrad(boolean setToNone) {
    for (Tensor p : parameters()) {
      p.zeroGrad(setToNone);
    }
  }

  /** Marks every parameter trainable or frozen; frozen ones get no gradient. */
  public Module requiresGrad(boolean trainable) {
    for (Tensor p : parameters()) {
      p.requiresGrad(trainable);
    }
    return this;
  }

  /** Freezes every parameter (same as {@code requiresGrad(false)}). */
  public Module freeze() {
    return requiresGrad(false);
  }

  /** Moves every parameter and buffer to {@code device}, keeping the tensors' identities. */
  public Module to(Device device) {
    for (Tensor t : stateDict().values()) {
      NdArray moved = t.data().to(device);
      if (moved != t.data()) {
        t.assign(moved);
      }
    }
    return this;
  }

  /** A one-line description of this module's configuration, e.g. {@code in=784, out=10}. */
  protected String extraRepr() {
    return "";
  }

  /** A tree like PyTorch prints: {@code Net(\n  (fc1): Linear(in=784, out=128)\n ...)}. */
  @Override
  public String toString() {
    String head = getClass().getSimpleName() + "(" + extraRepr();
    if (children.isEmpty()) {
      return head + ")";
    }
    StringBuilder out = new StringBuilder(head).append('\n');
    children.forEach((name, child) -> out.append("  (").append(name).append("): ")
        .append(child.toString().replace("\n", "\n  ")).append('\n'));
    return out.append(')').toString();
  }
}
