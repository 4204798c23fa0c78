package dev.vectorgrad.dsl;

import dev.vectorgrad.autodiff.Tensor;
import java.nio.file.Path;
import java.util.Map;

/**
 * The child process of {@link ModelFileKillTest}: saves one model to one path over and over,
 * alternating between two weight sets, until it is killed. It prints {@code saving} once the file
 * holds a complete first save, so every kill after that lands in a loop that does nothing but save.
 */
final class RepeatedSaver {
  private RepeatedSaver() {}

  /** About 1 MiB of weights, so a save (encode, write, fsync, rename) takes long enough to be hit midway. */
  static Sequential model() {
    return Sequential.of(Input.of(256), Dense.of(512, "relu"), Dense.of(256));
  }

  /** Weight set 0 or 1: seeded, so parent and child compute the same bits. */
  static Map<String, Tensor> weights(Sequential model, int set) {
    Tensor.manualSeed(1000 + set);
    Map<String, Tensor> state = new java.util.LinkedHashMap<>();
    model.stateDict().forEach((key, t) -> state.put(key, Tensor.randn(t.shape().toArray())));
    return state;
  }

  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    Sequential model = model();
    @SuppressWarnings("unchecked")
    Map<String, Tensor>[] sets = new Map[] {weights(model, 0), weights(model, 1)};
    model.loadStateDict(sets[0], true);
    model.save(file);
    System.out.println("saving");
    System.out.flush();
    for (int round = 1; ; round++) {
      model.loadStateDict(sets[round % 2], true);
      model.save(file);
    }
  }
}
