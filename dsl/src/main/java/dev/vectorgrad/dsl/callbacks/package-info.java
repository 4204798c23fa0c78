/**
 * Keras' callbacks for {@link dev.vectorgrad.dsl.Model#fit}: {@link EarlyStopping}, {@link
 * ModelCheckpoint}, {@link ReduceLROnPlateau}, {@link LearningRateScheduler}, {@link CSVLogger},
 * {@link TerminateOnNaN}, {@link BackupAndRestore} and {@link LambdaCallback}. Each is configured
 * with Keras' defaults and fluent setters, e.g. {@code new EarlyStopping().patience(3)}.
 */
@NullMarked
package dev.vectorgrad.dsl.callbacks;

import org.jspecify.annotations.NullMarked;
