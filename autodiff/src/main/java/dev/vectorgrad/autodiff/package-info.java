/** Vectorgrad autodiff: see docs/ARCHITECTURE.md; filled in by its own issue. */
@NullMarked
package dev.vectorgrad.autodiff;

import org.jspecify.annotations.NullMarked;
