#!/usr/bin/python3
"""PyTorch's side of `./run bench mlp-autograd`: the same 784-256-128-10 MLP, forward + backward,
gradients cleared to None or zeroed in place (`zero_grad(set_to_none=False)`) after each step.

Prints lines like `mlp-autograd batch=32 threads=N grads=kept ms=1.234 impl=torch-<version>`. Run with
Debian's python3-torch: /usr/bin/python3 tools/bench_mlp_torch.py [--threads N] [batch ...]
"""
import sys

import torch

from bench_timing import millis_per_call


def main(argv):
    if "--threads" in argv:
        i = argv.index("--threads")
        torch.set_num_threads(int(argv[i + 1]))
        argv = argv[:i] + argv[i + 2:]
    batches = [int(a) for a in argv] or [1, 32, 128]
    torch.manual_seed(0)
    params = [(torch.randn(784, 256) * 0.05).requires_grad_(), torch.zeros(256, requires_grad=True),
              (torch.randn(256, 128) * 0.05).requires_grad_(), torch.zeros(128, requires_grad=True),
              (torch.randn(128, 10) * 0.05).requires_grad_(), torch.zeros(10, requires_grad=True)]
    w1, b1, w2, b2, w3, b3 = params
    for batch in batches:
        x = torch.randn(batch, 784)
        target = torch.nn.functional.one_hot(torch.randint(0, 10, (batch,)), 10).float()
        for grads in ("none", "kept"):
            def step():
                h = torch.relu(torch.relu(x @ w1 + b1) @ w2 + b2)
                loss = -(target * torch.log_softmax(h @ w3 + b3, 1)).sum(1).mean()
                loss.backward()
                for p in params:
                    if grads == "none":
                        p.grad = None
                    else:  # zero_grad(set_to_none=False)
                        p.grad.zero_()

            ms = millis_per_call(step)
            print(f"mlp-autograd batch={batch} threads={torch.get_num_threads()} grads={grads} ms={ms:.4f} "
                  f"impl=torch-{torch.__version__}")

if __name__ == "__main__":
    main(sys.argv[1:])
