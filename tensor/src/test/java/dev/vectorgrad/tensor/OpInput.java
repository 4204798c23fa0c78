package dev.vectorgrad.tensor;

import java.util.Arrays;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * One input of an op-table sample: how its values are drawn, the shape they are stored in, and the
 * movement ops that turn that storage into the array the op sees. Movement ops give non-contiguous
 * inputs (transposed, sliced with a step, expanded with stride 0, offset by a select); they are
 * applied to the {@link NdArray} and, independently, to the {@link Reference}.
 */
public final class OpInput {
  /** Where floating values are drawn from; integer dtypes round them to the nearest integer. */
  public enum Domain {
    /** Uniform in [-3, 3]. */
    ANY,
    /** Uniform in [0.1, 3]: for log, sqrt, rsqrt and the base of pow. */
    POSITIVE,
    /** Magnitude in [0.6, 3], either sign: away from 0 (divisors, the kinks of abs, sign, relu). */
    OFF_ZERO,
    /** Multiples of 0.5 in [-2, 2]: ties, so comparisons and argmax meet equal values. */
    GRID,
    /** Uniform in [-100, 100]: exp overflows F32 unless the op shifts by the max. */
    WIDE;

    double draw(Random random) {
      switch (this) {
        case ANY: return -3 + 6 * random.nextDouble();
        case POSITIVE: return 0.1 + 2.9 * random.nextDouble();
        case OFF_ZERO: return (random.nextBoolean() ? 1 : -1) * (0.6 + 2.4 * random.nextDouble());
        case GRID: return 0.5 * (random.nextInt(9) - 4);
        case WIDE: return -100 + 200 * random.nextDouble();
      }
      throw new AssertionError(this);
    }
  }

  /** An input made concrete: the array handed to the op and its exact values as a reference. */
  public static final class Materialized {
    public final NdArray array;
    public final Reference reference;

    Materialized(NdArray array, Reference reference) {
      this.array = array;
      this.reference = reference;
    }
  }

  private final int[] storedShape;
  private final DType fixedType;
  private final Domain fixedDomain;
  private final double[] fixedValues;
  private final int low;
  private final int high;
  private final String label;
  private final UnaryOperator<NdArray> view;
  private final UnaryOperator<Reference> referenceView;

  private OpInput(int[] storedShape, DType fixedType, Domain fixedDomain, double[] fixedValues,
      int low, int high, String label, UnaryOperator<NdArray> view,
      UnaryOperator<Reference> referenceView) {
    this.storedShape = storedShape;
    this.fixedType = fixedType;
    this.fixedDomain = fixedDomain;
    this.fixedValues = fixedValues;
    this.low = low;
    this.high = high;
    this.label = label;
    this.view = view;
    this.referenceView = referenceView;
  }

  /** A contiguous input of the row's dtype, drawn from the row's domain. */
  public static OpInput of(int... shape) {
    return new OpInput(shape, null, null, null, 0, 0, Arrays.toString(shape), x -> x, r -> r);
  }

  /** Fixed values (row-major) of the row's dtype, e.g. infinities or magnitudes no domain draws. */
  public static OpInput values(double[] values, int... shape) {
    return new OpInput(shape, null, null, values, 0, 0, Arrays.toString(values), x -> x, r -> r);
  }

  /** An I64 index array with entries uniform in {@code [low, high)}. */
  public static OpInput indices(int low, int high, int... shape) {
    return new OpInput(shape, DType.I64, null, null, low, high,
        "index" + Arrays.toString(shape) + " in [" + low + ", " + high + ")", x -> x, r -> r);
  }

  /** A BOOL array of fair coin flips. */
  public static OpInput bools(int... shape) {
    return new OpInput(
        shape, DType.BOOL, null, null, 0, 2, "bool" + Arrays.toString(shape), x -> x, r -> r);
  }

  /** The same input stored as {@code type} whatever the row's dtype. */
  public OpInput as(DType type) {
    return new OpInput(storedShape, type, fixedDomain, fixedValues, low, high,
        label + " " + type, view, referenceView);
  }

  /** The same input drawn from {@code domain} instead of the row's. */
  public OpInput in(Domain domain) {
    return new OpInput(storedShape, fixedType, domain, fixedValues, low, high,
        label + " " + domain, view, referenceView);
  }

  private OpInput then(String suffix, UnaryOperator<NdArray> next, UnaryOperator<Reference> nextRef) {
    return new OpInput(storedShape, fixedType, fixedDomain, fixedValues, low, high, label + suffix,
        x -> next.apply(view.apply(x)), r -> nextRef.apply(referenceView.apply(r)));
  }

  /** Swaps the last two dimensions. */
  public OpInput t() {
    return then(".t()", x -> x.transpose(-2, -1), r -> r.transpose(-2, -1));
  }

  /** Every second element along {@code axis}, starting at 1: a stride of 2 and an offset. */
  public OpInput step(int axis) {
    return then(".step(" + axis + ")",
        x -> x.slice(axis, 1, Integer.MAX_VALUE, 2), r -> r.slice(axis, 1, Integer.MAX_VALUE, 2));
  }

  public OpInput expandTo(int... sizes) {
    return then(".expand" + Arrays.toString(sizes), x -> x.expand(sizes), r -> r.expand(sizes));
  }

  public OpInput permute(int... order) {
    return then(".permute" + Arrays.toString(order), x -> x.permute(order), r -> r.permute(order));
  }

  public OpInput select(int axis, int index) {
    return then(".select(" + axis + ", " + index + ")",
        x -> x.select(axis, index), r -> r.select(axis, index));
  }

  /** Draws the stored values (rounded to the dtype they are stored in) and applies the views. */
  public Materialized materialize(DType rowType, Domain rowDomain, Random random) {
    DType type = fixedType != null ? fixedType : rowType;
    Domain domain = fixedDomain != null ? fixedDomain : rowDomain;
    double[] values = new double[Reference.numel(storedShape)];
    for (int i = 0; i < values.length; i++) {
      double v;
      if (fixedValues != null) {
        v = fixedValues[i];
      } else if (high > low) {
        v = low + random.nextInt(high - low);
      } else {
        v = domain.draw(random);
      }
      values[i] = roundTo(type, v);
    }
    NdArray stored = array(values, storedShape, type);
    Reference storedValues = new Reference(values, storedShape);
    return new Materialized(view.apply(stored), referenceView.apply(storedValues));
  }

  /** The value an element of {@code type} holds after storing {@code v}. */
  static double roundTo(DType type, double v) {
    switch (type) {
      case F32: return (float) v;
      case F64: return v;
      case I32:
      case I64: return Math.rint(v) + 0.0; // + 0.0 turns -0.0 into the 0 an integer holds
      case BOOL: return v != 0 ? 1 : 0;
    }
    throw new AssertionError(type);
  }

  /** A contiguous array holding {@code values} (already representable in {@code type}). */
  public static NdArray array(double[] values, int[] shape, DType type) {
    int[] dims = shape.length == 0 ? new int[] {1} : shape; // of() reads an empty shape as 1-D
    NdArray x;
    switch (type) {
      case F32: {
        float[] data = new float[values.length];
        for (int i = 0; i < data.length; i++) {
          data[i] = (float) values[i];
        }
        x = NdArray.of(data, dims);
        break;
      }
      case F64:
        x = NdArray.of(values, dims);
        break;
      case I32:
        x = NdArray.of(Arrays.stream(values).mapToInt(v -> (int) v).toArray(), dims);
        break;
      case I64:
        x = NdArray.of(Arrays.stream(values).mapToLong(v -> (long) v).toArray(), dims);
        break;
      case BOOL: {
        boolean[] data = new boolean[values.length];
        for (int i = 0; i < data.length; i++) {
          data[i] = values[i] != 0;
        }
        x = NdArray.of(data, dims);
        break;
      }
      default:
        throw new AssertionError(type);
    }
    return shape.length == 0 ? x.reshape() : x;
  }

  @Override
  public String toString() {
    return label;
  }
}
