package dev.vectorgrad.dsl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.layers.io.ModelFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * One {@code Models.load} of crafted bytes, with the bytes it allocated measured.
 *
 * <p>Allocation is read from HotSpot's per-thread allocation counter ({@code
 * com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}) around the load. Unlike heap
 * usage before and after, it is exact for this thread, is not disturbed by the garbage collector or
 * by other tests, and catches a huge allocation even where the heap is large enough to satisfy it.
 * The bound is generous (parsing JSON costs many times its size) yet far below what a hostile
 * architecture asks for.
 */
final class LoadAttempt {
  /** Gson's tree, strings, exception stack traces and class loading on a first call. */
  static final long FIXED_ALLOWANCE = 8L << 20;
  static final int PER_FILE_BYTE = 64;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  final @Nullable Model model;
  final @Nullable ModelFormatException rejection;
  final long allocatedBytes;

  private LoadAttempt(@Nullable Model model, @Nullable ModelFormatException rejection, long allocatedBytes) {
    this.model = model;
    this.rejection = rejection;
    this.allocatedBytes = allocatedBytes;
  }

  /**
   * Writes {@code bytes} to {@code file} and loads it. Anything but a model or a {@link
   * ModelFormatException} (another exception, an {@code OutOfMemoryError}, a stack overflow) fails
   * the test, and so does allocating more than the bound for a file of this size.
   */
  static LoadAttempt of(Path file, byte[] bytes, String what) {
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long before = THREADS.getCurrentThreadAllocatedBytes();
    Model model = null;
    ModelFormatException rejection = null;
    try {
      model = Models.load(file);
    } catch (ModelFormatException e) {
      rejection = e;
    } catch (Throwable e) { // an OutOfMemoryError or StackOverflowError is as much a bug as an NPE
      throw new AssertionError(what + ": escaped as " + e, e);
    }
    long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
    if (rejection != null) {
      long bound = FIXED_ALLOWANCE + (long) PER_FILE_BYTE * bytes.length;
      assertTrue(allocated <= bound, what + ": rejecting a file of " + bytes.length + " bytes allocated "
          + allocated + " bytes (bound " + bound + ")");
    }
    return new LoadAttempt(model, rejection, allocated);
  }

  /** Asserts the bytes are refused and returns the exception, for checks of its message. */
  static ModelFormatException rejected(Path file, byte[] bytes, String what) {
    LoadAttempt attempt = of(file, bytes, what);
    if (attempt.rejection == null) {
      throw new AssertionError(what + ": loaded, but should have been rejected");
    }
    return attempt.rejection;
  }
}
