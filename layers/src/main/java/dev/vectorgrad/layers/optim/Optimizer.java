package dev.vectorgrad.layers.optim;

import dev.vectorgrad.autodiff.Grad;
import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.VectorgradException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Updates parameters from their gradients. Subclasses implement one parameter's update; this class
 * holds the parameters, the learning rate, per-parameter state tensors and the step count, and
 * exports them with {@link #stateDict()} (keys {@code state.<i>.<name>}, {@code step}, {@code lr}).
 */
public abstract class Optimizer {
  private final List<Tensor> params;
  private final List<Map<String, Tensor>> state = new ArrayList<>();
  private double lr;
  private long steps;

  protected Optimizer(List<Tensor> params, double lr) {
    if (params.isEmpty()) {
      throw new VectorgradException(getClass().getSimpleName() + ": got an empty parameter list");
    }
    if (!(lr >= 0)) {
      throw new VectorgradException(getClass().getSimpleName() + ": invalid learning rate " + lr);
    }
    this.params = new ArrayList<>(params);
    this.lr = lr;
    for (int i = 0; i < params.size(); i++) {
      state.add(new LinkedHashMap<>());
    }
  }

  public double lr() {
    return lr;
  }

  /** Sets the learning rate (what schedulers do). */
  public void setLr(double value) {
    lr = value;
  }

  /** Steps taken so far. */
  public long steps() {
    return steps;
  }

  public List<Tensor> params() {
    return new ArrayList<>(params);
  }

  /** Clears every parameter's gradient ({@code grad()} is {@code null} again), PyTorch 2's default. */
  public void zeroGrad() {
    zeroGrad(true);
  }

  /**
   * Clears every parameter's gradient; without {@code setToNone} each keeps its buffer, zeroed, and
   * the next backward adds into it instead of allocating (PyTorch's {@code
   * zero_grad(set_to_none=False)}, its default before 2.0; see {@link Tensor#zeroGrad(boolean)}).
   * Then a parameter that gets no gradient in a step still has a zero one, which {@link #step()}
   * applies: for momentum or Adam that is not the same as skipping it.
   */
  public void zeroGrad(boolean setToNone) {
    for (Tensor p : params) {
      p.zeroGrad(setToNone);
    }
  }

  /** Applies one update to every parameter that has a gradient. */
  public void step() {
    steps++;
    try (Grad.Scope off = Grad.disabled()) {
      for (int i = 0; i < params.size(); i++) {
        Tensor p = params.get(i);
        Tensor g = p.grad();
        if (g != null) {
          update(p, g, state.get(i), steps);
        }
      }
    }
  }

  /** Updates {@code param} in place from {@code grad}; {@code state} persists across steps. */
  protected abstract void update(Tensor param, Tensor grad, Map<String, Tensor> state, long step);

  /** The named state tensor of a parameter, created as zeros on first use. */
  protected static Tensor buffer(Map<String, Tensor> state, String name, Tensor like) {
    return state.computeIfAbsent(name, k -> Tensor.from(like.data().times(0f)));
  }

  protected static @Nullable Tensor existing(Map<String, Tensor> state, String name) {
    return state.get(name);
  }

  /** Copies of the state tensors plus the step count and learning rate, as scalar tensors. */
  public Map<String, Tensor> stateDict() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (int i = 0; i < state.size(); i++) {
      for (Map.Entry<String, Tensor> e : state.get(i).entrySet()) {
        out.put("state." + i + "." + e.getKey(), Tensor.from(e.getValue().data().copy()));
      }
    }
    out.put("step", Tensor.scalar(steps, DType.I64));
    out.put("lr", Tensor.scalar(lr, DType.F64));
    return out;
  }

  /**
   * Restores what {@link #stateDict()} exported (for the same parameter list). Every entry is
   * checked before anything changes: {@code step} a non-negative I64 scalar, {@code lr} a finite
   * non-negative F64 scalar, {@code state.<i>.<name>} shaped and typed like parameter i (a moment of
   * another shape would broadcast silently in the next step).
   */
  public void loadStateDict(Map<String, Tensor> saved) {
    for (Map.Entry<String, Tensor> e : saved.entrySet()) {
      check(e.getKey(), e.getValue());
    }
    for (Map<String, Tensor> s : state) {
      s.clear();
    }
    for (Map.Entry<String, Tensor> e : saved.entrySet()) {
      String key = e.getKey();
      if (key.equals("step")) {
        steps = e.getValue().itemLong();
      } else if (key.equals("lr")) {
        lr = e.getValue().item();
      } else {
        String[] parts = key.split("\\.", 3);
        state.get(Integer.parseInt(parts[1])).put(parts[2], Tensor.from(e.getValue().data().copy()));
      }
    }
  }

  private void check(String key, Tensor value) {
    String[] parts = key.split("\\.", 3);
    boolean fits;
    if (key.equals("step")) {
      fits = value.dtype() == DType.I64 && value.rank() == 0 && value.itemLong() >= 0;
    } else if (key.equals("lr")) {
      fits = value.dtype() == DType.F64 && value.rank() == 0 && value.item() >= 0 && value.item() < Double.POSITIVE_INFINITY;
    } else if (parts.length == 3 && parts[0].equals("state") && parts[1].matches("[0-9]{1,9}")
        && Integer.parseInt(parts[1]) < params.size()) {
      Tensor param = params.get(Integer.parseInt(parts[1]));
      fits = value.dtype() == param.dtype() && value.shape().equals(param.shape());
    } else {
      fits = false;
    }
    if (!fits) {
      throw new VectorgradException("loadStateDict: '" + key + "' " + value.dtype() + " " + value.shape()
          + " is not a step count, a learning rate or the state of one of " + params.size() + " parameters");
    }
  }
}
