package dev.vectorgrad.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.autodiff.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill test: a child JVM ({@link RepeatedSaver}) saves a model to one path in a loop, alternating
 * two weight sets, and is killed with {@code destroyForcibly} (SIGKILL) at a seeded random moment
 * after its first complete save; 100 times. After every kill the file must load with {@code
 * Models.load} and hold one of the two weight sets exactly: atomic replacement means a reader sees
 * the old file or the new one, never a mix. Children run two at a time (one per core on CI), each
 * in its own directory, so the hundred JVM starts fit in about a minute.
 */
@Tag("kill")
class ModelFileKillTest {
  private static final long SEED = 6_2026L;
  private static final int KILLS = 100;
  private static final int PARALLEL = 2;
  /** Several saves long, so a kill lands anywhere in the loop: encoding, writing, fsync, rename. */
  private static final int MAX_DELAY_MICROS = 40_000;

  @TempDir Path dir;

  @Test
  void aSaveKilledAtARandomMomentLeavesOneCompleteWeightSet() throws Exception {
    Sequential reference = RepeatedSaver.model();
    List<Map<String, Tensor>> sets = List.of(RepeatedSaver.weights(reference, 0), RepeatedSaver.weights(reference, 1));
    SplittableRandom random = new SplittableRandom(SEED);
    ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
    List<Future<Kill>> kills = new ArrayList<>();
    try {
      for (int k = 0; k < KILLS; k++) {
        Path killDir = Files.createDirectory(dir.resolve("kill-" + k));
        int delay = random.nextInt(MAX_DELAY_MICROS);
        kills.add(pool.submit(() -> killDuringSaves(killDir, delay)));
      }
      int[] loaded = new int[2];
      int interruptedWrites = 0;
      for (int k = 0; k < KILLS; k++) {
        Kill kill = kills.get(k).get(120, TimeUnit.SECONDS);
        String what = "seed " + SEED + ", kill " + k + " after " + kill.delayMicros + " us";
        loaded[matchingSet(Models.load(kill.file), sets, what)]++;
        interruptedWrites += kill.leftoverTemporaries;
      }
      // Both sets seen: kills landed at different points of the loop, not always before the second save.
      assertTrue(loaded[0] > 0 && loaded[1] > 0, "weight sets loaded: " + Arrays.toString(loaded));
      // A leftover temporary file means the kill hit a write in progress, the case this test is about.
      assertTrue(interruptedWrites > 0, "no kill interrupted a write");
    } finally {
      pool.shutdownNow();
    }
  }

  /** Where one child was killed, after how long, and how many half-written temporaries it left. */
  private record Kill(Path file, int delayMicros, int leftoverTemporaries) {}

  private static Kill killDuringSaves(Path killDir, int delayMicros) throws IOException, InterruptedException {
    Path file = killDir.resolve("model.safetensors");
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector",
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", // a quick start; the child only saves
        "-cp", System.getProperty("java.class.path"), RepeatedSaver.class.getName(), file.toString());
    builder.redirectError(killDir.resolve("stderr.txt").toFile());
    Process child = builder.start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine();
      assertEquals("saving", line, () -> "child did not start saving: " + stderr(killDir));
      TimeUnit.MICROSECONDS.sleep(delayMicros);
    } finally {
      child.destroyForcibly();
      assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child did not die");
    }
    return new Kill(file, delayMicros, temporaries(killDir));
  }

  private static int temporaries(Path killDir) throws IOException {
    try (Stream<Path> files = Files.list(killDir)) {
      return (int) files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
    }
  }

  private static String stderr(Path killDir) {
    try {
      return Files.readString(killDir.resolve("stderr.txt"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** Which of the two weight sets the loaded model holds, bit for bit; fails if neither. */
  private static int matchingSet(Model loaded, List<Map<String, Tensor>> sets, String what) {
    Map<String, Tensor> state = loaded.stateDict();
    for (int s = 0; s < sets.size(); s++) {
      if (sameBits(sets.get(s), state)) {
        return s;
      }
    }
    throw new AssertionError(what + ": the file loads but holds neither weight set");
  }

  private static boolean sameBits(Map<String, Tensor> expected, Map<String, Tensor> actual) {
    if (!expected.keySet().equals(actual.keySet())) {
      return false;
    }
    for (Map.Entry<String, Tensor> e : expected.entrySet()) {
      if (!Arrays.equals(e.getValue().toFloatArray(), actual.get(e.getKey()).toFloatArray())) {
        return false;
      }
    }
    return true;
  }
}
