package dev.vectorgrad.tensor.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.tensor.IndexOutOfRangeException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Parallel#forRange}: every index once, nested calls, concurrent callers, resizes, exceptions. */
class ParallelTest {
  private final int before = Parallel.numThreads();

  @AfterEach
  void restore() {
    Parallel.setNumThreads(before);
  }

  @Test
  void everyIndexRunsExactlyOnceForAnyThreadCount() {
    for (int threads : new int[] {1, 2, 3, 16}) {
      Parallel.setNumThreads(threads);
      for (int count : new int[] {0, 1, 2, 3, 17, 1000}) {
        AtomicIntegerArray runs = new AtomicIntegerArray(count);
        Parallel.forRange(count, runs::incrementAndGet);
        for (int i = 0; i < count; i++) {
          assertEquals(1, runs.get(i), "index " + i + " of " + count + " with " + threads + " threads");
        }
      }
    }
  }

  @Test
  void nestedCallsRunInlineAndComplete() {
    Parallel.setNumThreads(4);
    AtomicLong sum = new AtomicLong();
    Parallel.forRange(8, i -> Parallel.forRange(100, j -> sum.addAndGet(i * 100 + j)));
    assertEquals(799L * 800 / 2, sum.get());
  }

  @Test
  void concurrentCallersEachGetAllTheirTasks() throws Exception {
    Parallel.setNumThreads(3);
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try {
      @SuppressWarnings("unchecked")
      Future<Long>[] results = new Future[4];
      for (int c = 0; c < results.length; c++) {
        results[c] = callers.submit(() -> {
          long total = 0;
          for (int round = 0; round < 200; round++) {
            AtomicLong sum = new AtomicLong();
            Parallel.forRange(50, sum::addAndGet);
            total += sum.get();
          }
          return total;
        });
      }
      for (Future<Long> result : results) {
        assertEquals(200L * 49 * 50 / 2, result.get());
      }
    } finally {
      callers.shutdown();
    }
  }

  /** Helpers of a replaced pool may still be spinning for work; they must not join the new pool's. */
  @Test
  void afterAResizeOnlyTheNewPoolsThreadsWork() {
    Parallel.setNumThreads(4);
    Parallel.forRange(64, i -> spin());
    Parallel.setNumThreads(2);
    Set<Thread> workers = ConcurrentHashMap.newKeySet();
    Parallel.forRange(64, i -> {
      workers.add(Thread.currentThread());
      spin();
    });
    assertTrue(workers.size() <= 2, workers.size() + " threads ran tasks of a 2-thread pool");
  }

  private static void spin() {
    long end = System.nanoTime() + 20_000;
    while (System.nanoTime() < end) {
      Thread.yield();
    }
  }

  @Test
  void aTaskExceptionReachesTheCallerUnchanged() {
    Parallel.setNumThreads(2);
    IndexOutOfRangeException thrown = new IndexOutOfRangeException("gather: index 7 out of range");
    for (int failing : new int[] {0, 5, 63}) {
      IndexOutOfRangeException caught = assertThrows(IndexOutOfRangeException.class,
          () -> Parallel.forRange(64, i -> {
            if (i == failing) {
              throw thrown;
            }
          }));
      assertSame(thrown, caught);
    }
    AtomicLong sum = new AtomicLong();
    Parallel.forRange(10, sum::addAndGet); // the pool still works after a failure
    assertEquals(45, sum.get());
  }
}
