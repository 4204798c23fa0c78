/** The op definitions every backend implements: name, dtype rule, and semantics in the javadoc. */
@NullMarked
package dev.vectorgrad.tensor.ops;

import org.jspecify.annotations.NullMarked;
