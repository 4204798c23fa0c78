/**
 * The CPU backend on the JDK Vector API ({@code jdk.incubator.vector}), the only package that
 * imports it. Loaded through {@link dev.vectorgrad.tensor.simd.SimdBackendProvider}, which checks
 * for the module before anything here touches it.
 */
@NullMarked
package dev.vectorgrad.tensor.simd;

import org.jspecify.annotations.NullMarked;
