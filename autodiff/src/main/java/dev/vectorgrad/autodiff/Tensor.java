package dev.vectorgrad.autodiff;

import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.Device;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.ShapeMismatchException;
import dev.vectorgrad.tensor.VectorgradException;
import dev.vectorgrad.tensor.Window2d;
import dev.vectorgrad.tensor.ops.BinaryOp;
import dev.vectorgrad.tensor.ops.UnaryOp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * An {@link NdArray} that can record the ops applied to it and differentiate them in reverse.
 *
 * <p>Every {@code NdArray} operation exists here with the same name and semantics. When grad mode is
 * on ({@link Grad}) and an input {@link #requiresGrad()}, the result remembers the op in a graph
 * node; {@link #backward()} walks the graph and accumulates {@code d(this)/d(leaf)} into each
 * leaf's {@link #grad()}. Views share a version counter with their base, bumped by in-place ops, so
 * a derivative rule that saved a tensor later modified in place refuses to run.
 */
public final class Tensor {
  private NdArray data;
  private boolean requiresGrad;
  private @Nullable Tensor grad;
  /**
   * Whether {@link #grad} is a buffer this tensor allocated for itself ({@link #zeroGrad(boolean)}
   * with {@code false}), which backward may add into in place; a gradient handed over by a rule or
   * by {@link #setGrad} may share memory with other tensors and is never written.
   */
  private boolean gradOwned;
  private @Nullable Node gradFn;
  /** Shared by a tensor and its views: one counter per storage, like PyTorch's. */
  private final int[] version;

  private Tensor(NdArray data, boolean requiresGrad, int[] version) {
    this.data = data;
    this.requiresGrad = requiresGrad;
    this.version = version;
  }

  /** Wraps {@code data} as a leaf that does not require grad (shares its memory). */
  public static Tensor from(NdArray data) {
    return new Tensor(data, false, new int[1]);
  }

  /**
   * The result of an op: records a node when grad mode is on and some input requires grad.
   *
   * @param saved tensors the rule reads; {@code null} entries stand for the result itself
   */
  static Tensor record(
      String name, NdArray out, Tensor[] inputs, @Nullable Tensor[] saved, Node.Rule rule) {
    return attach(name, new Tensor(out, false, new int[1]), inputs, saved, rule);
  }

  /** Like {@link #record}, for ops whose result is a view sharing {@code base}'s memory. */
  static Tensor recordView(String name, NdArray out, Tensor base, Node.Rule rule) {
    return attach(name, new Tensor(out, false, base.version), new Tensor[] {base}, new Tensor[0], rule);
  }

  private static Tensor attach(
      String name, Tensor result, Tensor[] inputs, @Nullable Tensor[] saved, Node.Rule rule) {
    Anomaly.checkForward(name, result.data);
    if (!Grad.isEnabled()) {
      return result;
    }
    boolean any = false;
    for (Tensor input : inputs) {
      any |= input.requiresGrad;
    }
    if (!any) {
      return result;
    }
    Tensor[] kept = new Tensor[saved.length];
    for (int i = 0; i < saved.length; i++) {
      Tensor s = saved[i];
      kept[i] = s == null ? result : s;
    }
    result.requiresGrad = true;
    result.gradFn = new Node(name, inputs, kept, rule);
    return result;
  }

  // ---------------------------------------------------------------- autograd

  /** The values, without graph (shares memory). */
  public NdArray data() {
    return data;
  }

  /**
   * Replaces the values of a leaf, possibly with an array on another device or of another dtype
   * (PyTorch's {@code param.data = ...}): how modules move their parameters while layers keep
   * their references. Drops the gradient, which no longer matches.
   */
  public void assign(NdArray values) {
    if (gradFn != null) {
      throw new VectorgradException("assign: only leaves can be re-pointed; this tensor comes from " + gradFn.name);
    }
    if (!values.shape().equals(data.shape())) {
      throw new ShapeMismatchException(
          "assign: values of shape " + values.shape() + " for a tensor of shape " + data.shape());
    }
    data = values;
    grad = null;
    gradOwned = false;
    version[0]++;
  }

  public boolean requiresGrad() {
    return requiresGrad;
  }

  /**
   * Marks a leaf as a parameter whose gradient {@link #backward()} should compute; returns this.
   *
   * @throws VectorgradException on a non-leaf or a non-floating tensor
   */
  public Tensor requiresGrad(boolean value) {
    if (gradFn != null) {
      throw new VectorgradException(
          "requiresGrad: only leaves can change it; this tensor comes from " + gradFn.name
              + " (use detach() for a leaf copy)");
    }
    if (value && !dtype().isFloating()) {
      throw new VectorgradException("requiresGrad: only floating tensors have gradients, got " + dtype());
    }
    requiresGrad = value;
    return this;
  }

  /** The gradient accumulated by backward, or {@code null} before the first backward. */
  public @Nullable Tensor grad() {
    return grad;
  }

  /** Replaces the gradient ({@code null} clears it, as {@code zeroGrad} in optimizers does). */
  public void setGrad(@Nullable Tensor value) {
    if (value != null && !value.shape().equals(shape())) {
      throw new ShapeMismatchException(
          "setGrad: gradient of shape " + value.shape() + " for a tensor of shape " + shape());
    }
    grad = value;
    gradOwned = false;
  }

  /** Clears the gradient ({@link #grad()} is {@code null} again), PyTorch's {@code zero_grad()}. */
  public void zeroGrad() {
    zeroGrad(true);
  }

  /**
   * Clears the gradient: with {@code setToNone} as {@link #zeroGrad()}; without, as PyTorch's {@code
   * zero_grad(set_to_none=False)}: an existing gradient becomes zeros in a buffer this tensor keeps
   * (allocated once, then zeroed in place), and the next backward adds into that buffer, products
   * straight from the GEMM, instead of allocating the gradient afresh. The JVM zeroes every new
   * array in memory that is usually cold, which for a [784, 256] weight cost as much as the whole
   * rest of a batch-1 step. The buffer is what {@link #grad()} returns, so a gradient read from it
   * is zeroed by the next such call and overwritten by the next backward; copy it to keep it. No
   * gradient stays no gradient.
   */
  public void zeroGrad(boolean setToNone) {
    if (setToNone) {
      grad = null;
      gradOwned = false;
    } else if (grad != null && gradOwned) {
      grad.data.copyFrom(NdArray.scalar(0, grad.dtype()));
      grad.bumpVersion();
    } else if (grad != null) {
      grad = Tensor.from(NdArray.zeros(shape(), grad.dtype()).to(device()));
      gradOwned = true;
    }
  }

  /**
   * Adds {@code g} to the gradient: taken as it is when there is none, added in place into a kept
   * buffer (outside grad mode), else summed into a new tensor.
   */
  private void accumulateGrad(Tensor g) {
    if (grad == null) {
      grad = g;
    } else if (gradOwned && !Grad.isEnabled()) {
      grad.addInPlace(g);
    } else {
      grad = grad.plus(g);
      gradOwned = false;
    }
  }

  /**
   * The kept gradient that {@code a · b}, this tensor's gradient, may be added into directly, or
   * {@code null}: only for a leaf with such a buffer, during a backward that accumulates into
   * {@link #grad()} without recording, and outside anomaly mode (which checks every gradient a
   * rule returns).
   */
  @Nullable Tensor gradBufferFor(Tensor a, Tensor b) {
    boolean fits = grad != null && gradOwned && gradFn == null && requiresGrad && Accumulation.active()
        && !Autograd.isAnomalyDetectionEnabled() && a.rank() == 2 && b.rank() == 2
        && a.size(0) == grad.size(0) && b.size(1) == grad.size(1) && grad.rank() == 2
        && a.dtype() == grad.dtype() && b.dtype() == grad.dtype();
    return fits ? grad : null;
  }

  /** True for tensors not produced by a recorded op: user-created ones and results without grad. */
  public boolean isLeaf() {
    return gradFn == null;
  }

  @Nullable Node gradFn() {
    return gradFn;
  }

  /** The name of the op that produced this tensor, or {@code null} for a leaf. */
  public @Nullable String gradFnName() {
    return gradFn == null ? null : gradFn.name;
  }

  /** Bumped by every in-place change of this tensor or a view of the same memory. */
  public int version() {
    return version[0];
  }

  /** The same values as a leaf that does not require grad (shares memory and version). */
  public Tensor detach() {
    return new Tensor(data, false, version);
  }

  /** Backpropagates from a scalar: accumulates {@code d(this)/d(leaf)} into every leaf's grad. */
  public void backward() {
    if (numel() != 1) {
      throw new ShapeMismatchException(
          "backward: implicit gradient needs a single-element output, got shape " + shape()
              + "; pass a gradient of that shape");
    }
    backward(Tensor.from(NdArray.ones(shape(), dtype()).to(device())), false, false);
  }

  /** Backpropagates {@code gradient} (the same shape as this tensor). */
  public void backward(Tensor gradient) {
    backward(gradient, false, false);
  }

  /**
   * Backpropagates {@code gradient}. {@code retainGraph} keeps saved tensors for another backward;
   * {@code createGraph} records the backward itself, so the accumulated grads can be differentiated.
   */
  public void backward(Tensor gradient, boolean retainGraph, boolean createGraph) {
    if (!requiresGrad) {
      throw new VectorgradException(
          "backward: this tensor does not require grad and has no graph; call requiresGrad(true) on a"
              + " leaf it depends on");
    }
    Engine.run(
        Collections.singletonList(this),
        Collections.singletonList(gradient),
        retainGraph,
        createGraph,
        true,
        new IdentityHashMap<>(),
        Tensor::accumulateGrad);
  }

  // ---------------------------------------------------------------- properties

  public Shape shape() {
    return data.shape();
  }

  public int size(int axis) {
    return data.size(axis);
  }

  public int rank() {
    return data.rank();
  }

  public int numel() {
    return data.numel();
  }

  public DType dtype() {
    return data.dtype();
  }

  public Device device() {
    return data.device();
  }

  public boolean isContiguous() {
    return data.isContiguous();
  }

  // ---------------------------------------------------------------- creation

  public static Tensor zeros(int... shape) {
    return from(NdArray.zeros(shape));
  }

  public static Tensor zeros(Shape shape, DType dtype) {
    return from(NdArray.zeros(shape, dtype));
  }

  public static Tensor ones(int... shape) {
    return from(NdArray.ones(shape));
  }

  public static Tensor ones(Shape shape, DType dtype) {
    return from(NdArray.ones(shape, dtype));
  }

  public static Tensor full(Shape shape, double value) {
    return from(NdArray.full(shape, value));
  }

  public static Tensor full(Shape shape, double value, DType dtype) {
    return from(NdArray.full(shape, value, dtype));
  }

  public static Tensor scalar(double value) {
    return from(NdArray.scalar(value));
  }

  public static Tensor scalar(double value, DType dtype) {
    return from(NdArray.scalar(value, dtype));
  }

  public static Tensor eye(int n) {
    return from(NdArray.eye(n));
  }

  public static Tensor eye(int n, int m) {
    return from(NdArray.eye(n, m));
  }

  public static Tensor arange(int end) {
    return from(NdArray.arange(end));
  }

  public static Tensor arange(double start, double end, double step) {
    return from(NdArray.arange(start, end, step));
  }

  public static Tensor linspace(double start, double end, int steps) {
    return from(NdArray.linspace(start, end, steps));
  }

  public static Tensor of(float[] data, int... shape) {
    return from(NdArray.of(data, shape));
  }

  public static Tensor of(double[] data, int... shape) {
    return from(NdArray.of(data, shape));
  }

  public static Tensor of(int[] data, int... shape) {
    return from(NdArray.of(data, shape));
  }

  public static Tensor of(long[] data, int... shape) {
    return from(NdArray.of(data, shape));
  }

  public static Tensor of(boolean[] data, int... shape) {
    return from(NdArray.of(data, shape));
  }

  public static void manualSeed(long seed) {
    NdArray.manualSeed(seed);
  }

  public static Tensor rand(int... shape) {
    return from(NdArray.rand(shape));
  }

  public static Tensor rand(Shape shape, DType dtype) {
    return from(NdArray.rand(shape, dtype));
  }

  public static Tensor randn(int... shape) {
    return from(NdArray.randn(shape));
  }

  public static Tensor randn(Shape shape, DType dtype) {
    return from(NdArray.randn(shape, dtype));
  }

  public static Tensor randint(long low, long high, Shape shape) {
    return from(NdArray.randint(low, high, shape));
  }

  // ---------------------------------------------------------------- views

  public Tensor reshape(int... newShape) {
    return Views.reshape(this, data.reshape(newShape));
  }

  public Tensor view(int... newShape) {
    return Views.reshape(this, data.view(newShape));
  }

  public Tensor flatten() {
    return Views.reshape(this, data.flatten());
  }

  public Tensor flatten(int startAxis) {
    return Views.reshape(this, data.flatten(startAxis));
  }

  public Tensor flatten(int startAxis, int endAxis) {
    return Views.reshape(this, data.flatten(startAxis, endAxis));
  }

  public Tensor squeeze() {
    return Views.reshape(this, data.squeeze());
  }

  public Tensor squeeze(int axis) {
    return Views.reshape(this, data.squeeze(axis));
  }

  public Tensor unsqueeze(int axis) {
    return Views.reshape(this, data.unsqueeze(axis));
  }

  public Tensor transpose(int axis0, int axis1) {
    return Views.transpose(this, axis0, axis1);
  }

  public Tensor t() {
    return rank() < 2 ? Views.reshape(this, data.t()) : transpose(0, 1);
  }

  public Tensor permute(int... order) {
    return Views.permute(this, order);
  }

  public Tensor narrow(int axis, int start, int length) {
    int a = shape().axis(axis, "narrow");
    data.narrow(a, start, length); // validates with narrow's own message
    return slice(a, start, start + length, 1);
  }

  public Tensor slice(int axis, int start, int end, int step) {
    return Views.slice(this, axis, start, end, step);
  }

  public Tensor select(int axis, int index) {
    return Views.select(this, axis, index);
  }

  public Tensor expand(int... sizes) {
    return Views.expand(this, data.expand(sizes));
  }

  public Tensor expand(Shape target) {
    return expand(target.toArray());
  }

  public Tensor contiguous() {
    return isContiguous() ? this : copy();
  }

  /** A contiguous copy that shares no memory; gradients flow through it unchanged. */
  public Tensor copy() {
    return record("copy", data.copy(), new Tensor[] {this}, new Tensor[0], (g, s) -> new Tensor[] {g});
  }

  public Tensor cast(DType target) {
    if (target == dtype()) {
      return this;
    }
    DType source = dtype();
    NdArray out = data.cast(target);
    if (!target.isFloating()) {
      return from(out);
    }
    return record("cast", out, new Tensor[] {this}, new Tensor[0], (g, s) -> new Tensor[] {g.cast(source)});
  }

  public Tensor to(Device target) {
    if (target.equals(device())) {
      return this;
    }
    Device source = device();
    return record("to", data.to(target), new Tensor[] {this}, new Tensor[0], (g, s) -> new Tensor[] {g.to(source)});
  }

  // ---------------------------------------------------------------- element access

  /** The sub-tensor at the leading indices (a view), like {@code a[i, j]}. */
  public Tensor get(int... indices) {
    Tensor result = this;
    if (indices.length > rank()) {
      data.get(indices); // raises the indexing error
    }
    for (int index : indices) {
      result = result.select(0, index);
    }
    return result;
  }

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

  /** Writes {@code value} into the sub-tensor at {@code indices}, in place. */
  public void setAt(int[] indices, double value) {
    InPlace.check("setAt", this);
    data.setAt(indices, value);
    version[0]++;
  }

  /** Copies {@code source}'s values into this tensor in place (no gradient flows). */
  public void copyFrom(Tensor source) {
    InPlace.check("copyFrom", this);
    data.copyFrom(source.data);
    version[0]++;
  }

  public double item() {
    return data.item();
  }

  public long itemLong() {
    return data.itemLong();
  }

  public float[] toFloatArray() {
    return data.toFloatArray();
  }

  public double[] toDoubleArray() {
    return data.toDoubleArray();
  }

  public int[] toIntArray() {
    return data.toIntArray();
  }

  public long[] toLongArray() {
    return data.toLongArray();
  }

  public boolean[] toBooleanArray() {
    return data.toBooleanArray();
  }

  // ---------------------------------------------------------------- in place

  /** {@code this += other}, in place; for optimizers and accumulators, not for graph tensors. */
  public Tensor addInPlace(Tensor other) {
    return InPlace.apply("addInPlace", this, data.plus(other.data));
  }

  public Tensor subInPlace(Tensor other) {
    return InPlace.apply("subInPlace", this, data.minus(other.data));
  }

  public Tensor mulInPlace(Tensor other) {
    return InPlace.apply("mulInPlace", this, data.times(other.data));
  }

  public Tensor mulInPlace(double value) {
    return InPlace.apply("mulInPlace", this, data.times(value));
  }

  public Tensor divInPlace(Tensor other) {
    return InPlace.apply("divInPlace", this, data.div(other.data));
  }

  /**
   * Lets {@code update} write this tensor's values directly, then bumps its version: for fused
   * optimizer kernels that update several arrays in one pass. Refused, as every in-place op, on a
   * tensor that requires grad while grad mode is on.
   */
  public Tensor updateInPlace(String op, Consumer<NdArray> update) {
    InPlace.check(op, this);
    update.accept(data);
    bumpVersion();
    return this;
  }

  void bumpVersion() {
    version[0]++;
  }

  // ---------------------------------------------------------------- elementwise

  public Tensor neg() {
    return Elementwise.unary(UnaryOp.NEG, this);
  }

  public Tensor unaryMinus() {
    return neg();
  }

  public Tensor abs() {
    return Elementwise.unary(UnaryOp.ABS, this);
  }

  public Tensor sign() {
    return Elementwise.unary(UnaryOp.SIGN, this);
  }

  /** Gradient 0 at 0, as in PyTorch. */
  public Tensor relu() {
    return Elementwise.unary(UnaryOp.RELU, this);
  }

  public Tensor exp() {
    return Elementwise.unary(UnaryOp.EXP, this);
  }

  public Tensor log() {
    return Elementwise.unary(UnaryOp.LOG, this);
  }

  public Tensor log1p() {
    return Elementwise.unary(UnaryOp.LOG1P, this);
  }

  public Tensor sqrt() {
    return Elementwise.unary(UnaryOp.SQRT, this);
  }

  public Tensor rsqrt() {
    return Elementwise.unary(UnaryOp.RSQRT, this);
  }

  public Tensor sin() {
    return Elementwise.unary(UnaryOp.SIN, this);
  }

  public Tensor cos() {
    return Elementwise.unary(UnaryOp.COS, this);
  }

  public Tensor tanh() {
    return Elementwise.unary(UnaryOp.TANH, this);
  }

  public Tensor sigmoid() {
    return Elementwise.unary(UnaryOp.SIGMOID, this);
  }

  public Tensor gelu() {
    return Elementwise.unary(UnaryOp.GELU, this);
  }

  public Tensor softplus() {
    return Elementwise.unary(UnaryOp.SOFTPLUS, this);
  }

  public Tensor erf() {
    return Elementwise.unary(UnaryOp.ERF, this);
  }

  /** Gradient passes where {@code min < x < max}; at a bound it goes to x, as maximum/minimum split ties. */
  public Tensor clamp(double min, double max) {
    if (min > max) {
      throw new VectorgradException("clamp: min " + min + " exceeds max " + max);
    }
    return clampMin(min).clampMax(max);
  }

  public Tensor clampMin(double min) {
    return maximum(scalarLike(min));
  }

  public Tensor clampMax(double max) {
    return minimum(scalarLike(max));
  }

  public Tensor pow(double exponent) {
    return Elementwise.powScalar(this, exponent);
  }

  public Tensor pow(Tensor exponent) {
    return Elementwise.binary(BinaryOp.POW, this, exponent);
  }

  public Tensor plus(Tensor other) {
    return Elementwise.binary(BinaryOp.ADD, this, other);
  }

  public Tensor plus(double value) {
    return plus(scalarLike(value));
  }

  public Tensor plus(float value) {
    return plus(scalarLike(value));
  }

  public Tensor plus(int value) {
    return plus(integerLike(value));
  }

  public Tensor minus(Tensor other) {
    return Elementwise.binary(BinaryOp.SUB, this, other);
  }

  public Tensor minus(double value) {
    return minus(scalarLike(value));
  }

  public Tensor minus(float value) {
    return minus(scalarLike(value));
  }

  public Tensor minus(int value) {
    return minus(integerLike(value));
  }

  /** Elementwise product (the matrix product is {@link #matmul}). */
  public Tensor times(Tensor other) {
    return Elementwise.binary(BinaryOp.MUL, this, other);
  }

  public Tensor times(double value) {
    return times(scalarLike(value));
  }

  public Tensor times(float value) {
    return times(scalarLike(value));
  }

  public Tensor times(int value) {
    return times(integerLike(value));
  }

  public Tensor div(Tensor other) {
    return Elementwise.binary(BinaryOp.DIV, this, other);
  }

  public Tensor div(double value) {
    return div(scalarLike(value));
  }

  public Tensor div(float value) {
    return div(scalarLike(value));
  }

  public Tensor div(int value) {
    return div(integerLike(value));
  }

  public Tensor rem(Tensor other) {
    return Elementwise.binary(BinaryOp.REM, this, other);
  }

  public Tensor rem(double value) {
    return rem(scalarLike(value));
  }

  public Tensor rem(float value) {
    return rem(scalarLike(value));
  }

  public Tensor rem(int value) {
    return rem(integerLike(value));
  }

  /**
   * Relu's gradient: this where {@code input > 0}, else 0 (see {@code NdArray.reluGrad}). Its own
   * gradient is the same mask, so relu nets have second derivatives; none flows into {@code input}.
   */
  public Tensor reluGrad(Tensor input) {
    return Elementwise.binary(BinaryOp.RELU_GRAD, this, input);
  }

  /** Ties split the gradient evenly between the inputs, as in PyTorch. */
  public Tensor maximum(Tensor other) {
    return Elementwise.binary(BinaryOp.MAXIMUM, this, other);
  }

  /** Ties split the gradient evenly between the inputs, as in PyTorch. */
  public Tensor minimum(Tensor other) {
    return Elementwise.binary(BinaryOp.MINIMUM, this, other);
  }

  public Tensor gt(Tensor other) {
    return from(data.gt(other.data));
  }

  public Tensor gt(double value) {
    return from(data.gt(value));
  }

  public Tensor ge(Tensor other) {
    return from(data.ge(other.data));
  }

  public Tensor ge(double value) {
    return from(data.ge(value));
  }

  public Tensor lt(Tensor other) {
    return from(data.lt(other.data));
  }

  public Tensor lt(double value) {
    return from(data.lt(value));
  }

  public Tensor le(Tensor other) {
    return from(data.le(other.data));
  }

  public Tensor le(double value) {
    return from(data.le(value));
  }

  public Tensor eq(Tensor other) {
    return from(data.eq(other.data));
  }

  public Tensor eq(double value) {
    return from(data.eq(value));
  }

  public Tensor ne(Tensor other) {
    return from(data.ne(other.data));
  }

  public Tensor ne(double value) {
    return from(data.ne(value));
  }

  /** {@code cond ? a : b}; the gradient goes to the branch that was chosen. */
  public static Tensor where(Tensor cond, Tensor a, Tensor b) {
    return Elementwise.where(cond, a, b);
  }

  /** A constant with the dtype rules of a floating scalar operand (see {@link NdArray#plus(double)}). */
  private Tensor scalarLike(double value) {
    return from(NdArray.scalar(value, dtype().toFloating()).to(device()));
  }

  private Tensor integerLike(int value) {
    return from(NdArray.scalar(value, dtype() == DType.BOOL ? DType.I64 : dtype()).to(device()));
  }

  // ---------------------------------------------------------------- reductions

  public Tensor sum() {
    return Reductions.sum(this, new int[0], false);
  }

  public Tensor sum(int... axes) {
    return Reductions.sum(this, axes, false);
  }

  public Tensor sum(int[] axes, boolean keepDim) {
    return Reductions.sum(this, axes, keepDim);
  }

  public Tensor prod() {
    return Reductions.prod(this, null, false);
  }

  public Tensor prod(int axis, boolean keepDim) {
    return Reductions.prod(this, axis, keepDim);
  }

  public Tensor mean() {
    return mean(new int[0], false);
  }

  public Tensor mean(int... axes) {
    return mean(axes, false);
  }

  public Tensor mean(int[] axes, boolean keepDim) {
    Tensor floating = cast(dtype().toFloating());
    return floating.sum(axes, keepDim).div((double) Reductions.count(shape(), axes));
  }

  /** Ties share the gradient evenly. */
  public Tensor max() {
    return Reductions.extreme(this, true, new int[0], false);
  }

  public Tensor max(int axis) {
    return max(axis, false);
  }

  public Tensor max(int axis, boolean keepDim) {
    return Reductions.extreme(this, true, new int[] {axis}, keepDim);
  }

  public Tensor min() {
    return Reductions.extreme(this, false, new int[0], false);
  }

  public Tensor min(int axis) {
    return min(axis, false);
  }

  public Tensor min(int axis, boolean keepDim) {
    return Reductions.extreme(this, false, new int[] {axis}, keepDim);
  }

  public Tensor argmax() {
    return from(data.argmax());
  }

  public Tensor argmax(int axis, boolean keepDim) {
    return from(data.argmax(axis, keepDim));
  }

  public Tensor argmin() {
    return from(data.argmin());
  }

  public Tensor argmin(int axis, boolean keepDim) {
    return from(data.argmin(axis, keepDim));
  }

  public Tensor var() {
    return var(new int[0], false, 1);
  }

  public Tensor var(int[] axes, boolean keepDim, int correction) {
    Tensor floating = cast(dtype().toFloating());
    Tensor deviation = floating.minus(floating.mean(axes, true));
    int n = Reductions.count(shape(), axes);
    return deviation.times(deviation).sum(axes, keepDim).div((double) Math.max(n - correction, 0));
  }

  public Tensor std() {
    return var().sqrt();
  }

  public Tensor std(int[] axes, boolean keepDim, int correction) {
    return var(axes, keepDim, correction).sqrt();
  }

  public Tensor logSumExp(int axis) {
    return logSumExp(new int[] {axis}, false);
  }

  /** Stable in value and gradient (the gradient is the softmax). */
  public Tensor logSumExp(int[] axes, boolean keepDim) {
    return Reductions.logSumExp(this, axes, keepDim);
  }

  public Tensor softmax(int axis) {
    Tensor floating = cast(dtype().toFloating());
    Tensor exp = floating.minus(Reductions.shift(floating, new int[] {axis})).exp();
    return exp.div(exp.sum(new int[] {axis}, true));
  }

  public Tensor logSoftmax(int axis) {
    return minus(logSumExp(new int[] {axis}, true));
  }

  // ---------------------------------------------------------------- linear algebra, joining, indexing

  public Tensor matmul(Tensor other) {
    return LinearAlgebra.matmul(this, other);
  }

  /**
   * {@code x W^T + b} for {@code x} {@code [..., in]}, {@code weight} {@code [out, in]} and an
   * optional {@code bias} {@code [out]}, as PyTorch's {@code nn.functional.linear}; one graph node
   * whose weight gradient comes out contiguous.
   */
  public static Tensor linear(Tensor x, Tensor weight, @Nullable Tensor bias) {
    return LinearAlgebra.linear(x, weight, bias);
  }

  public static Tensor cat(List<Tensor> tensors, int axis) {
    return Joining.cat(tensors, axis);
  }

  public static Tensor stack(List<Tensor> tensors, int axis) {
    List<Tensor> expanded = new ArrayList<>();
    int rank = tensors.isEmpty() ? 0 : tensors.get(0).rank();
    int a = axis < 0 ? axis + rank + 1 : axis;
    for (Tensor t : tensors) {
      if (!t.shape().equals(tensors.get(0).shape())) {
        NdArray.stack(List.of(tensors.get(0).data, t.data), axis); // raises stack's shape error
      }
      expanded.add(t.unsqueeze(a));
    }
    if (expanded.isEmpty()) {
      NdArray.stack(List.of(), axis);
    }
    return cat(expanded, a);
  }

  public List<Tensor> split(int size, int axis) {
    return Joining.pieces(this, data.split(size, axis), axis);
  }

  public List<Tensor> split(int[] sizes, int axis) {
    return Joining.pieces(this, data.split(sizes, axis), axis);
  }

  public List<Tensor> chunk(int chunks, int axis) {
    return Joining.pieces(this, data.chunk(chunks, axis), axis);
  }

  public Tensor gather(int axis, Tensor index) {
    return Indexing.gather(this, axis, index);
  }

  public Tensor scatterAdd(int axis, Tensor index, Tensor src) {
    return Indexing.scatterAdd(this, axis, index, src);
  }

  /** {@code zeros(shape).scatterAdd(axis, index, src)} without copying a target (see {@code NdArray}). */
  public static Tensor scatterAddToZeros(Shape shape, int axis, Tensor index, Tensor src) {
    return Indexing.scatterAddToZeros(shape, axis, index, src);
  }

  public Tensor indexSelect(int axis, Tensor index) {
    return Indexing.indexSelect(this, axis, index);
  }

  public Tensor oneHot(int numClasses) {
    return from(data.oneHot(numClasses));
  }

  // ---------------------------------------------------------------- convolution and pooling

  public Tensor im2col(Window2d window, double padValue) {
    return Windows.im2col(this, window, padValue);
  }

  public Tensor col2im(int height, int width, Window2d window) {
    return Windows.col2im(this, height, width, window);
  }

  public Tensor conv2d(Tensor weight, @Nullable Tensor bias, Window2d window, int groups) {
    return Windows.conv2d(this, weight, bias, window, groups);
  }

  /** The gradient of {@link #conv2d} with respect to its input, called on the output gradient (see {@code NdArray.conv2dInputGrad}). */
  public Tensor conv2dInputGrad(Tensor weight, int height, int width, Window2d window, int groups) {
    return Windows.conv2dInputGrad(this, weight, height, width, window, groups);
  }

  /** The gradient of {@link #conv2d} with respect to its weight, called on the output gradient (see {@code NdArray.conv2dWeightGrad}). */
  public Tensor conv2dWeightGrad(Tensor input, Window2d window, int groups) {
    return Windows.conv2dWeightGrad(this, input, window, groups);
  }

  /**
   * {@code conv2d(weight, bias, window, groups)} then a max pool of {@code pool}, as one op without
   * the convolution's output in memory (see {@code NdArray.conv2dMaxPool2d}): the pooled values.
   */
  public Tensor conv2dMaxPool2d(Tensor weight, @Nullable Tensor bias, Window2d window, int groups, Window2d pool) {
    return Windows.conv2dMaxPool2d(this, weight, bias, window, groups, pool);
  }

  /** The weight gradient of {@link #conv2dMaxPool2d}, called on the gradient of its values (see {@code NdArray.conv2dWeightGradAtMaxima}). */
  public Tensor conv2dWeightGradAtMaxima(Tensor indices, Tensor input, Window2d window, int groups) {
    return Windows.conv2dWeightGradAtMaxima(this, indices, input, window, groups);
  }

  public Tensor conv2d(Tensor weight, @Nullable Tensor bias, int stride, int padding) {
    return conv2d(weight, bias, new Window2d(weight.size(2), weight.size(3), stride, stride, padding, padding, 1, 1), 1);
  }

  public Tensor conv1d(Tensor weight, @Nullable Tensor bias, int stride, int padding, int dilation, int groups) {
    if (rank() != 3 || weight.rank() != 3) {
      data.conv1d(weight.data, bias == null ? null : bias.data, stride, padding, dilation, groups); // its error
    }
    Window2d window = new Window2d(1, weight.size(2), 1, stride, 0, padding, 1, dilation);
    return unsqueeze(2).conv2d(weight.unsqueeze(2), bias, window, groups).squeeze(2);
  }

  public Tensor maxPool2d(Window2d window) {
    return Windows.maxPool2d(this, window);
  }

  public Tensor avgPool2d(Window2d window) {
    return Windows.avgPool2d(this, window);
  }

  public Tensor adaptiveAvgPool2d(int outH, int outW) {
    return Windows.adaptiveAvgPool2d(this, outH, outW);
  }

  /** Prints like PyTorch, with {@code requires_grad=True} or {@code grad_fn=<op>}. */
  @Override
  public String toString() {
    String text = data.toString();
    if (!requiresGrad) {
      return text;
    }
    String suffix = gradFn == null ? ", requires_grad=True" : ", grad_fn=<" + gradFn.name + ">";
    return text.substring(0, text.length() - 1) + suffix + ")";
  }
}
