/** Vectorgrad layers: see docs/ARCHITECTURE.md; filled in by its own issue. */
@NullMarked
package dev.vectorgrad.layers;

import org.jspecify.annotations.NullMarked;
