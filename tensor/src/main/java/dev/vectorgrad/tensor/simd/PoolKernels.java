package dev.vectorgrad.tensor.simd;

import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Window2d;
import dev.vectorgrad.tensor.spi.HeapStorage;
import dev.vectorgrad.tensor.spi.Parallel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.jspecify.annotations.Nullable;

/**
 * Max pooling for F32 images without padding, indices and (optionally) values in one pass, one
 * vector of consecutive outputs of a plane at a time (row-major over the output plane, so a 13 x
 * 13 output fills vectors as well as a wide one). Each window position is one gather through a table of the windows' offsets, shared by all
 * planes; it is compared with the running maximum and blended into it and into the index vector.
 * The scalar kernel compares one value at a time on a branch that real data takes at random. The
 * rule (first maximum wins, a NaN always wins) and so the results are the scalar backend's.
 */
final class PoolKernels {
  private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Integer> IS = IntVector.SPECIES_PREFERRED;

  private PoolKernels() {}

  static boolean applies(NdArray x, Window2d w) {
    return x.storage() instanceof HeapStorage.Floats && x.stride(3) == 1 && w.padH() == 0 && w.padW() == 0
        && FS.length() == IS.length();
  }

  /** Indices into {@code out}, and the maxima into {@code values} unless it is null. */
  static void maxPool2d(NdArray x, Window2d w, @Nullable NdArray values, NdArray out) {
    float[] src = ((HeapStorage.Floats) x.storage()).array();
    long[] result = ((HeapStorage.Longs) out.storage()).array();
    float @Nullable [] maxima = values == null ? null : ((HeapStorage.Floats) values.storage()).array();
    int lanes = FS.length();
    int channels = x.size(1);
    int width = x.size(3);
    int ow = out.size(3);
    int outputs = out.size(2) * ow;
    int[] s = x.strides();
    // Window origins of the plane's outputs, in memory and as h W + w; lanes past the end repeat
    // the first window, so every gather stays inside the image, and are not stored.
    int[] offsets = new int[(outputs + lanes - 1) / lanes * lanes];
    int[] origins = new int[offsets.length];
    for (int o = 0; o < outputs; o++) {
      offsets[o] = o / ow * w.strideH() * s[2] + o % ow * w.strideW();
      origins[o] = o / ow * w.strideH() * width + o % ow * w.strideW();
    }
    Parallel.forRange(x.size(0), n -> {
      int[] best = new int[lanes];
      float[] top = new float[lanes];
      for (int c = 0; c < channels; c++) {
        int plane = x.offset() + n * s[0] + c * s[1];
        int at = (n * channels + c) * outputs;
        for (int o = 0; o < outputs; o += lanes) {
          IntVector origin = IntVector.fromArray(IS, origins, o);
          IntVector index = origin;
          FloatVector max = FloatVector.broadcast(FS, Float.NEGATIVE_INFINITY);
          for (int i = 0; i < w.kernelH(); i++) {
            for (int j = 0; j < w.kernelW(); j++) {
              int shift = i * w.dilationH() * s[2] + j * w.dilationW();
              FloatVector v = FloatVector.fromArray(FS, src, plane + shift, offsets, o);
              VectorMask<Float> wins = v.compare(VectorOperators.GT, max).or(v.test(VectorOperators.IS_NAN));
              max = max.blend(v, wins);
              index = index.blend(origin.add(i * w.dilationH() * width + j * w.dilationW()), wins.cast(IS));
            }
          }
          index.intoArray(best, 0);
          int end = Math.min(lanes, outputs - o);
          for (int l = 0; l < end; l++) {
            result[out.offset() + at + o + l] = best[l];
          }
          if (maxima != null && end == lanes) {
            max.intoArray(maxima, values.offset() + at + o);
          } else if (maxima != null) {
            // Not a masked store: one that ends past the array takes the Vector API's lane-by-lane
            // bounds check, about 1 % of a CNN training step in profiles.
            max.intoArray(top, 0);
            System.arraycopy(top, 0, maxima, values.offset() + at + o, end);
          }
        }
      }
    });
  }
}
