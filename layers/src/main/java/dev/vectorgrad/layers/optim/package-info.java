/** Optimizers, gradient clipping and learning-rate schedulers with PyTorch's update rules. */
@NullMarked
package dev.vectorgrad.layers.optim;

import org.jspecify.annotations.NullMarked;
