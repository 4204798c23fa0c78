#!/usr/bin/python3
"""PyTorch's and NumPy's side of `./run bench ops`: the same memory-bound cases on 16M float32.

Prints lines like `add n=16777216 threads=1 ms=12.3 gbps=16.4 impl=torch`, with gbps counting the
bytes a minimal implementation moves (inputs read plus output written), exactly as OpsBench.java
does. Every call allocates its result, as `a.plus(b)` does in Vectorgrad. NumPy has no softmax;
its row is the obvious composite `e = exp(x - max); e / sum(e)`, which is what torch.softmax fuses.

Run with Debian's packages: /usr/bin/python3 tools/bench_ops_peers.py [--threads N] [--impl torch|numpy] [n]
--threads sets torch.set_num_threads; NumPy's elementwise ops are single-threaded whatever N is.
"""
import sys

import numpy as np
import torch

from bench_timing import millis_per_call


def numpy_softmax(x):
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def cases(impl, n):
    rows = round(n ** 0.5)
    if impl == "torch":
        gen = torch.Generator().manual_seed(0)
        a, b = torch.randn(n, generator=gen), torch.randn(n, generator=gen)
        m = torch.randn(rows, n // rows, generator=gen)
        return [("add", n, 12, lambda: torch.add(a, b)), ("mul", n, 12, lambda: torch.mul(a, b)),
                ("exp", n, 8, lambda: torch.exp(a)), ("relu", n, 8, lambda: torch.relu(a)),
                ("sum", n, 4, lambda: torch.sum(a)), ("max", n, 4, lambda: torch.max(a)),
                ("softmax", m.numel(), 8, lambda: torch.softmax(m, 1))]
    rng = np.random.default_rng(0)
    a = rng.standard_normal(n, dtype=np.float32)
    b = rng.standard_normal(n, dtype=np.float32)
    m = rng.standard_normal((rows, n // rows), dtype=np.float32)
    return [("add", n, 12, lambda: np.add(a, b)), ("mul", n, 12, lambda: np.multiply(a, b)),
            ("exp", n, 8, lambda: np.exp(a)), ("relu", n, 8, lambda: np.maximum(a, 0)),
            ("sum", n, 4, lambda: np.sum(a)), ("max", n, 4, lambda: np.max(a)),
            ("softmax", m.size, 8, lambda: numpy_softmax(m))]


def main(argv):
    threads = torch.get_num_threads()
    impls = ["torch", "numpy"]
    sizes = []
    i = 0
    while i < len(argv):
        if argv[i] == "--threads":
            threads = int(argv[i + 1])
            i += 1
        elif argv[i] == "--impl":
            impls = [argv[i + 1]]
            i += 1
        else:
            sizes.append(int(argv[i]))
        i += 1
    torch.set_num_threads(threads)
    n = sizes[0] if sizes else 1 << 24
    for impl in impls:
        for name, count, bytes_per_element, body in cases(impl, n):
            ms = millis_per_call(body)
            gbps = bytes_per_element * count / (ms * 1e6)
            print(f"{name} n={count} threads={threads} ms={ms:.3f} gbps={gbps:.1f} impl={impl}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
