package dev.vectorgrad.tensor;

import dev.vectorgrad.tensor.spi.HeapStorage;

/**
 * The seeded random number generator behind {@code rand}, {@code randn} and {@code randint}.
 *
 * <p>Counter-based: element {@code i} of a draw is a SplitMix64 hash of {@code (seed, counter +
 * i)}, so a draw can be split among any number of threads or devices and still give the same
 * numbers. Each draw advances the counter by the numbers it used. Like PyTorch, the global
 * generator starts from a fixed seed, so programs are reproducible even without {@link
 * #manualSeed}.
 */
public final class Generator {
  /** The seed the global generator starts with. */
  public static final long DEFAULT_SEED = 67280421310721L;

  private static final Generator GLOBAL = new Generator(DEFAULT_SEED);
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private long seed;
  private long counter;

  public Generator(long seed) {
    manualSeed(seed);
  }

  /** The generator that {@link NdArray#rand} and friends draw from. */
  public static Generator global() {
    return GLOBAL;
  }

  /** Restarts this generator's sequence from {@code seed}. */
  public synchronized void manualSeed(long seed) {
    this.seed = seed;
    this.counter = 0;
  }

  /** The seed and the counter: everything {@link #restore} needs to continue this sequence. */
  public synchronized long[] state() {
    return new long[] {seed, counter};
  }

  /** Continues the sequence captured by {@link #state()} (checkpoints resume bit-identically). */
  public synchronized void restore(long[] state) {
    if (state.length != 2 || state[1] < 0) {
      throw new VectorgradException("Generator.restore: expected {seed, counter >= 0}, got " + state.length + " values");
    }
    this.seed = state[0];
    this.counter = state[1];
  }

  /** Reserves {@code count} consecutive counter values and returns the first. */
  private synchronized long reserve(long count) {
    long first = counter;
    counter += count;
    return first;
  }

  private long bits(long index) {
    long z = seed + (index + 1) * GOLDEN_GAMMA;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Uniform in [0, 1) with 53 random bits. */
  private double uniform(long index) {
    return (bits(index) >>> 11) * 0x1.0p-53;
  }

  /** Fills {@code out} with uniform values in [0, 1); F32 gets 24 random bits so 1 never appears. */
  void fillUniform(HeapStorage out) {
    long first = reserve(out.length());
    boolean f32 = out.dtype() == DType.F32;
    for (int i = 0; i < out.length(); i++) {
      out.set(i, f32 ? (bits(first + i) >>> 40) * 0x1.0p-24 : uniform(first + i));
    }
  }

  /** Fills {@code out} with standard normal values (Box-Muller, two counters per element). */
  void fillNormal(HeapStorage out) {
    long first = reserve(2L * out.length());
    for (int i = 0; i < out.length(); i++) {
      double u1 = 1.0 - uniform(first + 2L * i); // in (0, 1], so the log is finite
      double u2 = uniform(first + 2L * i + 1);
      out.set(i, Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2));
    }
  }

  /** Fills {@code out} with integers uniform in [low, high). */
  void fillInts(HeapStorage out, long low, long high) {
    long first = reserve(out.length());
    long range = high - low;
    for (int i = 0; i < out.length(); i++) {
      // Scaling a 53-bit uniform: the bias is below 2^-22 for ranges up to 2^31.
      out.setLong(i, low + (long) (uniform(first + i) * range));
    }
  }
}
