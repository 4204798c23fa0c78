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
    for (SymbolicTensor step : steps) {
      layers.add(step.layer());
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
      Layer layer = step.layer();
      values.put(step, layer.call(args, layer.module()));
    }
    List<Tensor> out = new ArrayList<>();
    for (SymbolicTensor o : outputs) {
      out.add(values.get(o));
    }
    return out;
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
