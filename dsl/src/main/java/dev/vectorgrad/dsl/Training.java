package dev.vectorgrad.dsl;

import dev.vectorgrad.autodiff.Grad;
import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.data.Datasets;
import dev.vectorgrad.layers.optim.Optimizer;
import dev.vectorgrad.tensor.DType;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.ShapeMismatchException;
import dev.vectorgrad.tensor.VectorgradException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The loops behind {@link Model#fit}, {@link Model#evaluate} and {@link Model#predict}. */
final class Training {
  private final Model model;

  Training(Model model) {
    this.model = model;
  }

  History fit(Batches data, Fit options) {
    Compiled compiled = model.compiled();
    Batches train = data;
    Batches validation = null;
    if (options.validationX != null) {
      validation = Batches.of(options.validationX, options.validationY);
    } else if (options.validationSplit > 0) {
      Batches[] parts = data.split(options.validationSplit);
      train = parts[0];
      validation = parts[1];
    }
    if (train.size() == 0) {
      throw new VectorgradException("fit: no training samples left after the validation split");
    }
    model.buildFrom(train.range(0, 1).x);
    int steps = (train.size() + options.batchSize - 1) / options.batchSize;
    History history = new History();
    List<Callback> callbacks = new ArrayList<>(options.callbacks);
    callbacks.add(history);
    Fit.Verbose verbose = options.verbose == Fit.Verbose.AUTO
        ? (ProgressBar.isTerminal() ? Fit.Verbose.PROGRESS_BAR : Fit.Verbose.ONE_LINE_PER_EPOCH) : options.verbose;
    if (verbose != Fit.Verbose.SILENT) {
      callbacks.add(new ProgressBar(options.out, verbose == Fit.Verbose.PROGRESS_BAR, options.epochs, steps));
    }
    for (Callback c : callbacks) {
      c.attach(model);
    }
    model.stopTraining(false);
    Map<String, Double> logs = new LinkedHashMap<>();
    for (Callback c : callbacks) {
      c.onTrainBegin(logs);
    }
    // Callbacks may move the start (BackupAndRestore resumes an interrupted fit), so read it late.
    for (int epoch = Math.max(options.initialEpoch, model.resumeEpoch()); epoch < options.epochs && !model.stopTraining(); epoch++) {
      logs = new LinkedHashMap<>();
      for (Callback c : callbacks) {
        c.onEpochBegin(epoch, logs);
      }
      logs = trainEpoch(train, options, epoch, compiled, callbacks);
      if (validation != null) {
        for (Map.Entry<String, Double> e : evaluate(validation, options.batchSize).entrySet()) {
          logs.put("val_" + e.getKey(), e.getValue());
        }
      }
      for (Callback c : callbacks) {
        c.onEpochEnd(epoch, logs);
      }
    }
    model.eval();
    for (Callback c : callbacks) {
      c.onTrainEnd(logs);
    }
    model.clearResumeEpoch();
    return history;
  }

  private Map<String, Double> trainEpoch(Batches train, Fit options, int epoch, Compiled compiled, List<Callback> callbacks) {
    model.train();
    Optimizer optimizer = model.optimizer();
    Results results = new Results(compiled, outputNames());
    int n = train.size();
    int[] order = options.shuffle ? Datasets.permutation(n, options.seed + epoch) : null;
    Map<String, Double> logs = new LinkedHashMap<>();
    for (int step = 0; step * options.batchSize < n && !model.stopTraining(); step++) {
      Map<String, Double> batchLogs = new LinkedHashMap<>();
      for (Callback c : callbacks) {
        c.onTrainBatchBegin(step, batchLogs);
      }
      int from = step * options.batchSize;
      int to = Math.min(n, from + options.batchSize);
      Batches.Part part = order == null ? train.range(from, to) : train.get(Arrays.copyOfRange(order, from, to));
      optimizer.zeroGrad();
      List<Tensor> predictions = model.call(part.x);
      Tensor loss = results.loss(predictions, part.y, options.classWeight);
      loss.backward();
      optimizer.step();
      results.update(loss, predictions, part.y, part.size());
      logs = results.logs();
      for (Callback c : callbacks) {
        c.onTrainBatchEnd(step, logs);
      }
    }
    return logs;
  }

  /** Loss and metrics over {@code data}, in evaluation mode, with this call's own metric state. */
  Map<String, Double> evaluate(Batches data, int batchSize) {
    Compiled compiled = model.compiled();
    Results results = new Results(compiled, outputNames());
    model.eval();
    try (Grad.Scope off = Grad.disabled()) {
      for (int from = 0; from < data.size(); from += batchSize) {
        Batches.Part part = data.range(from, Math.min(data.size(), from + batchSize));
        List<Tensor> predictions = model.call(part.x);
        results.update(results.loss(predictions, part.y, Collections.emptyMap()), predictions, part.y, part.size());
      }
    }
    return results.logs();
  }

  List<Tensor> predict(List<Tensor> x, int batchSize) {
    if (batchSize <= 0) {
      throw new VectorgradException("predict: batch size must be positive, got " + batchSize);
    }
    int n = x.get(0).size(0);
    for (Tensor t : x) {
      if (t.rank() == 0 || t.size(0) != n) {
        throw new ShapeMismatchException("predict: every input needs the same number of samples along axis 0");
      }
    }
    model.eval();
    List<List<Tensor>> pieces = new ArrayList<>();
    try (Grad.Scope off = Grad.disabled()) {
      for (int from = 0; from < n; from += batchSize) {
        List<Tensor> batch = new ArrayList<>();
        for (Tensor t : x) {
          batch.add(t.narrow(0, from, Math.min(batchSize, n - from)));
        }
        List<Tensor> out = model.call(batch);
        for (int i = 0; i < out.size(); i++) {
          if (pieces.size() <= i) {
            pieces.add(new ArrayList<>());
          }
          pieces.get(i).add(out.get(i));
        }
      }
    }
    List<Tensor> joined = new ArrayList<>();
    for (List<Tensor> p : pieces) {
      joined.add(p.size() == 1 ? p.get(0) : Tensor.cat(p, 0));
    }
    return joined;
  }

  private List<String> outputNames() {
    Graph graph = model.graph();
    List<String> names = new ArrayList<>();
    if (graph != null && graph.outputs.size() > 1) {
      for (SymbolicTensor o : graph.outputs) {
        names.add(o.layer() == null ? ((Input) o).name() : o.layer().name());
      }
    }
    return names;
  }

  /** The loss and the streaming metrics of one pass; several outputs get prefixed copies of the metrics. */
  private static final class Results {
    private final Compiled compiled;
    private final List<String> outputs;
    private final List<List<Metric>> metrics = new ArrayList<>();
    private double lossSum;
    private long samples;

    Results(Compiled compiled, List<String> outputs) {
      this.compiled = compiled;
      this.outputs = outputs;
      for (int i = 0; i < Math.max(1, outputs.size()); i++) {
        List<Metric> copies = new ArrayList<>();
        for (Metric m : compiled.metrics()) {
          copies.add(m.copy());
        }
        metrics.add(copies);
      }
    }

    /** The batch loss: per-sample losses, class-weighted, averaged over the batch, summed over outputs. */
    Tensor loss(List<Tensor> predictions, List<Tensor> targets, Map<Integer, Double> classWeight) {
      if (predictions.size() != targets.size()) {
        throw new ShapeMismatchException("fit: the model has " + predictions.size() + " outputs but "
            + targets.size() + " target tensors were given");
      }
      Tensor total = null;
      for (int i = 0; i < predictions.size(); i++) {
        Tensor perSample = compiled.loss().perSample(predictions.get(i), targets.get(i));
        Tensor value = classWeight.isEmpty() ? perSample.mean()
            : perSample.times(classWeights(targets.get(i), classWeight, perSample)).sum().div(perSample.size(0));
        total = total == null ? value : total.plus(value);
      }
      return total;
    }

    private static Tensor classWeights(Tensor targets, Map<Integer, Double> weights, Tensor like) {
      Tensor labels = targets.rank() >= 2 && targets.size(targets.rank() - 1) > 1 ? targets.argmax(-1, false) : targets;
      long[] classes = labels.cast(DType.I64).toLongArray();
      double[] w = new double[classes.length];
      for (int i = 0; i < w.length; i++) {
        w[i] = weights.getOrDefault((int) classes[i], 1.0);
      }
      return Tensor.from(NdArray.of(w, w.length).cast(like.dtype()));
    }

    void update(Tensor loss, List<Tensor> predictions, List<Tensor> targets, int batch) {
      try (Grad.Scope off = Grad.disabled()) {
        lossSum += loss.item() * batch;
        samples += batch;
        for (int i = 0; i < predictions.size(); i++) {
          for (Metric m : metrics.get(i)) {
            m.update(predictions.get(i).detach(), targets.get(i));
          }
        }
      }
    }

    Map<String, Double> logs() {
      Map<String, Double> logs = new LinkedHashMap<>();
      logs.put("loss", samples == 0 ? 0 : lossSum / samples);
      for (int i = 0; i < metrics.size(); i++) {
        for (Metric m : metrics.get(i)) {
          logs.put(outputs.isEmpty() ? m.name() : outputs.get(i) + "_" + m.name(), m.result());
        }
      }
      return logs;
    }
  }
}
