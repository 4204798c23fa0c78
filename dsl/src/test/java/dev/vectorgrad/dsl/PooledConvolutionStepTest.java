package dev.vectorgrad.dsl;

import static dev.vectorgrad.dsl.SampleModels.assertSameBits;
import static java.util.stream.Collectors.toSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.layers.F;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which convolutions run with the max pool that reads them as one op (see {@code Graph.call});
 * {@link ModuleEquivalenceTest} holds the Keras MNIST shape to a hand-written module.
 */
class PooledConvolutionStepTest {
  @Test
  void everyConvolutionReadOnlyByAMaxPoolIsFound() {
    Conv2D first = Conv2D.of(4, 3, "relu");
    Conv2D second = Conv2D.of(2, 3, "relu");
    Sequential model = Sequential.of(Input.of(12, 12, 1), first, MaxPooling2D.of(2), second, MaxPooling2D.of(2));
    Graph graph = Objects.requireNonNull(model.graph());
    assertEquals(Set.of(first, second), graph.pooledConvolutions.stream().map(SymbolicTensor::layer).collect(toSet()));
  }

  @Test
  void aConvolutionWithAnotherReaderRunsOnItsOwn() {
    Tensor.manualSeed(7);
    Input input = Input.of(8, 8, 1);
    SymbolicTensor conv = Conv2D.of(3, 3, "relu").apply(input);
    SymbolicTensor pooled = MaxPooling2D.of(2).apply(conv);
    Model twoReaders = Model.of(List.of(input), List.of(pooled, Flatten.of().apply(conv)));
    Model convolutionIsAnOutput = Model.of(List.of(input), List.of(pooled, conv));
    assertTrue(Objects.requireNonNull(twoReaders.graph()).pooledConvolutions.isEmpty());
    assertTrue(Objects.requireNonNull(convolutionIsAnOutput.graph()).pooledConvolutions.isEmpty());

    Tensor x = SampleModels.cnnInput(2);
    List<Tensor> out = convolutionIsAnOutput.predict(List.of(x), 32);
    Tensor reluFirst = F.maxPool2d(out.get(1).permute(0, 3, 1, 2), 2).permute(0, 2, 3, 1);
    assertSameBits(reluFirst, out.get(0), "pooled");
    assertTrue(out.get(1).min().item() >= 0, "the convolution's own output went through its relu");
  }
}
