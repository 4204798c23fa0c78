package dev.vectorgrad.dsl;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.tensor.VectorgradException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The settings of one {@link Model#fit} call, Keras' keyword arguments as a builder: {@code
 * Fit.epochs(15).batchSize(128).validationSplit(0.1).callbacks(...)}. Defaults are Keras': one
 * epoch, batch size 32, shuffling (seeded: epoch {@code e} uses {@code seed + e}), no validation,
 * verbose "auto" (a progress bar on a terminal, one line per epoch otherwise).
 */
public final class Fit {
  /** How much {@link Model#fit} prints. */
  public enum Verbose {
    /** Nothing. */
    SILENT,
    /** A progress bar per epoch, updated while it runs. */
    PROGRESS_BAR,
    /** One line per epoch. */
    ONE_LINE_PER_EPOCH,
    /** {@link #PROGRESS_BAR} on a terminal, else {@link #ONE_LINE_PER_EPOCH}. */
    AUTO
  }

  int epochs = 1;
  int batchSize = 32;
  double validationSplit;
  @Nullable List<Tensor> validationX;
  @Nullable List<Tensor> validationY;
  boolean shuffle = true;
  long seed;
  Map<Integer, Double> classWeight = new HashMap<>();
  int initialEpoch;
  Verbose verbose = Verbose.AUTO;
  List<Callback> callbacks = new ArrayList<>();
  PrintStream out = System.out;

  private Fit() {}

  /** Settings with the default number of epochs (one). */
  public static Fit defaults() {
    return new Fit();
  }

  public static Fit epochs(int value) {
    return new Fit().setEpochs(value);
  }

  private Fit setEpochs(int value) {
    if (value < 0) {
      throw new VectorgradException("fit: epochs must be non-negative, got " + value);
    }
    epochs = value;
    return this;
  }

  public Fit batchSize(int value) {
    if (value <= 0) {
      throw new VectorgradException("fit: batch size must be positive, got " + value);
    }
    batchSize = value;
    return this;
  }

  /** Holds out the last {@code fraction} of the samples (before shuffling) for validation, as Keras does. */
  public Fit validationSplit(double fraction) {
    if (!(fraction >= 0 && fraction < 1)) {
      throw new VectorgradException("fit: validation split must be in [0, 1), got " + fraction);
    }
    validationSplit = fraction;
    return this;
  }

  public Fit validationData(Tensor x, Tensor y) {
    return validationData(Collections.singletonList(x), Collections.singletonList(y));
  }

  public Fit validationData(List<Tensor> x, List<Tensor> y) {
    validationX = new ArrayList<>(x);
    validationY = new ArrayList<>(y);
    return this;
  }

  public Fit shuffle(boolean value) {
    shuffle = value;
    return this;
  }

  public Fit seed(long value) {
    seed = value;
    return this;
  }

  /** Weights each sample's loss by its class (integer or one-hot targets); unlisted classes weigh 1. */
  public Fit classWeight(Map<Integer, Double> weights) {
    classWeight = new HashMap<>(weights);
    return this;
  }

  /** The epoch to start from (to continue an earlier fit); epochs count from 0. */
  public Fit initialEpoch(int value) {
    if (value < 0) {
      throw new VectorgradException("fit: initial epoch must be non-negative, got " + value);
    }
    initialEpoch = value;
    return this;
  }

  public Fit verbose(Verbose value) {
    verbose = value;
    return this;
  }

  public Fit callbacks(Callback... values) {
    callbacks = new ArrayList<>(Arrays.asList(values));
    return this;
  }

  /** Where progress goes (default {@code System.out}). */
  public Fit output(PrintStream value) {
    out = value;
    return this;
  }
}
