/**
 * The backend SPI: storage, the kernel interface, and the registry that finds backends through
 * {@link java.util.ServiceLoader}.
 */
@NullMarked
package dev.vectorgrad.tensor.spi;

import org.jspecify.annotations.NullMarked;
