package dev.vectorgrad.dsl.callbacks;

import dev.vectorgrad.dsl.Callback;
import java.util.Map;

/**
 * A callback made of lambdas, as Keras' {@code LambdaCallback}: {@code new LambdaCallback()
 * .onEpochEnd((epoch, logs) -> System.out.println(logs)).onTrainEnd(logs -> ...)}. Each setter
 * takes one hook; hooks not set do nothing.
 *
 * <p>The setters share their names with the hooks they set and differ in arguments: {@code
 * onEpochEnd(hook)} sets, {@code onEpochEnd(epoch, logs)} runs. Static factories were avoided on
 * purpose: Java would let {@code LambdaCallback.onTrainBegin(a).onEpochEnd(b)} call a static {@code
 * onEpochEnd} through the instance and silently drop {@code a}.
 */
public final class LambdaCallback extends Callback {
  /** A hook at training begin or end. */
  @FunctionalInterface
  public interface TrainHook {
    void run(Map<String, Double> logs);
  }

  /** A hook at an epoch's or a batch's begin or end; {@code index} is the epoch or batch (from 0). */
  @FunctionalInterface
  public interface StepHook {
    void run(int index, Map<String, Double> logs);
  }

  private TrainHook trainBegin = logs -> {};
  private TrainHook trainEnd = logs -> {};
  private StepHook epochBegin = (epoch, logs) -> {};
  private StepHook epochEnd = (epoch, logs) -> {};
  private StepHook batchBegin = (batch, logs) -> {};
  private StepHook batchEnd = (batch, logs) -> {};

  public LambdaCallback onTrainBegin(TrainHook hook) {
    trainBegin = hook;
    return this;
  }

  public LambdaCallback onTrainEnd(TrainHook hook) {
    trainEnd = hook;
    return this;
  }

  public LambdaCallback onEpochBegin(StepHook hook) {
    epochBegin = hook;
    return this;
  }

  public LambdaCallback onEpochEnd(StepHook hook) {
    epochEnd = hook;
    return this;
  }

  public LambdaCallback onTrainBatchBegin(StepHook hook) {
    batchBegin = hook;
    return this;
  }

  public LambdaCallback onTrainBatchEnd(StepHook hook) {
    batchEnd = hook;
    return this;
  }

  @Override
  public void onTrainBegin(Map<String, Double> logs) {
    trainBegin.run(logs);
  }

  @Override
  public void onTrainEnd(Map<String, Double> logs) {
    trainEnd.run(logs);
  }

  @Override
  public void onEpochBegin(int epoch, Map<String, Double> logs) {
    epochBegin.run(epoch, logs);
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    epochEnd.run(epoch, logs);
  }

  @Override
  public void onTrainBatchBegin(int batch, Map<String, Double> logs) {
    batchBegin.run(batch, logs);
  }

  @Override
  public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
    batchEnd.run(batch, logs);
  }
}
