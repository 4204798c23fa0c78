/**
 * Dense n-dimensional arrays ({@link dev.vectorgrad.tensor.NdArray}) with broadcasting ops, no
 * notion of gradients, and pluggable backends.
 */
@NullMarked
package dev.vectorgrad.tensor;

import org.jspecify.annotations.NullMarked;
