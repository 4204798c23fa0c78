package dev.vectorgrad.samples.bench;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.spi.Backends;
import dev.vectorgrad.tensor.spi.Parallel;

/**
 * Forward plus backward of a 784-256-128-10 ReLU MLP with a softmax cross-entropy loss, the
 * autograd-overhead benchmark, clearing the gradients after each step either to none ({@code
 * zeroGrad()}) or into kept buffers ({@code zeroGrad(false)}, which backward then adds into).
 * Prints one line per batch size and mode: {@code mlp-autograd batch=32 threads=1 grads=kept
 * ms=1.234 impl=vectorgrad-simd}. The same model in PyTorch: {@code tools/bench_mlp_torch.py}.
 *
 * <p>A third mode, {@code grads=manual}, runs the same step by hand on {@code NdArray}s: the
 * forward and backward ops autograd runs for this graph, gradients into kept buffers, no graph.
 * Kept minus manual is what autograd's bookkeeping costs (nodes, the walk, version checks); it
 * has no PyTorch peer.
 */
public final class MlpAutogradBench {
  private MlpAutogradBench() {}

  public static void main(String[] args) {
    BenchArgs options = BenchArgs.parse(args, new int[] {1, 32, 128});
    int[] batches = options.sizes();
    Tensor.manualSeed(0);
    Tensor w1 = Tensor.randn(784, 256).times(0.05f).detach().requiresGrad(true);
    Tensor b1 = Tensor.zeros(256).requiresGrad(true);
    Tensor w2 = Tensor.randn(256, 128).times(0.05f).detach().requiresGrad(true);
    Tensor b2 = Tensor.zeros(128).requiresGrad(true);
    Tensor w3 = Tensor.randn(128, 10).times(0.05f).detach().requiresGrad(true);
    Tensor b3 = Tensor.zeros(10).requiresGrad(true);
    Tensor[] params = {w1, b1, w2, b2, w3, b3};
    for (int batch : batches) {
      Tensor x = Tensor.randn(batch, 784);
      Tensor target = Tensor.randint(0, 10, dev.vectorgrad.tensor.Shape.of(batch)).oneHot(10).cast(x.dtype());
      for (boolean setToNone : new boolean[] {true, false}) {
        Runnable step = () -> {
          Tensor h = x.matmul(w1).plus(b1).relu().matmul(w2).plus(b2).relu();
          Tensor logits = h.matmul(w3).plus(b3);
          Tensor loss = target.times(logits.logSoftmax(1)).sum(1).mean().neg();
          loss.backward();
          for (Tensor p : params) {
            p.zeroGrad(setToNone);
          }
        };
        report(batch, setToNone ? "none" : "kept", Timing.millisPerCall(step, 1.0));
      }
      NdArray[] grads = new NdArray[params.length];
      for (int i = 0; i < params.length; i++) {
        grads[i] = NdArray.zeros(params[i].shape());
      }
      NdArray xs = x.data();
      NdArray targets = target.data();
      report(batch, "manual", Timing.millisPerCall(() -> manualStep(xs, targets, params, grads), 1.0));
    }
  }

  private static void report(int batch, String grads, double ms) {
    System.out.printf("mlp-autograd batch=%d threads=%d grads=%s ms=%.4f impl=vectorgrad-%s%n",
        batch, Parallel.numThreads(), grads, ms, Backends.cpu().name());
  }

  /**
   * The autograd step's forward and backward written out: the loss is {@code -mean(sum(target *
   * (logits - logSumExp(logits))))}, as {@code Tensor.logSoftmax} composes it, and its gradient
   * {@code g - softmax(logits) * sum(g)} with {@code g = -target / batch}; weight gradients are
   * added into their zeroed buffers by the GEMM, as kept mode does.
   */
  private static void manualStep(NdArray x, NdArray target, Tensor[] params, NdArray[] grads) {
    NdArray w1 = params[0].data(), b1 = params[1].data(), w2 = params[2].data();
    NdArray b2 = params[3].data(), w3 = params[4].data(), b3 = params[5].data();
    NdArray z1 = x.matmul(w1).plus(b1);
    NdArray h1 = z1.relu();
    NdArray z2 = h1.matmul(w2).plus(b2);
    NdArray h2 = z2.relu();
    NdArray logits = h2.matmul(w3).plus(b3);
    NdArray logProbs = logits.minus(logits.logSumExp(new int[] {1}, true));
    target.times(logProbs).sum(1).mean().neg(); // the loss, computed as the autograd step does
    NdArray g = target.times(-1f / x.shape().dim(0));
    NdArray dLogits = g.minus(logProbs.exp().times(g.sum(new int[] {1}, true)));
    NdArray dz2 = layerGrads(h2, dLogits, w3, grads[4], grads[5]).reluGrad(z2);
    NdArray dz1 = layerGrads(h1, dz2, w2, grads[2], grads[3]).reluGrad(z1);
    weightGrads(x, dz1, grads[0], grads[1]);
  }

  /** Adds the layer's weight and bias gradients into their buffers; returns the input's gradient. */
  private static NdArray layerGrads(NdArray input, NdArray dOut, NdArray weight, NdArray dWeight, NdArray dBias) {
    weightGrads(input, dOut, dWeight, dBias);
    return dOut.matmul(weight.t());
  }

  private static void weightGrads(NdArray input, NdArray dOut, NdArray dWeight, NdArray dBias) {
    dWeight.copyFrom(NdArray.scalar(0));
    dWeight.addmmInPlace(input.t(), dOut);
    dBias.copyFrom(dOut.sum(0));
  }
}
