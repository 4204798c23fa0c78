package dev.vectorgrad.tensor.spi;

import dev.vectorgrad.tensor.VectorgradException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;
import java.util.function.IntConsumer;

/**
 * The one thread pool of the CPU backends: a dedicated {@link ForkJoinPool} whose size is set like
 * {@code torch.set_num_threads} (default: available processors).
 *
 * <p>Determinism is the caller's half of the contract: split work into tasks whose boundaries do
 * not depend on the thread count, let each task write only its own outputs, and combine
 * per-task partial results in task order. Then results are bit-identical for any thread count.
 */
public final class Parallel {
  private static volatile ForkJoinPool pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());

  private Parallel() {}

  public static int numThreads() {
    return pool.getParallelism();
  }

  /** Resizes the pool; running work finishes on the old one. */
  public static synchronized void setNumThreads(int threads) {
    if (threads < 1) {
      throw new VectorgradException("setNumThreads: need at least 1 thread, got " + threads);
    }
    if (threads != pool.getParallelism()) {
      ForkJoinPool old = pool;
      pool = new ForkJoinPool(threads);
      old.shutdown();
    }
  }

  /**
   * Runs {@code task.accept(i)} for every {@code i} in {@code [0, count)} and returns when all are
   * done. Runs inline for one task or one thread; exceptions from tasks propagate.
   */
  public static void forRange(int count, IntConsumer task) {
    ForkJoinPool current = pool;
    if (count <= 1 || current.getParallelism() == 1 || ForkJoinTask.getPool() == current) {
      for (int i = 0; i < count; i++) {
        task.accept(i); // also when already inside the pool: nested splits would only add overhead
      }
      return;
    }
    current.invoke(new Split(task, 0, count));
  }

  /** Halves the index range until single tasks remain. */
  private static final class Split extends RecursiveAction {
    private final IntConsumer task;
    private final int from;
    private final int to;

    Split(IntConsumer task, int from, int to) {
      this.task = task;
      this.from = from;
      this.to = to;
    }

    @Override
    protected void compute() {
      if (to - from == 1) {
        task.accept(from);
        return;
      }
      int mid = (from + to) >>> 1;
      invokeAll(new Split(task, from, mid), new Split(task, mid, to));
    }
  }
}
