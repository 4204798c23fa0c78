package dev.vectorgrad.dsl;

import static dev.vectorgrad.dsl.SampleModels.assertSameBits;

import dev.vectorgrad.autodiff.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model's thread-safety contract: once built, {@code predict} may run from many threads at once.
 * Sixteen threads predicting on one loaded model (BatchNormalization and Dropout included, whose
 * behaviour depends on the evaluation-mode switch every predict makes) get the single-threaded
 * result bit for bit.
 */
class ConcurrentPredictTest {
  private static final int THREADS = 16;
  private static final int ROUNDS = 5;
  /** Equal in every thread: another batch size may take another (equally valid) kernel path. */
  private static final int BATCH = 8;

  @TempDir Path dir;

  @Test
  void sixteenThreadsPredictingOnASequentialModelAgreeWithOne() throws Exception {
    Sequential trained = SampleModels.cnn();
    trained.compile("adam", "sparse_categorical_crossentropy");
    trained.fit(SampleModels.cnnInput(16), SampleModels.cnnTargets(16), Fit.epochs(1).verbose(Fit.Verbose.SILENT));
    assertConcurrentPredictionsAgree(reloaded(trained), List.of(SampleModels.cnnInput(40)));
  }

  @Test
  void sixteenThreadsPredictingOnAFunctionalModelAgreeWithOne() throws Exception {
    assertConcurrentPredictionsAgree(reloaded(SampleModels.twoTowers()), SampleModels.twoTowersInput(40));
  }

  private Model reloaded(Model model) {
    Path file = dir.resolve(model.name() + ".safetensors");
    model.save(file);
    return Models.load(file);
  }

  private static void assertConcurrentPredictionsAgree(Model model, List<Tensor> x) throws Exception {
    List<Tensor> expected = model.predict(x, BATCH);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CyclicBarrier start = new CyclicBarrier(THREADS); // all threads inside predict together
    try {
      List<Future<List<List<Tensor>>>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        results.add(pool.submit(() -> {
          start.await();
          List<List<Tensor>> rounds = new ArrayList<>();
          for (int r = 0; r < ROUNDS; r++) {
            rounds.add(model.predict(x, BATCH));
          }
          return rounds;
        }));
      }
      for (int t = 0; t < THREADS; t++) {
        List<List<Tensor>> rounds = results.get(t).get(120, TimeUnit.SECONDS);
        for (int r = 0; r < ROUNDS; r++) {
          for (int o = 0; o < expected.size(); o++) {
            assertSameBits(expected.get(o), rounds.get(r).get(o), "thread " + t + ", round " + r + ", output " + o);
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
