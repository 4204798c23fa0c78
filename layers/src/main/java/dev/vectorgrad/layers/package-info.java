/**
 * Modules, layers, losses and initializers ({@code import static dev.vectorgrad.layers.F.*} for
 * the functional forms); optimizers in {@code optim}, data loading in {@code data}.
 */
@NullMarked
package dev.vectorgrad.layers;

import org.jspecify.annotations.NullMarked;
