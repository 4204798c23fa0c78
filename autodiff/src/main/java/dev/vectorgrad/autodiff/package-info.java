/**
 * {@link dev.vectorgrad.autodiff.Tensor}: NdArray with eager reverse-mode automatic
 * differentiation, grad modes, custom functions, anomaly mode and gradient checking.
 */
@NullMarked
package dev.vectorgrad.autodiff;

import org.jspecify.annotations.NullMarked;
