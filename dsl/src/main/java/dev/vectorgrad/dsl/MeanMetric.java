package dev.vectorgrad.dsl;

import dev.vectorgrad.autodiff.Tensor;
import java.util.function.BinaryOperator;

/** A metric that averages a per-sample value over every sample seen (accuracies, MSE, MAE). */
final class MeanMetric implements Metric {
  private final String name;
  private final BinaryOperator<Tensor> perSample;
  private double sum;
  private long count;

  MeanMetric(String name, BinaryOperator<Tensor> perSample) {
    this.name = name;
    this.perSample = perSample;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void reset() {
    sum = 0;
    count = 0;
  }

  @Override
  public void update(Tensor predictions, Tensor targets) {
    Tensor values = perSample.apply(predictions, targets);
    sum += values.cast(dev.vectorgrad.tensor.DType.F64).sum().item();
    count += values.numel();
  }

  @Override
  public double result() {
    return count == 0 ? 0 : sum / count;
  }

  @Override
  public Metric copy() {
    return new MeanMetric(name, perSample);
  }
}
