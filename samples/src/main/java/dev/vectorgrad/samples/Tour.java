package dev.vectorgrad.samples;

import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.Device;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.Shape;
import dev.vectorgrad.tensor.spi.Backends;
import java.util.List;

/**
 * {@code ./run tour}: the tensor basics side by side with the PyTorch and Keras/TensorFlow lines a
 * reader already knows, each followed by what Vectorgrad prints.
 */
public final class Tour {
  private Tour() {}

  public static void main(String[] args) {
    System.out.println("Vectorgrad tensor tour, CPU backend '" + Backends.cpu().name()
        + "', devices " + Device.available());
    if (!Backends.unavailableReasons().isEmpty()) {
      System.out.println("(unavailable: " + Backends.unavailableReasons() + ")");
    }

    section("Create");
    NdArray t = NdArray.zeros(4, 3);
    show("torch.zeros(4, 3)", "tf.zeros([4, 3])", "NdArray.zeros(4, 3)", t);
    show("torch.ones(2, 4, 1)", "tf.ones([2, 4, 1])", "NdArray.ones(2, 4, 1)", NdArray.ones(2, 4, 1));
    show("torch.eye(3)", "tf.eye(3)", "NdArray.eye(3)", NdArray.eye(3));
    show("torch.full((2, 4), 3.14)", "tf.fill([2, 4], 3.14)",
        "NdArray.full(Shape.of(2, 4), 3.14)", NdArray.full(Shape.of(2, 4), 3.14));
    show("torch.arange(6)", "tf.range(6)", "NdArray.arange(6)", NdArray.arange(6));
    show("torch.linspace(0, 1, 5)", "tf.linspace(0., 1., 5)", "NdArray.linspace(0, 1, 5)",
        NdArray.linspace(0, 1, 5));

    section("Shape and size");
    show("t.shape", "t.shape", "t.shape()", t.shape());
    show("t.size(1)", "t.shape[1]", "t.size(1)", t.size(1));
    show("t.dim()", "tf.rank(t)", "t.rank()", t.rank());

    section("Random numbers");
    NdArray.manualSeed(0);
    NdArray r = NdArray.randn(2, 3);
    show("torch.manual_seed(0); torch.randn(2, 3)", "tf.random.set_seed(0); tf.random.normal([2, 3])",
        "NdArray.manualSeed(0); NdArray.randn(2, 3)", r);
    NdArray.manualSeed(0);
    show("(again after manual_seed(0))", "", "NdArray.randn(2, 3)", NdArray.randn(2, 3));
    show("torch.randint(10, 20, (2, 5))", "tf.random.uniform([2, 5], 10, 20, tf.int64)",
        "NdArray.randint(10, 20, Shape.of(2, 5))", NdArray.randint(10, 20, Shape.of(2, 5)));
    show("torch.rand(2, 2)", "tf.random.uniform([2, 2])", "NdArray.rand(2, 2)", NdArray.rand(2, 2));

    section("Views: no copies");
    NdArray a = NdArray.arange(0, 6, 1).reshape(2, 3);
    show("a = torch.arange(6.).reshape(2, 3)", "a = tf.reshape(tf.range(6.), [2, 3])",
        "a = NdArray.arange(0, 6, 1).reshape(2, 3)", a);
    show("a.transpose(0, 1)", "tf.transpose(a)", "a.transpose(0, 1)", a.transpose(0, 1));
    show("a[:, ::2]", "a[:, ::2]", "a.slice(1, 0, 3, 2)", a.slice(1, 0, 3, 2));
    show("a[1]", "a[1]", "a.get(1)", a.get(1));
    show("a.unsqueeze(0).shape", "tf.expand_dims(a, 0).shape", "a.unsqueeze(0).shape()",
        a.unsqueeze(0).shape());

    section("Math with broadcasting");
    NdArray b = NdArray.of(new float[] {10, 20, 30}, 3);
    show("a + b", "a + b", "a.plus(b)", a.plus(b));
    show("(a * 2).relu().sum(1)", "tf.reduce_sum(tf.nn.relu(a * 2), 1)", "a.times(2f).relu().sum(1)",
        a.times(2f).relu().sum(1));
    show("a @ a.T", "tf.matmul(a, a, transpose_b=True)", "a.matmul(a.t())", a.matmul(a.t()));
    show("a.softmax(1)", "tf.nn.softmax(a, 1)", "a.softmax(1)", a.softmax(1));
    show("a.mean(), a.std()", "tf.reduce_mean(a), tf.math.reduce_std(a)", "a.mean(), a.std()",
        List.of(a.mean(), a.std()));
    show("a > 2.5", "a > 2.5", "a.gt(2.5)", a.gt(2.5));
    show("torch.cat([a, a], 1)", "tf.concat([a, a], 1)", "NdArray.cat(List.of(a, a), 1)",
        NdArray.cat(List.of(a, a), 1));
    show("a.double()", "tf.cast(a, tf.float64)", "a.cast(DType.F64)", a.cast(DType.F64));

    section("Errors name the op and the shapes");
    try {
      a.matmul(NdArray.ones(4, 5));
    } catch (RuntimeException e) {
      show("a @ torch.ones(4, 5)", "tf.matmul(a, tf.ones([4, 5]))", "a.matmul(NdArray.ones(4, 5))",
          e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static void section(String title) {
    System.out.println();
    System.out.println("== " + title + " ==");
  }

  private static void show(String torch, String tensorflow, String vectorgrad, Object result) {
    System.out.println();
    System.out.println("  PyTorch:    " + torch);
    if (!tensorflow.isEmpty()) {
      System.out.println("  TensorFlow: " + tensorflow);
    }
    System.out.println("  Vectorgrad: " + vectorgrad);
    System.out.println("  " + String.valueOf(result).replace("\n", "\n  "));
  }
}
