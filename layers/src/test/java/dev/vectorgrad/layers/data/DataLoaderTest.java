package dev.vectorgrad.layers.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.VectorgradException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DataLoaderTest {
  /** 10 samples: x = [i, i], y = i. */
  private static TensorDataset numbers() {
    float[] x = new float[20];
    long[] y = new long[10];
    for (int i = 0; i < 10; i++) {
      x[2 * i] = i;
      x[2 * i + 1] = i;
      y[i] = i;
    }
    return new TensorDataset(Tensor.of(x, 10, 2), Tensor.of(y, 10));
  }

  private static List<Long> labels(DataLoader loader) {
    List<Long> seen = new ArrayList<>();
    for (Batch batch : loader) {
      for (long label : batch.y().toLongArray()) {
        seen.add(label);
      }
      assertArrayEquals(batch.y().cast(DType.F32).toFloatArray(),
          batch.x().select(1, 0).toFloatArray(), "inputs and targets stay paired");
    }
    return seen;
  }

  @Test
  void everySampleOnceInOrderWithoutShuffle() {
    DataLoader loader = new DataLoader(numbers(), 4, false);
    assertEquals(3, loader.size());
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), labels(loader));
  }

  @Test
  void shuffleIsSeededAndChangesEachEpoch() {
    DataLoader a = new DataLoader(numbers(), 3, true).seed(42);
    DataLoader b = new DataLoader(numbers(), 3, true).seed(42);
    List<Long> first = labels(a);
    assertEquals(first, labels(b));
    assertEquals(Set.copyOf(first), new HashSet<>(labels(a)), "still every sample once");
    assertFalse(first.equals(labels(a)) && first.equals(labels(a)), "epochs reshuffle");
    assertEquals(10, new HashSet<>(first).size());
  }

  @Test
  void dropLastDropsThePartialBatch() {
    DataLoader loader = new DataLoader(numbers(), 4, false).dropLast(true);
    assertEquals(2, loader.size());
    assertEquals(8, labels(loader).size());
  }

  @Test
  void prefetchGivesTheSameBatches() {
    List<Long> background = labels(new DataLoader(numbers(), 3, true).seed(1));
    List<Long> inline = labels(new DataLoader(numbers(), 3, true).seed(1).prefetch(false));
    assertEquals(inline, background);
  }

  @Test
  void customCollateAndFailuresSurface() {
    DataLoader loader = new DataLoader(numbers(), 5, false).collate(indices -> {
      throw new VectorgradException("collate failed for " + Arrays.toString(indices));
    });
    VectorgradException e = assertThrows(VectorgradException.class, () -> loader.iterator().next());
    assertTrue(e.getMessage().contains("collate failed"));
  }

  @Test
  void defaultBatchStacksSamples() {
    Dataset plain = new Dataset() {
      @Override
      public int size() {
        return 3;
      }

      @Override
      public Example get(int index) {
        return new Example(Tensor.full(Shape.of(2), index), Tensor.scalar(index));
      }
    };
    Batch batch = plain.batch(new int[] {2, 0});
    assertArrayEquals(new float[] {2, 2, 0, 0}, batch.x().toFloatArray());
    assertEquals(2, batch.size());
  }

  @Test
  void randomSplitIsDisjointAndComplete() {
    List<Dataset> parts = Datasets.randomSplit(numbers(), new int[] {7, 3}, 9);
    Set<Long> all = new HashSet<>();
    for (Dataset part : parts) {
      for (int i = 0; i < part.size(); i++) {
        assertTrue(all.add(part.get(i).y().itemLong()), "a sample appears twice");
      }
    }
    assertEquals(10, all.size());
    assertThrows(VectorgradException.class, () -> Datasets.randomSplit(numbers(), new int[] {5, 4}, 0));
  }
}
