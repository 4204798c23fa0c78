/**
 * An OpenCL backend through JOCL: arrays live in device buffers, move only through explicit {@code
 * to(device)} copies, and run on kernels compiled once per device. It implements the kernels that
 * prove the SPI fits a device with its own memory ({@code copy}, {@code add}, {@code mul}, {@code
 * matmul}); other ops say so and name the way back to the CPU.
 */
@NullMarked
package dev.vectorgrad.opencl;

import org.jspecify.annotations.NullMarked;
