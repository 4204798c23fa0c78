package dev.vectorgrad.samples.bench;

import dev.vectorgrad.autodiff.Tensor;
import dev.vectorgrad.tensor.spi.Backends;
import dev.vectorgrad.tensor.spi.Parallel;

/**
 * Forward plus backward of a 784-256-128-10 ReLU MLP with a softmax cross-entropy loss, the
 * autograd-overhead benchmark, clearing the gradients after each step either to none ({@code
 * zeroGrad()}) or into kept buffers ({@code zeroGrad(false)}, which backward then adds into).
 * Prints one line per batch size and mode: {@code mlp-autograd batch=32 threads=1 grads=kept
 * ms=1.234 impl=vectorgrad-simd}. The same model in PyTorch: {@code tools/bench_mlp_torch.py}.
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
        double ms = Timing.millisPerCall(step, 1.0);
        System.out.printf("mlp-autograd batch=%d threads=%d grads=%s ms=%.4f impl=vectorgrad-%s%n",
            batch, Parallel.numThreads(), setToNone ? "none" : "kept", ms, Backends.cpu().name());
      }
    }
  }
}
