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
   * Runs one step. A relu convolution read only by a max pool has its relu moved past the pool, as
   * {@code layers.Sequential} does for ReLU then MaxPool2d: the two commute, values and gradients are
   * those of the written order (a zero's sign aside), and relu with its gradient touch a quarter of
   * the data. The activation is checked here, not when the graph is built: a setter may change it.
   */
  private Tensor call(SymbolicTensor step, List<Tensor> args) {
    Layer layer = step.layer();
    if (pooledConvolutions.contains(step) && reluMoves(step)) {
      return ((Conv2D) layer).call(args.get(0), layer.module(), ActivationFunction.LINEAR);
    }
    SymbolicTensor in = step.inputs().get(0);
    if (pooledConvolutions.contains(in) && reluMoves(in)) {
      return ((MaxPooling2D) layer).call(args.get(0), ActivationFunction.RELU);
    }
    return layer.call(args, layer.module());
  }

  private static boolean reluMoves(SymbolicTensor convolution) {
    return ((Conv2D) convolution.layer()).activation == ActivationFunction.RELU;
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
