package dev.vectorgrad.layers.data;

import dev.vectorgrad.tensor.VectorgradException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Iterates a dataset in batches, like PyTorch's {@code DataLoader}: optional shuffling (seeded,
 * reshuffled each epoch, i.e. each {@link #iterator()}), dropping the last partial batch, a custom
 * collate function, and background prefetch: while the caller trains on batch k, a worker thread
 * assembles batch k+1.
 *
 * <pre>{@code
 * var loader = new DataLoader(train, 64, true);
 * for (Batch b : loader) { ... b.x() ... b.y() ... }
 * }</pre>
 */
public final class DataLoader implements Iterable<Batch> {
  private static final ExecutorService PREFETCH = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "vectorgrad-prefetch");
    t.setDaemon(true);
    return t;
  });

  private final Dataset dataset;
  private final int batchSize;
  private final boolean shuffle;
  private boolean dropLast;
  private long seed;
  private boolean prefetch = true;
  private Function<int[], Batch> collate;
  private int epoch;

  public DataLoader(Dataset dataset, int batchSize, boolean shuffle) {
    if (batchSize <= 0) {
      throw new VectorgradException("DataLoader: batch size must be positive, got " + batchSize);
    }
    this.dataset = dataset;
    this.batchSize = batchSize;
    this.shuffle = shuffle;
    this.collate = dataset::batch;
  }

  /** Drops the last batch when it would be smaller than the batch size. */
  public DataLoader dropLast(boolean value) {
    dropLast = value;
    return this;
  }

  /** The seed of the shuffle; epoch {@code e} uses {@code seed + e}. */
  public DataLoader seed(long value) {
    seed = value;
    return this;
  }

  /** Whether the next batch is assembled in the background (default true). */
  public DataLoader prefetch(boolean value) {
    prefetch = value;
    return this;
  }

  /** Builds a batch from sample indices (default: the dataset's own {@link Dataset#batch}). */
  public DataLoader collate(Function<int[], Batch> function) {
    collate = function;
    return this;
  }

  /** Number of batches per epoch. */
  public int size() {
    int n = dataset.size();
    return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
  }

  /** A new epoch: a fresh shuffle when shuffling. */
  @Override
  public Iterator<Batch> iterator() {
    int[] order = shuffle ? Datasets.permutation(dataset.size(), seed + epoch) : identity(dataset.size());
    epoch++;
    int batches = size();
    return new Iterator<>() {
      private int next;
      private CompletableFuture<Batch> ahead = batches > 0 ? start(0) : null;

      private CompletableFuture<Batch> start(int index) {
        int[] indices = Arrays.copyOfRange(order, index * batchSize, Math.min((index + 1) * batchSize, order.length));
        return prefetch
            ? CompletableFuture.supplyAsync(() -> collate.apply(indices), PREFETCH)
            : CompletableFuture.completedFuture(collate.apply(indices));
      }

      @Override
      public boolean hasNext() {
        return next < batches;
      }

      @Override
      public Batch next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        CompletableFuture<Batch> current = ahead;
        next++;
        ahead = next < batches ? start(next) : null;
        try {
          return current.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new VectorgradException("DataLoader: interrupted while waiting for a batch", e);
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          throw cause instanceof RuntimeException ? (RuntimeException) cause
              : new VectorgradException("DataLoader: building a batch failed", cause);
        }
      }
    };
  }

  private static int[] identity(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return order;
  }
}
