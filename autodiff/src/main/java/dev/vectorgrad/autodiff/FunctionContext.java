package dev.vectorgrad.autodiff;

import dev.vectorgrad.tensor.VectorgradException;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What a {@link Function}'s forward leaves for its backward: tensors (version-checked) and values. */
public final class FunctionContext {
  private final boolean[] needsInputGrad;
  private Tensor[] saved = new Tensor[0];
  private final Map<String, Object> values = new HashMap<>();

  FunctionContext(Tensor[] inputs) {
    needsInputGrad = new boolean[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      needsInputGrad[i] = inputs[i].requiresGrad();
    }
  }

  /** Keeps tensors for backward; modifying one in place before backward makes backward fail. */
  public void saveForBackward(Tensor... tensors) {
    saved = tensors.clone();
  }

  /** The saved tensors, in the order given to {@link #saveForBackward}. */
  public Tensor[] savedTensors() {
    return saved.clone();
  }

  Tensor[] savedForNode() {
    return saved;
  }

  void restoreSaved(Tensor[] checked) {
    saved = checked;
  }

  /** Whether input {@code i} wants a gradient; backward may return {@code null} for the others. */
  public boolean needsInputGrad(int i) {
    return needsInputGrad[i];
  }

  /** Keeps a non-tensor value (a shape, a flag, a constant) for backward. */
  public void put(String key, Object value) {
    values.put(key, value);
  }

  @SuppressWarnings("unchecked")
  public <T> T get(String key) {
    @Nullable Object value = values.get(key);
    if (value == null) {
      throw new VectorgradException("FunctionContext: nothing was put under '" + key + "'");
    }
    return (T) value;
  }
}
