package dev.vectorgrad.layers.data;

import dev.vectorgrad.autodiff.Tensor;

/** One sample: an input and its target. */
public record Example(Tensor x, Tensor y) {}
