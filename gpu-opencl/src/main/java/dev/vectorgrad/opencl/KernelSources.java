package dev.vectorgrad.opencl;

import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.ops.BinaryOp;

/**
 * OpenCL C source of the kernels, one small program per kernel and dtype combination, so a device
 * compiles only the variants a program uses.
 *
 * <p>Elementwise kernels get a flat row-major index {@code i} per work item and turn it into a
 * storage offset per view with {@code strided_offset}, from the collapsed shape and the view's
 * strides and offset. Stride 0 (broadcast), transposed and sliced views therefore run without
 * copies; {@code out} is contiguous, so its offset is {@code i} itself.
 */
final class KernelSources {
  /** The indexing every elementwise kernel shares: flat index to storage offset of one view. */
  private static final String STRIDED_OFFSET =
      """
      int strided_offset(int index, int rank, int8 shape, int8 strides, int offset) {
        int sizes[8];
        int steps[8];
        vstore8(shape, 0, sizes);
        vstore8(strides, 0, steps);
        for (int d = rank - 1; d >= 0; d--) {
          offset += (index % sizes[d]) * steps[d];
          index /= sizes[d];
        }
        return offset;
      }
      """;

  private KernelSources() {}

  /** {@code dst[...] = convert(src[...])} over two strided views of one shape. */
  static String copy(DType from, DType to) {
    return header(from, to) + STRIDED_OFFSET
        + """
        __kernel void copy(__global const %1$s* src, int src_offset, int8 src_strides,
                           __global %2$s* dst, int dst_offset, int8 dst_strides,
                           int8 shape, int rank, int count) {
          if (get_global_id(0) < count) {
            int i = get_global_id(0);
            %1$s x = src[strided_offset(i, rank, shape, src_strides, src_offset)];
            dst[strided_offset(i, rank, shape, dst_strides, dst_offset)] = %3$s;
          }
        }
        """.formatted(typeName(from), typeName(to), conversion(from, to));
  }

  /** {@code out[i] = a[...] op b[...]} for {@link BinaryOp#ADD} and {@link BinaryOp#MUL}. */
  static String binary(BinaryOp op, DType type) {
    return header(type, type) + STRIDED_OFFSET
        + """
        __kernel void binary(__global const %1$s* a, int a_offset, int8 a_strides,
                             __global const %1$s* b, int b_offset, int8 b_strides,
                             __global %1$s* out, int8 shape, int rank, int count) {
          if (get_global_id(0) < count) {
            int i = get_global_id(0);
            %1$s x = a[strided_offset(i, rank, shape, a_strides, a_offset)];
            %1$s y = b[strided_offset(i, rank, shape, b_strides, b_offset)];
            out[i] = %2$s;
          }
        }
        """.formatted(typeName(type), arithmetic(op, type));
  }

  /**
   * {@code out[p][i][j] = sum_q a[p][i][q] * b[p][q][j]}, one work item per output element over
   * the range {@code (n, m, batch)}; {@code a} and {@code b} are strided, {@code out} contiguous.
   */
  static String matmul(DType type) {
    return header(type, type)
        + """
        __kernel void matmul(__global const %1$s* a, int a_offset, int a_batch, int a_row, int a_col,
                             __global const %1$s* b, int b_offset, int b_batch, int b_row, int b_col,
                             __global %1$s* out, int m, int n, int k) {
          if (get_global_id(0) < n && get_global_id(1) < m) {
            int j = get_global_id(0);
            int i = get_global_id(1);
            int p = get_global_id(2);
            __global const %1$s* row = a + a_offset + p * a_batch + i * a_row;
            __global const %1$s* column = b + b_offset + p * b_batch + j * b_col;
            %1$s sum = 0;
            for (int q = 0; q < k; q++) {
              sum += row[q * a_col] * column[q * b_row];
            }
            out[(p * m + i) * n + j] = sum;
          }
        }
        """.formatted(typeName(type));
  }

  /** The OpenCL C type of an element; BOOL is a byte, as on the host ({@code boolean[]}). */
  static String typeName(DType type) {
    return switch (type) {
      case BOOL -> "uchar";
      case I32 -> "int";
      case I64 -> "long";
      case F32 -> "float";
      case F64 -> "double";
    };
  }

  private static String header(DType a, DType b) {
    return a == DType.F64 || b == DType.F64 ? "#pragma OPENCL EXTENSION cl_khr_fp64 : enable\n" : "";
  }

  /**
   * The conversion of {@code x} that the scalar backend performs: floating to integer truncates
   * toward zero and saturates with NaN as 0 (Java's cast, OpenCL's {@code _sat_rtz}); anything to
   * BOOL tests {@code != 0}; integers narrow by wrapping.
   */
  private static String conversion(DType from, DType to) {
    if (from == to) {
      return "x";
    }
    return switch (to) {
      case BOOL -> "(uchar) (x != 0)";
      case I32, I64 ->
          from.isFloating() ? "convert_" + typeName(to) + "_sat_rtz(x)" : "(" + typeName(to) + ") x";
      case F32, F64 -> "(" + typeName(to) + ") x";
    };
  }

  /**
   * Floating ops are plain IEEE operations, matching the scalar backend bit for bit. Integer ops
   * go through the unsigned type, where overflow wraps as in Java instead of being undefined.
   */
  private static String arithmetic(BinaryOp op, DType type) {
    String symbol =
        switch (op) {
          case ADD -> "+";
          case MUL -> "*";
          default -> throw new IllegalArgumentException(op + " has no OpenCL kernel");
        };
    if (type.isFloating()) {
      return "x " + symbol + " y";
    }
    String name = typeName(type);
    return "as_" + name + "(as_u" + name + "(x) " + symbol + " as_u" + name + "(y))";
  }
}
