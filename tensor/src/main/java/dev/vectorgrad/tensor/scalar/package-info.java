/** The plain-Java reference backend. */
@NullMarked
package dev.vectorgrad.tensor.scalar;

import org.jspecify.annotations.NullMarked;
