package dev.vectorgrad.tensor;

import dev.vectorgrad.tensor.ops.BinaryOp;
import dev.vectorgrad.tensor.ops.ReduceOp;
import dev.vectorgrad.tensor.ops.UnaryOp;
import dev.vectorgrad.tensor.spi.Backend;
import dev.vectorgrad.tensor.spi.Backends;
import dev.vectorgrad.tensor.spi.HeapStorage;
import dev.vectorgrad.tensor.spi.Storage;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A dense n-dimensional array: a {@link Storage} seen through a shape, strides and an offset.
 *
 * <p>Movement ops ({@link #reshape}, {@link #transpose}, {@link #permute}, {@link #narrow}, {@link
 * #slice}, {@link #select}, {@link #expand}, {@link #squeeze}, {@link #unsqueeze}) return views that
 * share storage; every other op returns a new array. Binary ops broadcast like NumPy and PyTorch.
 * Method names follow PyTorch, and those Kotlin maps to operators ({@code plus}, {@code minus},
 * {@code times}, {@code div}, {@code rem}, {@code unaryMinus}, {@code get}, {@code set}) are
 * elementwise; {@link #matmul} is the matrix product.
 */
public final class NdArray {
  private final Storage storage;
  private final Shape shape;
  private final int[] strides;
  private final int offset;
  private final Backend backend;

  private NdArray(Storage storage, Shape shape, int[] strides, int offset, Backend backend) {
    this.storage = storage;
    this.shape = shape;
    this.strides = strides;
    this.offset = offset;
    this.backend = backend;
  }

  /** Another view of this array's storage; it shares the backend, so no registry lookup. */
  NdArray viewOf(Shape viewShape, int[] viewStrides, int viewOffset) {
    return new NdArray(storage, viewShape, viewStrides, viewOffset, backend);
  }

  /** A fresh contiguous zero-filled array on {@code backend}'s device. */
  static NdArray allocate(Backend backend, Shape shape, DType dtype) {
    return new NdArray(
        backend.allocate(dtype, shape.numel()), shape, shape.contiguousStrides(), 0, backend);
  }

  /** A contiguous array over host storage, computed by the CPU backend. */
  static NdArray onHost(HeapStorage storage, Shape shape) {
    return new NdArray(storage, shape, shape.contiguousStrides(), 0, Backends.cpu());
  }

  /** A new array of the same device. */
  NdArray allocateLike(Shape shape, DType dtype) {
    return allocate(backend, shape, dtype);
  }

  Backend backend() {
    return backend;
  }

  // ---------------------------------------------------------------- properties

  public Shape shape() {
    return shape;
  }

  /** Size of dimension {@code axis} (negative counts from the end), like {@code torch.size(d)}. */
  public int size(int axis) {
    return shape.dim(axis);
  }

  /** Number of dimensions. */
  public int rank() {
    return shape.rank();
  }

  public int numel() {
    return shape.numel();
  }

  public DType dtype() {
    return storage.dtype();
  }

  public Device device() {
    return storage.device();
  }

  /** The storage this array views; for backends. */
  public Storage storage() {
    return storage;
  }

  /** Index of the first element in {@link #storage()}. */
  public int offset() {
    return offset;
  }

  /** Elements to skip in storage per step along each dimension (0 for broadcast dimensions). */
  public int[] strides() {
    return strides.clone();
  }

  public int stride(int axis) {
    return strides[shape.axis(axis, "stride")];
  }

  /** True when elements lie in row-major order without gaps from {@link #offset()} on. */
  public boolean isContiguous() {
    int expected = 1;
    for (int i = shape.rank() - 1; i >= 0; i--) {
      int size = shape.dim(i);
      if (size == 0) {
        return true;
      }
      if (size != 1 && strides[i] != expected) {
        return false;
      }
      expected *= size;
    }
    return true;
  }

  /**
   * The stride of axes {@code [from, to)} taken as one axis: that of the innermost one longer than
   * 1, or {@code ifNone} when there is none; -1 when they do not step through memory evenly, so
   * that merging them needs a copy.
   */
  int mergedStride(int from, int to, int ifNone) {
    int stride = ifNone;
    int span = -1;
    for (int axis = to - 1; axis >= from; axis--) {
      if (shape.dim(axis) == 1) {
        continue;
      }
      if (span >= 0 && strides[axis] != span) {
        return -1;
      }
      if (span < 0) {
        stride = strides[axis];
      }
      span = strides[axis] * shape.dim(axis);
    }
    return stride;
  }

  // ---------------------------------------------------------------- creation

  public static NdArray zeros(int... shape) {
    return zeros(Shape.of(shape));
  }

  public static NdArray zeros(Shape shape) {
    return zeros(shape, DType.F32);
  }

  public static NdArray zeros(Shape shape, DType dtype) {
    return allocate(Backends.cpu(), shape, dtype);
  }

  public static NdArray ones(int... shape) {
    return full(Shape.of(shape), 1);
  }

  public static NdArray ones(Shape shape, DType dtype) {
    return full(shape, 1, dtype);
  }

  public static NdArray full(Shape shape, double value) {
    return full(shape, value, DType.F32);
  }

  public static NdArray full(Shape shape, double value, DType dtype) {
    return scalar(value, dtype).expand(shape.toArray()).contiguous();
  }

  /** A rank-0 F32 array. */
  public static NdArray scalar(double value) {
    return scalar(value, DType.F32);
  }

  public static NdArray scalar(double value, DType dtype) {
    HeapStorage storage = HeapStorage.allocate(dtype, 1);
    storage.set(0, value);
    return onHost(storage, Shape.scalar());
  }

  /** The {@code n x n} identity matrix. */
  public static NdArray eye(int n) {
    return eye(n, n);
  }

  /** An {@code n x m} matrix with ones on the main diagonal. */
  public static NdArray eye(int n, int m) {
    HeapStorage storage = HeapStorage.allocate(DType.F32, Shape.of(n, m).numel());
    for (int i = 0; i < Math.min(n, m); i++) {
      storage.set(i * m + i, 1);
    }
    return onHost(storage, Shape.of(n, m));
  }

  /** {@code [0, 1, ..., end - 1]} as I64, like {@code torch.arange(end)}. */
  public static NdArray arange(int end) {
    return Creation.arange(0, end, 1, DType.I64);
  }

  /** {@code start, start + step, ...} below {@code end} (above, for negative steps), as F32. */
  public static NdArray arange(double start, double end, double step) {
    return Creation.arange(start, end, step, DType.F32);
  }

  /** {@code steps} evenly spaced F32 values from {@code start} to {@code end} inclusive. */
  public static NdArray linspace(double start, double end, int steps) {
    return Creation.linspace(start, end, steps);
  }

  /** Copies {@code data} into a new F32 array of the given shape. */
  public static NdArray of(float[] data, int... shape) {
    return onHost(new HeapStorage.Floats(data.clone()), Creation.checkLength("of", data.length, shape));
  }

  public static NdArray of(double[] data, int... shape) {
    return onHost(new HeapStorage.Doubles(data.clone()), Creation.checkLength("of", data.length, shape));
  }

  public static NdArray of(int[] data, int... shape) {
    return onHost(new HeapStorage.Ints(data.clone()), Creation.checkLength("of", data.length, shape));
  }

  public static NdArray of(long[] data, int... shape) {
    return onHost(new HeapStorage.Longs(data.clone()), Creation.checkLength("of", data.length, shape));
  }

  public static NdArray of(boolean[] data, int... shape) {
    return onHost(new HeapStorage.Bools(data.clone()), Creation.checkLength("of", data.length, shape));
  }

  /** Restarts the global generator, like {@code torch.manual_seed}. */
  public static void manualSeed(long seed) {
    Generator.global().manualSeed(seed);
  }

  /** Uniform F32 values in [0, 1) from the global generator. */
  public static NdArray rand(int... shape) {
    return rand(Shape.of(shape), DType.F32);
  }

  public static NdArray rand(Shape shape, DType dtype) {
    HeapStorage storage = HeapStorage.allocate(Creation.requireFloating("rand", dtype), shape.numel());
    Generator.global().fillUniform(storage);
    return onHost(storage, shape);
  }

  /** Standard normal F32 values from the global generator. */
  public static NdArray randn(int... shape) {
    return randn(Shape.of(shape), DType.F32);
  }

  public static NdArray randn(Shape shape, DType dtype) {
    HeapStorage storage = HeapStorage.allocate(Creation.requireFloating("randn", dtype), shape.numel());
    Generator.global().fillNormal(storage);
    return onHost(storage, shape);
  }

  /** I64 values uniform in {@code [low, high)} from the global generator. */
  public static NdArray randint(long low, long high, Shape shape) {
    if (high <= low || high - low > (1L << 31) || high - low < 0) { // < 0: the width overflowed
      throw new VectorgradException(
          "randint: need low < high with a range up to 2^31, got [" + low + ", " + high + ")");
    }
    HeapStorage storage = HeapStorage.allocate(DType.I64, shape.numel());
    Generator.global().fillInts(storage, low, high);
    return onHost(storage, shape);
  }

  // ---------------------------------------------------------------- views

  /** A view with a new shape (one size may be -1); copies only when the layout cannot be viewed. */
  public NdArray reshape(int... newShape) {
    int[] dims = Creation.inferShape("reshape", shape, newShape).toArray();
    return isContiguous() ? view(dims) : contiguous().view(dims);
  }

  /** A view with a new shape (one size may be -1); the array must be contiguous. */
  public NdArray view(int... newShape) {
    Shape target = Creation.inferShape("view", shape, newShape);
    if (!isContiguous()) {
      throw new ShapeMismatchException(
          "view: array of shape " + shape + " with strides " + Arrays.toString(strides)
              + " is not contiguous; use reshape, which copies");
    }
    return viewOf(target, target.contiguousStrides(), offset);
  }

  /** All elements in one dimension. */
  public NdArray flatten() {
    return reshape(numel());
  }

  /** Merges dimensions {@code startAxis..rank-1} into one. */
  public NdArray flatten(int startAxis) {
    return flatten(startAxis, -1);
  }

  /** Merges dimensions {@code startAxis..endAxis} (inclusive) into one. */
  public NdArray flatten(int startAxis, int endAxis) {
    if (rank() == 0) {
      return reshape(1);
    }
    int start = shape.axis(startAxis, "flatten");
    int end = shape.axis(endAxis, "flatten");
    if (start > end) {
      throw new IndexOutOfRangeException(
          "flatten: start axis " + startAxis + " comes after end axis " + endAxis);
    }
    int[] dims = shape.toArray();
    int[] merged = new int[rank() - (end - start)];
    int merge = 1;
    for (int i = start; i <= end; i++) {
      merge *= dims[i];
    }
    System.arraycopy(dims, 0, merged, 0, start);
    merged[start] = merge;
    System.arraycopy(dims, end + 1, merged, start + 1, rank() - end - 1);
    return reshape(merged);
  }

  /** Swaps two dimensions (a view). */
  public NdArray transpose(int axis0, int axis1) {
    int[] order = new int[rank()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    int a = shape.axis(axis0, "transpose");
    int b = shape.axis(axis1, "transpose");
    order[a] = b;
    order[b] = a;
    return permute(order);
  }

  /** The transpose of a matrix; a rank 0 or 1 array is returned as it is. */
  public NdArray t() {
    if (rank() > 2) {
      throw new ShapeMismatchException("t: expects rank <= 2, got shape " + shape + "; use transpose");
    }
    return rank() < 2 ? this : transpose(0, 1);
  }

  /** Reorders dimensions: result dimension {@code i} is this array's {@code order[i]} (a view). */
  public NdArray permute(int... order) {
    if (order.length != rank()) {
      throw new ShapeMismatchException(
          "permute: order " + Arrays.toString(order) + " does not list the " + rank()
              + " dimensions of shape " + shape);
    }
    int[] dims = new int[rank()];
    int[] newStrides = new int[rank()];
    boolean[] seen = new boolean[rank()];
    for (int i = 0; i < order.length; i++) {
      int axis = shape.axis(order[i], "permute");
      if (seen[axis]) {
        throw new IndexOutOfRangeException(
            "permute: axis " + order[i] + " repeats in " + Arrays.toString(order));
      }
      seen[axis] = true;
      dims[i] = shape.dim(axis);
      newStrides[i] = strides[axis];
    }
    return viewOf(Shape.of(dims), newStrides, offset);
  }

  /** Elements {@code start .. start + length - 1} along {@code axis} (a view). */
  public NdArray narrow(int axis, int start, int length) {
    int a = shape.axis(axis, "narrow");
    if (start < 0 || length < 0 || length > shape.dim(a) - start) { // no overflow of start + length
      throw new IndexOutOfRangeException(
          "narrow: range start " + start + " length " + length + " exceeds size " + shape.dim(a)
              + " of axis " + axis + " in shape " + shape);
    }
    return slice(a, start, start + length, 1);
  }

  /**
   * Python's {@code x[start:end:step]} along {@code axis} (a view): negative bounds count from the
   * end, out-of-range bounds are clamped, {@code step} must be positive.
   */
  public NdArray slice(int axis, int start, int end, int step) {
    int a = shape.axis(axis, "slice");
    if (step <= 0) {
      throw new VectorgradException("slice: step must be positive, got " + step);
    }
    int size = shape.dim(a);
    int from = Math.min(Math.max(start < 0 ? start + size : start, 0), size);
    int to = Math.min(Math.max(end < 0 ? end + size : end, from), size);
    int[] dims = shape.toArray();
    // ceil((to - from) / step), written so that a huge step cannot overflow
    dims[a] = to == from ? 0 : (to - from - 1) / step + 1;
    int[] newStrides = strides.clone();
    newStrides[a] = strides[a] * step;
    int newOffset = dims[a] == 0 ? offset : offset + from * strides[a];
    return viewOf(Shape.of(dims), newStrides, newOffset);
  }

  /** The sub-array at {@code index} along {@code axis}, which is removed (a view). */
  public NdArray select(int axis, int index) {
    int a = shape.axis(axis, "select");
    int size = shape.dim(a);
    if (index < -size || index >= size) {
      throw new IndexOutOfRangeException(
          "select: index " + index + " is out of range for axis " + axis + " of size " + size
              + " in shape " + shape);
    }
    int i = index < 0 ? index + size : index;
    return viewOf(Shape.of(Creation.remove(shape.toArray(), a)), Creation.remove(strides, a),
        offset + i * strides[a]);
  }

  /**
   * Broadcasts to {@code sizes} without copying: size-1 dimensions repeat with stride 0, new
   * leading dimensions may be added, -1 keeps a size.
   */
  public NdArray expand(int... sizes) {
    if (sizes.length < rank()) {
      throw new ShapeMismatchException(
          "expand: target " + Arrays.toString(sizes) + " has fewer dimensions than " + shape);
    }
    int lead = sizes.length - rank();
    int[] dims = new int[sizes.length];
    int[] newStrides = new int[sizes.length];
    for (int i = 0; i < sizes.length; i++) {
      int own = i < lead ? 1 : shape.dim(i - lead);
      int wanted = sizes[i] == -1 && i >= lead ? own : sizes[i];
      if (wanted < 0 || (own != wanted && own != 1)) {
        throw new ShapeMismatchException(
            "expand: cannot expand shape " + shape + " to " + Arrays.toString(sizes));
      }
      dims[i] = wanted;
      newStrides[i] = i < lead || own != wanted ? 0 : strides[i - lead];
    }
    return viewOf(Shape.of(dims), newStrides, offset);
  }

  /** Broadcasts to {@code target} (a view). */
  public NdArray expand(Shape target) {
    return expand(target.toArray());
  }

  /** Removes every size-1 dimension (a view). */
  public NdArray squeeze() {
    NdArray result = this;
    for (int i = rank() - 1; i >= 0; i--) {
      if (shape.dim(i) == 1) {
        result = result.select(i, 0);
      }
    }
    return result;
  }

  /** Removes dimension {@code axis} if its size is 1; otherwise returns this array. */
  public NdArray squeeze(int axis) {
    int a = shape.axis(axis, "squeeze");
    return shape.dim(a) == 1 ? select(a, 0) : this;
  }

  /** Inserts a size-1 dimension at {@code axis}, in {@code [-rank-1, rank]} (a view). */
  public NdArray unsqueeze(int axis) {
    int a = Shape.resolveAxis(axis, rank() + 1, "unsqueeze");
    int[] dims = Creation.insert(shape.toArray(), a, 1);
    int stride = a < rank() ? strides[a] * shape.dim(a) : 1;
    return viewOf(Shape.of(dims), Creation.insert(strides, a, stride), offset);
  }

  /** This array if contiguous, else a contiguous copy. */
  public NdArray contiguous() {
    return isContiguous() ? this : copy();
  }

  /** A contiguous copy that shares nothing with this array. */
  public NdArray copy() {
    NdArray out = allocateLike(shape, dtype());
    backend.copy(this, out);
    return out;
  }

  /** This array converted to {@code target}; returns this array when the dtype already matches. */
  public NdArray cast(DType target) {
    if (target == dtype()) {
      return this;
    }
    NdArray out = allocateLike(shape, target);
    backend.copy(this, out);
    return out;
  }

  /** This array on {@code target}; returns this array when it is already there. */
  public NdArray to(Device target) {
    if (target.equals(device())) {
      return this;
    }
    NdArray source = compact();
    HeapStorage host = source.backend.download(source.storage);
    Backend destination = Backends.forDevice(target);
    return new NdArray(destination.upload(host), shape, shape.contiguousStrides(), 0, destination);
  }

  /**
   * This array if its storage holds exactly its elements in row-major order, else such a copy: a
   * transfer between devices then moves only this array's elements, not its base's.
   */
  private NdArray compact() {
    return offset == 0 && storage.length() == numel() && isContiguous() ? this : copy();
  }

  // ---------------------------------------------------------------- element access

  /**
   * The sub-array at the leading indices (a view; negative indices count from the end): {@code
   * a.get(0, 1)} is {@code a[0, 1]} in PyTorch. Use {@link #item()} for the number.
   */
  public NdArray get(int... indices) {
    if (indices.length > rank()) {
      throw new IndexOutOfRangeException(
          "get: " + indices.length + " indices for shape " + shape);
    }
    NdArray result = this;
    for (int index : indices) {
      result = result.select(0, index);
    }
    return result;
  }

  /** Sets {@code a[i] = value} on a rank-1 array (Kotlin's {@code a[i] = v}). */
  public void set(int i, float value) {
    setAt(new int[] {i}, value);
  }

  public void set(int i, int j, float value) {
    setAt(new int[] {i, j}, value);
  }

  public void set(int i, int j, int k, float value) {
    setAt(new int[] {i, j, k}, value);
  }

  public void set(int i, int j, int k, int l, float value) {
    setAt(new int[] {i, j, k, l}, value);
  }

  /** Writes {@code value} into every element of the sub-array at the leading {@code indices}. */
  public void setAt(int[] indices, double value) {
    get(indices).copyFrom(scalar(value, dtype()));
  }

  /** Copies {@code source} (broadcast to this shape, cast to this dtype) into this array in place. */
  public void copyFrom(NdArray source) {
    for (int i = 0; i < rank(); i++) {
      if (strides[i] == 0 && shape.dim(i) > 1) {
        throw new VectorgradException(
            "copyFrom: the target of shape " + shape + " is a broadcast view whose elements share memory");
      }
    }
    NdArray src = source.to(device()).cast(dtype());
    if (src.storage == storage) { // overlapping views: read everything before writing
      src = src.copy();
    }
    if (!Shape.broadcast("copyFrom", src.shape, shape).equals(shape)) {
      throw new ShapeMismatchException(
          "copyFrom: source of shape " + source.shape + " does not broadcast to " + shape);
    }
    backend.copy(src.expand(shape), this);
  }

  /** The single element as a double; the array must have exactly one element. */
  public double item() {
    if (numel() != 1) {
      throw new ShapeMismatchException(
          "item: needs exactly one element, got shape " + shape + " with " + numel());
    }
    return hostCopy(dtype()).get(0);
  }

  /** The single element as a long (exact for I64). */
  public long itemLong() {
    if (numel() != 1) {
      throw new ShapeMismatchException(
          "itemLong: needs exactly one element, got shape " + shape + " with " + numel());
    }
    return hostCopy(dtype()).getLong(0);
  }

  /** The elements in row-major order, converted to float. */
  public float[] toFloatArray() {
    return ((HeapStorage.Floats) hostCopy(DType.F32)).array();
  }

  public double[] toDoubleArray() {
    return ((HeapStorage.Doubles) hostCopy(DType.F64)).array();
  }

  /** The elements converted to int (floating values truncated toward zero). */
  public int[] toIntArray() {
    return ((HeapStorage.Ints) hostCopy(DType.I32)).array();
  }

  public long[] toLongArray() {
    return ((HeapStorage.Longs) hostCopy(DType.I64)).array();
  }

  public boolean[] toBooleanArray() {
    return ((HeapStorage.Bools) hostCopy(DType.BOOL)).array();
  }

  /** A fresh host storage holding the elements in row-major order as {@code target}. */
  private HeapStorage hostCopy(DType target) {
    NdArray host = to(Device.CPU);
    NdArray out = onHost(HeapStorage.allocate(target, numel()), shape);
    host.backend.copy(host, out);
    return (HeapStorage) out.storage;
  }

  // ---------------------------------------------------------------- elementwise

  public NdArray neg() {
    return Elementwise.unary(UnaryOp.NEG, this);
  }

  /** Kotlin's {@code -a}. */
  public NdArray unaryMinus() {
    return neg();
  }

  public NdArray abs() {
    return Elementwise.unary(UnaryOp.ABS, this);
  }

  /** -1, 0 or 1 by the sign of each element (NaN stays NaN). */
  public NdArray sign() {
    return Elementwise.unary(UnaryOp.SIGN, this);
  }

  public NdArray relu() {
    return Elementwise.unary(UnaryOp.RELU, this);
  }

  public NdArray exp() {
    return Elementwise.unary(UnaryOp.EXP, this);
  }

  public NdArray log() {
    return Elementwise.unary(UnaryOp.LOG, this);
  }

  /** {@code log(1 + x)}, accurate for small {@code x}. */
  public NdArray log1p() {
    return Elementwise.unary(UnaryOp.LOG1P, this);
  }

  public NdArray sqrt() {
    return Elementwise.unary(UnaryOp.SQRT, this);
  }

  /** {@code 1 / sqrt(x)}. */
  public NdArray rsqrt() {
    return Elementwise.unary(UnaryOp.RSQRT, this);
  }

  public NdArray sin() {
    return Elementwise.unary(UnaryOp.SIN, this);
  }

  public NdArray cos() {
    return Elementwise.unary(UnaryOp.COS, this);
  }

  public NdArray tanh() {
    return Elementwise.unary(UnaryOp.TANH, this);
  }

  /** {@code 1 / (1 + exp(-x))}. */
  public NdArray sigmoid() {
    return Elementwise.unary(UnaryOp.SIGMOID, this);
  }

  /** {@code x * Phi(x)} with the exact normal CDF, PyTorch's default GELU. */
  public NdArray gelu() {
    return Elementwise.unary(UnaryOp.GELU, this);
  }

  /** {@code log(1 + exp(x))} without overflow. */
  public NdArray softplus() {
    return Elementwise.unary(UnaryOp.SOFTPLUS, this);
  }

  /** The Gauss error function. */
  public NdArray erf() {
    return Elementwise.unary(UnaryOp.ERF, this);
  }

  /** Limits every element to {@code [min, max]}. */
  public NdArray clamp(double min, double max) {
    if (min > max) {
      throw new VectorgradException("clamp: min " + min + " exceeds max " + max);
    }
    return clampMin(min).clampMax(max);
  }

  /** {@code max(x, min)} elementwise. */
  public NdArray clampMin(double min) {
    return maximum(scalarLike(min));
  }

  /** {@code min(x, max)} elementwise. */
  public NdArray clampMax(double max) {
    return minimum(scalarLike(max));
  }

  public NdArray pow(double exponent) {
    return pow(scalarLike(exponent));
  }

  public NdArray pow(NdArray exponent) {
    return Elementwise.binary(BinaryOp.POW, this, exponent);
  }

  public NdArray plus(NdArray other) {
    return Elementwise.binary(BinaryOp.ADD, this, other);
  }

  public NdArray plus(double value) {
    return plus(scalarLike(value));
  }

  public NdArray plus(float value) {
    return plus(scalarLike(value));
  }

  public NdArray plus(int value) {
    return plus(integerLike(value));
  }

  public NdArray minus(NdArray other) {
    return Elementwise.binary(BinaryOp.SUB, this, other);
  }

  public NdArray minus(double value) {
    return minus(scalarLike(value));
  }

  public NdArray minus(float value) {
    return minus(scalarLike(value));
  }

  public NdArray minus(int value) {
    return minus(integerLike(value));
  }

  /** Elementwise product (not the matrix product: see {@link #matmul}). */
  public NdArray times(NdArray other) {
    return Elementwise.binary(BinaryOp.MUL, this, other);
  }

  public NdArray times(double value) {
    return times(scalarLike(value));
  }

  public NdArray times(float value) {
    return times(scalarLike(value));
  }

  public NdArray times(int value) {
    return times(integerLike(value));
  }

  /** True division; integers divide as F32. */
  public NdArray div(NdArray other) {
    return Elementwise.binary(BinaryOp.DIV, this, other);
  }

  public NdArray div(double value) {
    return div(scalarLike(value));
  }

  public NdArray div(float value) {
    return div(scalarLike(value));
  }

  public NdArray div(int value) {
    return div(integerLike(value));
  }

  /** Python's modulo ({@code torch.remainder}): the result has the sign of the divisor. */
  public NdArray rem(NdArray other) {
    return Elementwise.binary(BinaryOp.REM, this, other);
  }

  public NdArray rem(double value) {
    return rem(scalarLike(value));
  }

  public NdArray rem(float value) {
    return rem(scalarLike(value));
  }

  public NdArray rem(int value) {
    return rem(integerLike(value));
  }

  /**
   * Relu's gradient: this (the output gradient) where {@code input > 0}, else 0, in one pass;
   * PyTorch's {@code threshold_backward(grad, input, 0)}. NaN inputs mask like non-positive ones.
   */
  public NdArray reluGrad(NdArray input) {
    return Elementwise.binary(BinaryOp.RELU_GRAD, this, input);
  }

  /** Elementwise maximum; NaN wins. */
  public NdArray maximum(NdArray other) {
    return Elementwise.binary(BinaryOp.MAXIMUM, this, other);
  }

  /** Elementwise minimum; NaN wins. */
  public NdArray minimum(NdArray other) {
    return Elementwise.binary(BinaryOp.MINIMUM, this, other);
  }

  public NdArray gt(NdArray other) {
    return Elementwise.binary(BinaryOp.GT, this, other);
  }

  public NdArray gt(double value) {
    return gt(scalarLike(value));
  }

  public NdArray ge(NdArray other) {
    return Elementwise.binary(BinaryOp.GE, this, other);
  }

  public NdArray ge(double value) {
    return ge(scalarLike(value));
  }

  public NdArray lt(NdArray other) {
    return Elementwise.binary(BinaryOp.LT, this, other);
  }

  public NdArray lt(double value) {
    return lt(scalarLike(value));
  }

  public NdArray le(NdArray other) {
    return Elementwise.binary(BinaryOp.LE, this, other);
  }

  public NdArray le(double value) {
    return le(scalarLike(value));
  }

  public NdArray eq(NdArray other) {
    return Elementwise.binary(BinaryOp.EQ, this, other);
  }

  public NdArray eq(double value) {
    return eq(scalarLike(value));
  }

  public NdArray ne(NdArray other) {
    return Elementwise.binary(BinaryOp.NE, this, other);
  }

  public NdArray ne(double value) {
    return ne(scalarLike(value));
  }

  /** {@code cond ? a : b} elementwise; all three broadcast, {@code cond} must be BOOL. */
  public static NdArray where(NdArray cond, NdArray a, NdArray b) {
    return Elementwise.where(cond, a, b);
  }

  /**
   * A rank-0 array holding a floating scalar operand: it keeps a floating array's dtype (a Python
   * float does not widen F32 to F64 in PyTorch) and makes integer arrays compute in F32.
   */
  private NdArray scalarLike(double value) {
    return scalar(value, dtype().toFloating()).to(device());
  }

  /** A rank-0 array holding an integer operand: it keeps the array's dtype; bools compute in I64. */
  private NdArray integerLike(int value) {
    return scalar(value, dtype() == DType.BOOL ? DType.I64 : dtype()).to(device());
  }

  // ---------------------------------------------------------------- reductions

  /** Sum of all elements (rank 0). */
  public NdArray sum() {
    return Reductions.reduce(ReduceOp.SUM, this, Reductions.all(rank()), false);
  }

  /** Sum over {@code axes}, which are removed. */
  public NdArray sum(int... axes) {
    return sum(axes, false);
  }

  public NdArray sum(int[] axes, boolean keepDim) {
    return Reductions.reduce(ReduceOp.SUM, this, axes, keepDim);
  }

  public NdArray prod() {
    return Reductions.reduce(ReduceOp.PROD, this, Reductions.all(rank()), false);
  }

  public NdArray prod(int axis, boolean keepDim) {
    return Reductions.reduce(ReduceOp.PROD, this, new int[] {axis}, keepDim);
  }

  public NdArray mean() {
    return mean(Reductions.all(rank()), false);
  }

  public NdArray mean(int... axes) {
    return mean(axes, false);
  }

  /** Arithmetic mean; NaN over zero elements, as in PyTorch. */
  public NdArray mean(int[] axes, boolean keepDim) {
    return Reductions.mean(this, axes, keepDim);
  }

  /** Largest element (rank 0); NaN if any element is NaN. */
  public NdArray max() {
    return Reductions.reduce(ReduceOp.MAX, this, Reductions.all(rank()), false);
  }

  public NdArray max(int axis) {
    return max(axis, false);
  }

  public NdArray max(int axis, boolean keepDim) {
    return Reductions.reduce(ReduceOp.MAX, this, new int[] {axis}, keepDim);
  }

  public NdArray min() {
    return Reductions.reduce(ReduceOp.MIN, this, Reductions.all(rank()), false);
  }

  public NdArray min(int axis) {
    return min(axis, false);
  }

  public NdArray min(int axis, boolean keepDim) {
    return Reductions.reduce(ReduceOp.MIN, this, new int[] {axis}, keepDim);
  }

  /** Flat index (I64, rank 0) of the first largest element. */
  public NdArray argmax() {
    return flatten().argmax(0, false);
  }

  /** Index (I64) of the first largest element along {@code axis}. */
  public NdArray argmax(int axis, boolean keepDim) {
    return Reductions.reduce(ReduceOp.ARGMAX, this, new int[] {axis}, keepDim);
  }

  public NdArray argmin() {
    return flatten().argmin(0, false);
  }

  public NdArray argmin(int axis, boolean keepDim) {
    return Reductions.reduce(ReduceOp.ARGMIN, this, new int[] {axis}, keepDim);
  }

  /** Variance over all elements with Bessel's correction (divides by n - 1), like PyTorch. */
  public NdArray var() {
    return var(Reductions.all(rank()), false, 1);
  }

  /** Variance over {@code axes}, dividing by {@code n - correction}. */
  public NdArray var(int[] axes, boolean keepDim, int correction) {
    return Reductions.var("var", this, axes, keepDim, correction);
  }

  /** Standard deviation with Bessel's correction. */
  public NdArray std() {
    return var().sqrt();
  }

  public NdArray std(int[] axes, boolean keepDim, int correction) {
    return Reductions.var("std", this, axes, keepDim, correction).sqrt();
  }

  /** {@code log(sum(exp(x)))} over {@code axes}, without overflow. */
  public NdArray logSumExp(int[] axes, boolean keepDim) {
    return Reductions.logSumExp(this, axes, keepDim);
  }

  public NdArray logSumExp(int axis) {
    return logSumExp(new int[] {axis}, false);
  }

  /** {@code exp(x) / sum(exp(x))} along {@code axis}, computed as {@code exp(x - max)}. */
  public NdArray softmax(int axis) {
    return Reductions.softmax(this, axis);
  }

  /** {@code x - logSumExp(x)} along {@code axis}, computed from {@code x - max} to stay accurate. */
  public NdArray logSoftmax(int axis) {
    return Reductions.logSoftmax(this, axis);
  }

  // ---------------------------------------------------------------- linear algebra, joining, indexing

  /** Matrix product with {@code torch.matmul} semantics (1-D, 2-D, batched, broadcast batches). */
  public NdArray matmul(NdArray other) {
    return LinearAlgebra.matmul(this, other);
  }

  /**
   * {@code this += a · b} in place, PyTorch's {@code addmm_} with {@code beta = alpha = 1}: this is
   * {@code [m, n]}, {@code a} {@code [m, k]} and {@code b} {@code [k, n]}, all of this array's
   * floating dtype. Where the backend can, the product is accumulated straight into this array's
   * memory, with no array for the product in between (how autodiff accumulates a weight gradient
   * into a kept buffer). Returns this.
   */
  public NdArray addmmInPlace(NdArray a, NdArray b) {
    LinearAlgebra.addmmInPlace(this, a, b);
    return this;
  }

  /** Joins arrays along an existing {@code axis}; all other sizes must match. */
  public static NdArray cat(List<NdArray> arrays, int axis) {
    return Joining.cat(arrays, axis);
  }

  /** Joins same-shape arrays along a new {@code axis}. */
  public static NdArray stack(List<NdArray> arrays, int axis) {
    return Joining.stack(arrays, axis);
  }

  /** Views of {@code size} elements along {@code axis}; the last may be smaller. */
  public List<NdArray> split(int size, int axis) {
    return Joining.split(this, size, axis);
  }

  /** Views with the given sizes along {@code axis}, which must add up to its size. */
  public List<NdArray> split(int[] sizes, int axis) {
    return Joining.split(this, sizes, axis);
  }

  /** At most {@code chunks} views of equal size (the last may be smaller) along {@code axis}. */
  public List<NdArray> chunk(int chunks, int axis) {
    return Joining.chunk(this, chunks, axis);
  }

  /** Picks along {@code axis} by an integer index array of the same rank: see {@code torch.gather}. */
  public NdArray gather(int axis, NdArray index) {
    return Indexing.gather(this, axis, index);
  }

  /** A copy of this array with {@code src} added at the positions {@code index} gives along {@code axis}. */
  public NdArray scatterAdd(int axis, NdArray index, NdArray src) {
    return Indexing.scatterAdd(this, axis, index, src);
  }

  /**
   * {@code zeros(shape, src.dtype()).scatterAdd(axis, index, src)} on {@code src}'s device, without
   * the target's copy: the gradient of {@link #gather}, which for max pooling scatters into an
   * array the size of the layer's input.
   */
  public static NdArray scatterAddToZeros(Shape shape, int axis, NdArray index, NdArray src) {
    return Indexing.scatterAddToZeros(shape, axis, index, src);
  }

  /** The slices at the 1-D integer {@code index} along {@code axis}. */
  public NdArray indexSelect(int axis, NdArray index) {
    return Indexing.indexSelect(this, axis, index);
  }

  /** Integer class labels to I64 one-hot rows: shape {@code [..] -> [.., numClasses]}. */
  public NdArray oneHot(int numClasses) {
    return Indexing.oneHot(this, numClasses);
  }

  /**
   * Unfolds the sliding windows of an image batch into columns: {@code [N, C, H, W] -> [N, C kh kw,
   * OH OW]}, with {@code padValue} outside the image ({@code torch.nn.functional.unfold}).
   */
  public NdArray im2col(Window2d window, double padValue) {
    return Convolution.im2col(this, window, padValue);
  }

  /**
   * The adjoint of {@link #im2col}: folds columns back into an image of {@code height x width},
   * adding overlapping entries: {@code [N, C kh kw, L] -> [N, C, H, W]} ({@code fold}).
   */
  public NdArray col2im(int height, int width, Window2d window) {
    return Convolution.col2im(this, height, width, window);
  }

  /**
   * 2-D cross-correlation, as {@code torch.nn.functional.conv2d}. Shape: input {@code [N, C, H, W]},
   * weight {@code [O, C / groups, kh, kw]}, bias {@code [O]} or null -> {@code [N, O, OH, OW]}.
   */
  public NdArray conv2d(NdArray weight, @Nullable NdArray bias, Window2d window, int groups) {
    return Convolution.conv2d(this, weight, bias, window, groups);
  }

  /**
   * The gradient of {@link #conv2d} with respect to its input, called on the output gradient {@code
   * [N, O, OH, OW]}: {@code [N, C, height, width]} ({@code torch.nn.grad.conv2d_input}). It is also
   * the transposed convolution of this array with {@code weight}.
   */
  public NdArray conv2dInputGrad(NdArray weight, int height, int width, Window2d window, int groups) {
    return Convolution.conv2dInputGrad(this, weight, height, width, window, groups);
  }

  /**
   * The gradient of {@link #conv2d} with respect to its weight, called on the output gradient {@code
   * [N, O, OH, OW]} with the convolution's input: {@code [O, C / groups, kh, kw]} ({@code
   * torch.nn.grad.conv2d_weight}).
   */
  public NdArray conv2dWeightGrad(NdArray input, Window2d window, int groups) {
    return Convolution.conv2dWeightGrad(this, input, window, groups);
  }

  /** {@link #conv2d} with a square kernel taken from the weight, and one group. */
  public NdArray conv2d(NdArray weight, @Nullable NdArray bias, int stride, int padding) {
    return conv2d(weight, bias, new Window2d(weight.size(2), weight.size(3), stride, stride, padding, padding, 1, 1), 1);
  }

  /** 1-D cross-correlation. Shape: {@code [N, C, L]}, weight {@code [O, C / groups, k]} -> {@code [N, O, L_out]}. */
  public NdArray conv1d(NdArray weight, @Nullable NdArray bias, int stride, int padding, int dilation, int groups) {
    return Convolution.conv1d(this, weight, bias, stride, padding, dilation, groups);
  }

  /** Window maximum (padding never wins). Shape: {@code [N, C, H, W] -> [N, C, OH, OW]}. */
  public NdArray maxPool2d(Window2d window) {
    return Convolution.maxPool2dWithIndices(this, window).values();
  }

  /**
   * Window maxima and where they lie, in one pass, as {@code
   * torch.nn.functional.max_pool2d_with_indices}: the values of {@link #maxPool2d} and the indices
   * of {@link #maxPool2dIndices}.
   */
  public MaxPooling maxPool2dWithIndices(Window2d window) {
    return Convolution.maxPool2dWithIndices(this, window);
  }

  /**
   * {@code conv2d(weight, bias, window, groups).maxPool2dWithIndices(pool)} without the convolution's
   * output in memory: a few images at a time, in a scratch array that stays in cache. Same values
   * and indices (into the convolution's output planes). For a layer whose output only a max pool
   * reads, typically an image net's first: its output is the largest array of the step.
   */
  public MaxPooling conv2dMaxPool2d(NdArray weight, @Nullable NdArray bias, Window2d window, int groups,
      Window2d pool) {
    return PooledConvolution.forward(this, weight, bias, window, groups, pool);
  }

  /**
   * The weight gradient of {@link #conv2dMaxPool2d}, called on the gradient of its values with its
   * indices and the convolution's input: {@code conv2dWeightGrad} of this gradient scattered to the
   * maxima, without the scattered array in memory. {@code [O, C / groups, kh, kw]}.
   */
  public NdArray conv2dWeightGradAtMaxima(NdArray indices, NdArray input, Window2d window, int groups) {
    return PooledConvolution.weightGrad(this, indices, input, window, groups);
  }

  /**
   * Where each window's maximum lies, as {@code torch.nn.functional.max_pool2d(..., return_indices=
   * True)} gives it: I64 flat indices {@code h W + w} into the input plane (the first maximum wins a
   * tie, a NaN always wins). Shape: {@code [N, C, H, W] -> [N, C, OH, OW]}.
   */
  public NdArray maxPool2dIndices(Window2d window) {
    return Convolution.maxPool2dIndices(this, window);
  }

  /** Window mean, padding counted as zeros. Shape: {@code [N, C, H, W] -> [N, C, OH, OW]}. */
  public NdArray avgPool2d(Window2d window) {
    return Convolution.avgPool2d(this, window);
  }

  /** Mean over PyTorch's adaptive windows. Shape: {@code [N, C, H, W] -> [N, C, outH, outW]}. */
  public NdArray adaptiveAvgPool2d(int outH, int outW) {
    return Convolution.adaptiveAvgPool2d(this, outH, outW);
  }

  /** Prints like PyTorch: {@code tensor([[ 0.1234, -1.0000]], dtype=float64)}, summarised when large. */
  @Override
  public String toString() {
    return Formatter.format(this);
  }
}
