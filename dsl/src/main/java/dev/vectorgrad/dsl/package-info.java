/** Vectorgrad dsl: see docs/ARCHITECTURE.md; filled in by its own issue. */
@NullMarked
package dev.vectorgrad.dsl;

import org.jspecify.annotations.NullMarked;
