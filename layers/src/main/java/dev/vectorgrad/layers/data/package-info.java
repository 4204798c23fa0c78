/** Datasets, batching with background prefetch, and readers for IDX and CSV files. */
@NullMarked
package dev.vectorgrad.layers.data;

import org.jspecify.annotations.NullMarked;
