package dev.vectorgrad.tensor;

/**
 * The result of {@link NdArray#maxPool2dWithIndices}: the window maxima {@code [N, C, OH, OW]}, in
 * the input's dtype, and where they lie, I64 flat indices {@code h W + w} into each input plane.
 */
public record MaxPooling(NdArray values, NdArray indices) {}
