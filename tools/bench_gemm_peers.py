#!/usr/bin/env python3
"""SGEMM throughput of NumPy (OpenBLAS) and PyTorch, the peers of `./run bench sgemm`.

Prints one line per case in the format of SgemmBench, plus the implementation:

    sgemm n=1024 threads=1 gflops=160.3 impl=torch

Usage: /usr/bin/python3 tools/bench_gemm_peers.py [--threads N] [--impl numpy|torch|all]
       [--seconds S] [--gemv] [n ...]

The thread count must be fixed before NumPy is imported (OpenBLAS reads OPENBLAS_NUM_THREADS once
at load time), so the arguments are parsed first and the libraries imported afterwards. Timing
mirrors dev.vectorgrad.samples.bench.Timing: warm up for S seconds, then the median of five rounds
of as many calls. With --gemv each n is also measured as a matrix-vector product, [1, n] x [n, n]
(batch-1 inference), printed as `sgemv n=... threads=... gflops=... impl=...`.

Both libraries call whatever BLAS the dynamic linker finds (Debian's python3-numpy and
python3-torch link libblas.so.3), so the numbers are only as good as that BLAS: the reference
libblas3 does about 5 GFLOP/s, OpenBLAS about 150 per core. The script names the BLAS it loaded
on stderr. To measure against OpenBLAS without installing it system-wide, unpack Debian's
libopenblas0-pthread somewhere and put its openblas-pthread directory on LD_LIBRARY_PATH.
"""
import argparse
import os
import sys

from bench_timing import millis_per_call


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--impl", choices=["numpy", "torch", "all"], default="all")
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("--gemv", action="store_true")
    parser.add_argument("sizes", nargs="*", type=int, default=[64, 128, 256, 512, 1024, 2048])
    return parser.parse_args()


def loaded_blas():
    """The BLAS and LAPACK shared objects mapped into this process."""
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "blas" in line or "mkl" in line}
    return sorted(p for p in paths if p.startswith("/"))


def main():
    args = parse_args()
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(args.threads)
    import numpy as np  # after the environment: OpenBLAS sizes its pool on load

    impls = ["numpy", "torch"] if args.impl == "all" else [args.impl]
    if "torch" in impls:
        import torch

        torch.set_num_threads(args.threads)
    print("# BLAS: " + (", ".join(loaded_blas()) or "none found"), file=sys.stderr, flush=True)
    rng = np.random.default_rng(0)
    for impl in impls:
        for n in args.sizes:
            cases = [("sgemm", n)] + ([("sgemv", 1)] if args.gemv else [])
            for name, m in cases:
                a = rng.standard_normal((m, n), dtype=np.float32)
                b = rng.standard_normal((n, n), dtype=np.float32)
                if impl == "numpy":
                    out = np.empty((m, n), dtype=np.float32)
                    body = lambda: np.matmul(a, b, out=out)
                else:
                    ta, tb = torch.from_numpy(a), torch.from_numpy(b)
                    out = torch.empty((m, n), dtype=torch.float32)
                    body = lambda: torch.matmul(ta, tb, out=out)
                ms = millis_per_call(body, args.seconds)
                gflops = 2.0 * m * n * n / (ms * 1e6)
                print(f"{name} n={n} threads={args.threads} gflops={gflops:.1f} impl={impl}", flush=True)


if __name__ == "__main__":
    main()
