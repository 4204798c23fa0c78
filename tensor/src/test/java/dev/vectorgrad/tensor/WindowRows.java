package dev.vectorgrad.tensor;

import static dev.vectorgrad.tensor.OpInput.of;
import static dev.vectorgrad.tensor.OpTable.join;

import dev.vectorgrad.tensor.OpInput.Domain;
import dev.vectorgrad.tensor.OpRow.Tolerance;
import java.util.Arrays;
import java.util.List;

/** Rows of the windowed ops: im2col/col2im, convolutions and pooling. */
final class WindowRows {
  private WindowRows() {}

  private static final Window2d PLAIN = Window2d.of(3, 1, 0, 1);
  private static final Window2d STRIDED_PADDED = new Window2d(3, 2, 2, 1, 1, 1, 1, 1);
  private static final Window2d DILATED = new Window2d(2, 2, 1, 2, 0, 1, 2, 1);
  private static final Window2d POOL = Window2d.of(2, 2, 0, 1);
  private static final Window2d POOL_PADDED = new Window2d(3, 3, 2, 1, 1, 1, 1, 1);
  private static final Window2d POOL_DILATED = new Window2d(2, 3, 1, 2, 0, 0, 2, 1);
  private static final double NAN = Double.NaN;
  private static final double INF = Double.POSITIVE_INFINITY;

  /** Images: a plain batch, a permuted (channels-last in memory) one, a stepped slice, an odd size. */
  private static final OpInput[] IMAGES = {
    of(2, 3, 6, 7), of(2, 6, 7, 3).permute(0, 3, 1, 2), of(1, 3, 6, 14).step(3), of(1, 1, 5, 5)
  };

  /**
   * Pooling also sees planes with more outputs than the simd kernel's vector (up to 16 lanes) and a
   * leftover tail, one with rows further apart than its width.
   */
  private static final OpInput[] POOL_IMAGES =
      join(IMAGES, new OpInput[] {of(2, 2, 5, 70), of(1, 3, 9, 11), of(2, 2, 10, 37).step(2)});

  /** Values with ties, NaNs and -inf at irregular places, for the pooling rules. */
  private static double[] specials(int count) {
    double[] values = new double[count];
    for (int i = 0; i < count; i++) {
      values[i] = i % 7 == 3 ? NAN : i % 5 == 1 ? -INF : 0.5 * (i % 3);
    }
    return values;
  }

  /** The values of a max pooling of {@code x}, checked to be {@code x}'s elements at its indices. */
  private static NdArray valuesAtIndices(NdArray x, MaxPooling pooled) {
    int planes = x.size(0) * x.size(1);
    NdArray index = pooled.indices().view(planes, -1);
    double[] gathered = x.reshape(planes, -1).gather(1, index).toDoubleArray();
    if (!Arrays.equals(gathered, pooled.values().toDoubleArray())) {
      throw new AssertionError("maxPool2dWithIndices: values " + pooled.values() + " are not the input at "
          + pooled.indices());
    }
    return pooled.values();
  }

  static List<OpRow> rows() {
    return List.of(
        OpRow.of("im2col(3x3)", in -> in.get(0).im2col(PLAIN, 0), in -> WindowReference.im2col(in.get(0), PLAIN, 0))
            .singles(IMAGES).tolerance(Tolerance.EXACT),
        OpRow.of("im2col(stride 2x1, pad 1, pad value -1)", in -> in.get(0).im2col(STRIDED_PADDED, -1),
                in -> WindowReference.im2col(in.get(0), STRIDED_PADDED, -1))
            .singles(IMAGES).tolerance(Tolerance.EXACT),
        OpRow.of("im2col(dilated)", in -> in.get(0).im2col(DILATED, 0),
                in -> WindowReference.im2col(in.get(0), DILATED, 0))
            .singles(IMAGES).tolerance(Tolerance.EXACT),
        OpRow.of("col2im(6x7, stride 2x1, pad 1)", in -> in.get(0).col2im(6, 7, STRIDED_PADDED),
                in -> WindowReference.col2im(in.get(0), 6, 7, STRIDED_PADDED))
            .singles(of(2, 3 * 6, 3 * 8), of(2, 24, 18).permute(0, 2, 1))
            .tolerance(Tolerance.ACCUMULATING),
        OpRow.of("conv2d", in -> in.get(0).conv2d(in.get(1), in.get(2), PLAIN, 1),
                in -> WindowReference.conv2d(in.get(0), in.get(1), in.get(2), PLAIN, 1))
            .samples(List.of(
                List.of(of(2, 3, 6, 7), of(4, 3, 3, 3), of(4)),
                List.of(of(2, 6, 7, 3).permute(0, 3, 1, 2), of(3, 3, 3, 4).permute(3, 0, 1, 2), of(4))))
            .tolerance(Tolerance.ACCUMULATING),
        OpRow.of("conv2d(strided, padded, groups 3)", in -> in.get(0).conv2d(in.get(1), in.get(2), STRIDED_PADDED, 3),
                in -> WindowReference.conv2d(in.get(0), in.get(1), in.get(2), STRIDED_PADDED, 3))
            .samples(List.of(List.of(of(2, 6, 6, 7), of(9, 2, 3, 2), of(9))))
            .tolerance(Tolerance.ACCUMULATING),
        OpRow.of("conv2d(dilated, no bias)", in -> in.get(0).conv2d(in.get(1), null, DILATED, 1),
                in -> WindowReference.conv2d(in.get(0), in.get(1), null, DILATED, 1))
            .samples(List.of(List.of(of(1, 2, 5, 6), of(3, 2, 2, 2))))
            .tolerance(Tolerance.ACCUMULATING),
        OpRow.of("conv2dMaxPool2d(3x3, pool 2)", in -> in.get(0).conv2dMaxPool2d(in.get(1), in.get(2), PLAIN, 1, POOL).values(),
                in -> WindowReference.pool(WindowReference.conv2d(in.get(0), in.get(1), in.get(2), PLAIN, 1), POOL, true))
            .samples(List.of(
                List.of(of(5, 3, 6, 7), of(4, 3, 3, 3), of(4)),
                List.of(of(2, 6, 7, 3).permute(0, 3, 1, 2), of(3, 3, 3, 4).permute(3, 0, 1, 2), of(4))))
            .tolerance(Tolerance.ACCUMULATING),
        OpRow.of("conv2dInputGrad", in -> in.get(0).conv2dInputGrad(in.get(1), 6, 7, PLAIN, 1),
                in -> WindowReference.conv2dInputGrad(in.get(0), in.get(1), 6, 7, PLAIN, 1))
            .samples(List.of(
                List.of(of(2, 4, 4, 5), of(4, 3, 3, 3)),
                List.of(of(2, 4, 5, 4).permute(0, 1, 3, 2), of(3, 3, 3, 4).permute(3, 0, 1, 2))))
            .tolerance(Tolerance.ACCUMULATING),
        OpRow.of("conv2dInputGrad(strided, padded, groups 3)",
                in -> in.get(0).conv2dInputGrad(in.get(1), 6, 7, STRIDED_PADDED, 3),
                in -> WindowReference.conv2dInputGrad(in.get(0), in.get(1), 6, 7, STRIDED_PADDED, 3))
            .samples(List.of(List.of(of(2, 9, 3, 8), of(9, 2, 3, 2))))
            .tolerance(Tolerance.ACCUMULATING),
        OpRow.of("conv2dInputGrad(dilated)", in -> in.get(0).conv2dInputGrad(in.get(1), 5, 6, DILATED, 1),
                in -> WindowReference.conv2dInputGrad(in.get(0), in.get(1), 5, 6, DILATED, 1))
            .samples(List.of(List.of(of(1, 3, 3, 4), of(3, 2, 2, 2))))
            .tolerance(Tolerance.ACCUMULATING),
        OpRow.of("conv2dWeightGrad", in -> in.get(0).conv2dWeightGrad(in.get(1), PLAIN, 1),
                in -> WindowReference.conv2dWeightGrad(in.get(0), in.get(1), PLAIN, 1))
            .samples(List.of(
                List.of(of(2, 4, 4, 5), of(2, 3, 6, 7)),
                List.of(of(2, 4, 5, 4).permute(0, 1, 3, 2), of(2, 6, 7, 3).permute(0, 3, 1, 2))))
            .tolerance(Tolerance.ACCUMULATING),
        OpRow.of("conv2dWeightGrad(strided, padded, groups 3)",
                in -> in.get(0).conv2dWeightGrad(in.get(1), STRIDED_PADDED, 3),
                in -> WindowReference.conv2dWeightGrad(in.get(0), in.get(1), STRIDED_PADDED, 3))
            .samples(List.of(List.of(of(2, 9, 3, 8), of(2, 6, 6, 7))))
            .tolerance(Tolerance.ACCUMULATING),
        OpRow.of("conv2dWeightGrad(dilated)", in -> in.get(0).conv2dWeightGrad(in.get(1), DILATED, 1),
                in -> WindowReference.conv2dWeightGrad(in.get(0), in.get(1), DILATED, 1))
            .samples(List.of(List.of(of(1, 3, 3, 4), of(1, 2, 5, 6))))
            .tolerance(Tolerance.ACCUMULATING),
        OpRow.of("conv1d(stride 2, pad 1)", in -> in.get(0).conv1d(in.get(1), in.get(2), 2, 1, 1, 1),
                in -> WindowReference.conv2d(in.get(0).unsqueeze(2), in.get(1).unsqueeze(2), in.get(2),
                    new Window2d(1, 3, 1, 2, 0, 1, 1, 1), 1).reshape(2, 4, 5))
            .samples(List.of(List.of(of(2, 3, 9), of(4, 3, 3), of(4))))
            .tolerance(Tolerance.ACCUMULATING),
        OpRow.of("maxPool2d(2)", in -> in.get(0).maxPool2d(POOL), in -> WindowReference.pool(in.get(0), POOL, true))
            .singles(IMAGES).tolerance(Tolerance.EXACT),
        OpRow.of("maxPool2d(3, stride 2, pad 1)", in -> in.get(0).maxPool2d(POOL_PADDED),
                in -> WindowReference.pool(in.get(0), POOL_PADDED, true))
            .singles(IMAGES).tolerance(Tolerance.EXACT),
        OpRow.of("maxPool2dIndices(2), ties", in -> in.get(0).maxPool2dIndices(POOL),
                in -> WindowReference.maxIndices(in.get(0), POOL))
            .singles(POOL_IMAGES).domain(Domain.GRID).tolerance(Tolerance.EXACT).resultType(t -> DType.I64),
        OpRow.of("maxPool2dIndices(3, stride 2, pad 1), ties", in -> in.get(0).maxPool2dIndices(POOL_PADDED),
                in -> WindowReference.maxIndices(in.get(0), POOL_PADDED))
            .singles(POOL_IMAGES).domain(Domain.GRID).tolerance(Tolerance.EXACT).resultType(t -> DType.I64),
        OpRow.of("maxPool2dIndices(2), NaN and -inf", in -> in.get(0).maxPool2dIndices(POOL),
                in -> WindowReference.maxIndices(in.get(0), POOL))
            .singles(OpInput.values(new double[] {
              1, NAN, -INF, -INF, 2, 2, 5,
              NAN, 3, -INF, -INF, 2, 2, 5,
              0, 7, 7, 7, 1, -1, 4,
              7, 7, 7, 0, NAN, NAN, 4}, 1, 1, 4, 7), OpInput.values(specials(5 * 37), 1, 1, 5, 37))
            .tolerance(Tolerance.EXACT).resultType(t -> DType.I64),
        OpRow.of("maxPool2dIndices(2x3, stride 1x2, dilation 2x1), NaN and -inf",
                in -> in.get(0).maxPool2dIndices(POOL_DILATED), in -> WindowReference.maxIndices(in.get(0), POOL_DILATED))
            .singles(OpInput.values(specials(2 * 6 * 41), 1, 2, 6, 41))
            .tolerance(Tolerance.EXACT).resultType(t -> DType.I64),
        OpRow.of("maxPool2d(2), NaN and -inf", in -> in.get(0).maxPool2d(POOL),
                in -> WindowReference.pool(in.get(0), POOL, true))
            .singles(OpInput.values(specials(5 * 37), 1, 1, 5, 37), OpInput.values(specials(3 * 4 * 9 * 9), 3, 4, 9, 9))
            .tolerance(Tolerance.EXACT),
        OpRow.of("maxPool2dWithIndices(2x3, stride 1x2, dilation 2x1): values at the indices",
                in -> valuesAtIndices(in.get(0), in.get(0).maxPool2dWithIndices(POOL_DILATED)),
                in -> WindowReference.pool(in.get(0), POOL_DILATED, true))
            .singles(OpInput.values(specials(2 * 6 * 41), 1, 2, 6, 41))
            .tolerance(Tolerance.EXACT),
        OpRow.of("avgPool2d(3, stride 2, pad 1)", in -> in.get(0).avgPool2d(POOL_PADDED),
                in -> WindowReference.pool(in.get(0), POOL_PADDED, false))
            .singles(IMAGES).tolerance(Tolerance.ACCUMULATING),
        OpRow.of("adaptiveAvgPool2d(3, 2)", in -> in.get(0).adaptiveAvgPool2d(3, 2),
                in -> WindowReference.adaptiveAverage(in.get(0), 3, 2))
            .singles(IMAGES).tolerance(Tolerance.ACCUMULATING),
        OpRow.of("adaptiveAvgPool2d(1, 1)", in -> in.get(0).adaptiveAvgPool2d(1, 1),
                in -> WindowReference.adaptiveAverage(in.get(0), 1, 1))
            .singles(IMAGES).tolerance(Tolerance.ACCUMULATING));
  }
}
