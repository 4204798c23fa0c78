package dev.vectorgrad.tensor.spi;

import dev.vectorgrad.tensor.VectorgradException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

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
   * done. The calling thread takes part: it hands {@code threads - 1} helpers to the pool, then
   * claims indices from the same counter as they do. A small op is often finished by the caller
   * before a helper has woken up, so it never waits for a thread hand-off; with {@code invoke} the
   * caller idled while two woken workers ran, and a batch-128 MLP step was 30 % slower on two
   * threads than on one. Runs inline for one task, one thread, or inside another {@code forRange}
   * (nested splits would only add overhead). An exception from a task is rethrown once all
   * claimed tasks have finished; tasks not yet started are skipped.
   */
  public static void forRange(int count, IntConsumer task) {
    ForkJoinPool current = pool;
    boolean[] inside = INSIDE.get();
    if (count <= 1 || runsInline(current, inside)) {
      for (int i = 0; i < count; i++) {
        task.accept(i);
      }
      return;
    }
    new Run(current, count, task).execute(inside);
  }

  /**
   * Whether a {@link #forRange} called now would run all its tasks on this thread: the pool has one
   * thread, or this thread is already running tasks of one. Work split for load balance alone (the
   * GEMM's tiles) need not be split then.
   */
  public static boolean runsInline() {
    return runsInline(pool, INSIDE.get());
  }

  private static boolean runsInline(ForkJoinPool current, boolean[] inside) {
    return current.getParallelism() == 1 || inside[0];
  }

  /** Whether the current thread is running tasks of a {@link #forRange}. */
  private static final ThreadLocal<boolean[]> INSIDE = ThreadLocal.withInitial(() -> new boolean[1]);

  /**
   * How long a helper spins for the next {@link #forRange} before its thread goes back to the pool
   * (and parks). Waking a parked pool thread took 50-120 us on the 2-core machine, paid by every
   * parallel region of a training step (a 16-task region of 400 us of work took 250-300 us on two
   * threads instead of 200), while the gaps between a step's regions are mostly shorter than this.
   * OpenMP runtimes spin the same way, for far longer by default.
   */
  private static final long SPIN_NANOS = 500_000;

  /** The latest run handed out, which spinning helpers join. */
  private static volatile @Nullable Run posted;

  /** Helpers spinning for a next run. */
  private static final AtomicInteger SPINNING = new AtomicInteger();

  /** One {@link #forRange} call: tasks are claimed from a shared counter by the caller and helpers. */
  private static final class Run implements Runnable {
    private final ForkJoinPool owner;
    private final int count;
    private final IntConsumer task;
    private final Thread caller = Thread.currentThread();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private volatile @Nullable Throwable failure;

    Run(ForkJoinPool owner, int count, IntConsumer task) {
      this.owner = owner;
      this.count = count;
      this.task = task;
    }

    void execute(boolean[] inside) {
      posted = this;
      int helpers = Math.min(count, owner.getParallelism()) - 1;
      for (int h = helpers - Math.min(helpers, SPINNING.get()); h > 0; h--) {
        owner.execute(this);
      }
      inside[0] = true;
      try {
        work();
      } finally {
        inside[0] = false;
      }
      // The helpers' last tasks are awaited spinning too, then parked: parking at once, the caller
      // had to be woken by the last helper, which cost about what a small region's work did (a
      // batch-128 MLP step on two threads 1.14-1.16 -> 1.00-1.04 ms, SGEMM n = 256 173 -> 198
      // GFLOP/s).
      long deadline = System.nanoTime() + SPIN_NANOS;
      while (done.get() < count) {
        if (System.nanoTime() < deadline) {
          Thread.yield();
        } else {
          LockSupport.park(this);
        }
      }
      Throwable thrown = failure;
      if (thrown instanceof RuntimeException) {
        throw (RuntimeException) thrown;
      }
      if (thrown instanceof Error) {
        throw (Error) thrown;
      }
    }

    /** A helper's share, on a pool thread; then the share of each run posted while it spins. */
    @Override
    public void run() {
      boolean[] inside = INSIDE.get();
      for (@Nullable Run run = this; run != null; run = run.awaitNext()) {
        inside[0] = true;
        try {
          run.work();
        } finally {
          inside[0] = false;
        }
      }
    }

    /**
     * A run of the same pool posted after this one, waited for by spinning up to {@link
     * #SPIN_NANOS}; null if none came. The caller reads {@link #SPINNING} after posting and this
     * thread reads {@link #posted} after leaving it, so one of them sees the other: either the
     * caller hands the run to the pool or this thread joins it (both is harmless).
     *
     * <p>At most as many helpers spin as a run can use (threads - 1), and a spinning helper yields
     * between looks: a pool thread woken by a race while another still spun, spinning beside the
     * caller and a working helper on two cores, took a core from one of them. Both together made a
     * two-thread CNN training step 8 % faster and a batch-128 MLP step 25 % faster.
     */
    private @Nullable Run awaitNext() {
      if (SPINNING.incrementAndGet() > owner.getParallelism() - 1) {
        SPINNING.decrementAndGet();
        return joinable();
      }
      long deadline = System.nanoTime() + SPIN_NANOS;
      try {
        while (System.nanoTime() < deadline) {
          Run next = joinable();
          if (next != null) {
            return next;
          }
          Thread.yield(); // not Thread.onSpinWait, which Android (API 26) lacks
        }
      } finally {
        SPINNING.decrementAndGet();
      }
      return joinable();
    }

    private @Nullable Run joinable() {
      Run next = posted;
      return next != null && next != this && next.owner == owner && next.next.get() < next.count ? next : null;
    }

    private void work() {
      int finished = 0;
      for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
        try {
          if (failure == null) {
            task.accept(i);
          }
        } catch (RuntimeException | Error e) {
          if (failure == null) {
            failure = e;
          }
        }
        finished++;
      }
      if (finished > 0 && done.addAndGet(finished) == count && Thread.currentThread() != caller) {
        LockSupport.unpark(caller);
      }
    }
  }
}
