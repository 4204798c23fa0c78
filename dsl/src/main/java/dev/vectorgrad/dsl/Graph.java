package dev.vectorgrad.dsl;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.tensor.ShapeMismatchException;
import dev.vectorgrad.tensor.VectorgradException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The layers between a functional model's inputs and outputs, in an order where every layer
 * comes after the layers it reads from.
 */
final class Graph {
  final List<Input> inputs;
  final List<SymbolicTensor> outputs;
  /** Every computed value (not the inputs), producers first. */
  final List<SymbolicTensor> steps = new ArrayList<>();
  /** Each layer once, in first-use order. */
  final Set<Layer> layers = Collections.newSetFromMap(new java.util.LinkedHashMap<>());
  /** {@link Conv2D} steps read by a max pool and nothing else: see {@link #call}. */
  final Set<SymbolicTensor> pooledConvolutions = Collections.newSetFromMap(new IdentityHashMap<>());

  Graph(List<Input> inputs, List<SymbolicTensor> outputs) {
    if (inputs.isEmpty() || outputs.isEmpty()) {
      throw new VectorgradException("Model: needs at least one input and one output");
    }
    this.inputs = new ArrayList<>(inputs);
    this.outputs = new ArrayList<>(outputs);
    Set<SymbolicTensor> visited = Collections.newSetFromMap(new IdentityHashMap<>());
    for (SymbolicTensor out : outputs) {
      visit(out, visited);
    }
    Map<SymbolicTensor, Integer> readers = new IdentityHashMap<>();
    for (SymbolicTensor step : steps) {
      layers.add(step.layer());
      for (SymbolicTensor in : step.inputs()) {
        readers.merge(in, 1, Integer::sum);
      }
    }
    for (SymbolicTensor step : steps) {
      SymbolicTensor in = step.inputs().get(0);
      if (step.layer() instanceof MaxPooling2D && in.layer() instanceof Conv2D && readers.get(in) == 1
          && !outputs.contains(in)) {
        pooledConvolutions.add(in);
      }
    }
  }

  /** Depth-first, post-order; model graphs are shallow enough for recursion. */
  private void visit(SymbolicTensor value, Set<SymbolicTensor> visited) {
    if (!visited.add(value)) {
      return;
    }
    if (value.layer() == null) {
      if (!inputs.contains(value)) {
        throw new VectorgradException("Model: an output depends on " + value + ", which is not among the model's inputs");
      }
      return;
    }
    for (SymbolicTensor in : value.inputs()) {
      visit(in, visited);
    }
    steps.add(value);
  }

  /** Runs the layers on batches for the inputs, returning the outputs' batches. */
  List<Tensor> run(List<Tensor> batches) {
    if (batches.size() != inputs.size()) {
      throw new ShapeMismatchException("Model: expects " + inputs.size() + " inputs, got " + batches.size());
    }
    Map<SymbolicTensor, Tensor> values = new IdentityHashMap<>();
    for (int i = 0; i < inputs.size(); i++) {
      Input in = inputs.get(i);
      Tensor x = batches.get(i);
      if (x.rank() != in.shape().rank() + 1 || !Shapes.sample(x.shape()).equals(in.shape())) {
        throw new ShapeMismatchException("Model: input '" + in.name() + "' expects " + Shapes.withBatch(in.shape())
            + ", got " + x.shape());
      }
      values.put(in, x);
    }
    for (SymbolicTensor step : steps) {
      List<Tensor> args = new ArrayList<>();
      for (SymbolicTensor in : step.inputs()) {
        args.add(values.get(in));
      }
      values.put(step, call(step, args));
    }
    List<Tensor> out = new ArrayList<>();
    for (SymbolicTensor o : outputs) {
      out.add(values.get(o));
    }
    return out;
  }

  /**
   * Runs one step. A convolution read only by a max pool runs with it as one op, {@code
   * conv2dMaxPool2d} (the convolution's output, an image net's largest array, never exists for the
   * whole batch), with its activation after the pool: only relu and linear, which commute with max
   * pooling (values and input gradients those of the written order, a zero's sign aside; the weight
   * gradient sums in another order). The convolution's own step passes its input on to the pool's.
   * The activation is checked here, not when the graph is built: a setter may change it.
   */
  private Tensor call(SymbolicTensor step, List<Tensor> args) {
    Layer layer = step.layer();
    if (pooledConvolutions.contains(step) && fuses(step)) {
      return args.get(0);
    }
    SymbolicTensor in = step.inputs().get(0);
    if (pooledConvolutions.contains(in) && fuses(in)) {
      Layer conv = in.layer();
      return ((Conv2D) conv).callPooled(args.get(0), conv.module(), (MaxPooling2D) layer);
    }
    return layer.call(args, layer.module());
  }

  private static boolean fuses(SymbolicTensor convolution) {
    ActivationFunction activation = ((Conv2D) convolution.layer()).activation;
    return activation == ActivationFunction.RELU || activation == ActivationFunction.LINEAR;
  }

  /** The layers whose outputs feed each step, for summaries and pictures. */
  static List<String> inboundNames(SymbolicTensor step) {
    List<String> names = new ArrayList<>();
    for (SymbolicTensor in : step.inputs()) {
      names.add(in.layer() == null ? ((Input) in).name() : in.layer().name());
    }
    return names;
  }
}
