/** Model files: the safetensors layout, validated before allocation, written atomically. */
@NullMarked
package dev.vectorgrad.layers.io;

import org.jspecify.annotations.NullMarked;
