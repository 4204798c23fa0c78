#!/usr/bin/python3
"""Runs a Vectorgrad benchmark and its PyTorch/NumPy counterpart alternately, then prints ratios.

    /usr/bin/python3 tools/bench_compare.py sgemm --threads 1 [--rounds 2] [sizes...]
    /usr/bin/python3 tools/bench_compare.py ops --threads 2
    /usr/bin/python3 tools/bench_compare.py mlp-autograd --threads 1
    /usr/bin/python3 tools/bench_compare.py train --threads 2 [keras|small|mlp]

Both sides print lines `case key=value ... metric=value impl=name`. Cases are matched on the case
name and every key except the metrics (gflops, gbps, samples_per_s, ms) and impl. For each side
the best of the rounds is kept (the least disturbed run). The ratio is ours/theirs for gflops,
gbps and samples_per_s and theirs/ours for ms, so above 1 always means Vectorgrad is faster.

With N > 1 threads the PyTorch peers of mlp-autograd and train run in two configurations each
round, and the better one counts per case: PyTorch's own N threads with OpenBLAS on one
(`OPENBLAS_NUM_THREADS=1 ... --threads N`), and one thread of its own with OpenBLAS on N
(`OPENBLAS_NUM_THREADS=N ... --threads 1`, reported as N threads, impl suffixed `@blasN`).
PyTorch's products run on OpenBLAS's threads and its other ops on its own; both at N
oversubscribe the cores (about 4x slower for the MLP step on two cores), so neither single
setting is PyTorch's best on every case. (The SGEMM peers set OpenBLAS's threads from --threads
themselves.)
"""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PEERS = {
    "sgemm": ["tools/bench_gemm_peers.py"],
    "ops": ["tools/bench_ops_peers.py"],
    "mlp-autograd": ["tools/bench_mlp_torch.py"],
    "train": ["tools/bench_train_torch.py"],
}
MIXED = {"mlp-autograd", "train"}  # peers whose products run on OpenBLAS's threads, the rest on torch's
METRICS = {"gflops": True, "gbps": True, "samples_per_s": True, "ms": False}  # True: higher is better


def parse(output, default_impl):
    rows = []
    for line in output.splitlines():
        parts = line.split()
        if not parts or "=" not in line:
            continue
        fields = dict(p.split("=", 1) for p in parts[1:] if "=" in p)
        metric = next((m for m in METRICS if m in fields), None)
        if metric is None:
            continue
        impl = fields.pop("impl", default_impl)
        value = float(fields.pop(metric))
        for other in METRICS:
            fields.pop(other, None)
        key = (parts[0],) + tuple(sorted(fields.items()))
        rows.append((key, impl, metric, value))
    return rows


def pin_openblas_core():
    """Makes the peers' OpenBLAS use its AVX-512 kernels on a CPU newer than it knows.

    OpenBLAS picks its kernels by CPU model; 0.3.21 (Debian 12) does not know Emerald Rapids
    (model 207) and falls back to its generic x86-64 kernels, about 20 GFLOP/s against 130 with
    the Skylake-X ones on the same core. That would be no peer at all, so where the library says
    it fell back and the CPU has AVX-512, the peers run with OPENBLAS_CORETYPE=SkylakeX.
    """
    if "OPENBLAS_CORETYPE" in os.environ:
        return
    probe = subprocess.run(["/usr/bin/python3", "-c", "import numpy"], capture_output=True, text=True,
                           env=dict(os.environ, OPENBLAS_VERBOSE="2"))
    core = next((line.split(":", 1)[1].strip() for line in probe.stderr.splitlines()
                 if line.startswith("Core:")), None)
    with open("/proc/cpuinfo") as cpuinfo:
        avx512 = " avx512f " in cpuinfo.read()
    if core in ("Prescott", "Nehalem", "Sandybridge") and avx512:
        os.environ["OPENBLAS_CORETYPE"] = "SkylakeX"
        print(f"# OpenBLAS fell back to its {core} kernels on this CPU; peers run with "
              "OPENBLAS_CORETYPE=SkylakeX", file=sys.stderr)


def run(command, blas_threads=None):
    env = dict(os.environ)
    if blas_threads is not None:
        env["OPENBLAS_NUM_THREADS"] = str(blas_threads)
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True, env=env)
    return result.stdout


def threads_of(args):
    return int(args[args.index("--threads") + 1]) if "--threads" in args else os.cpu_count()


def with_threads(args, threads):
    rest = list(args)
    if "--threads" in rest:
        i = rest.index("--threads")
        del rest[i:i + 2]
    return ["--threads", str(threads)] + rest


def peer_runs(name, rest):
    """The peer's (command, OpenBLAS threads, reported threads or None) configurations."""
    threads = threads_of(rest)
    script = ["/usr/bin/python3"] + PEERS[name]
    runs = [(script + with_threads(rest, threads), 1, None)]
    if threads > 1 and name in MIXED:
        runs.append((script + with_threads(rest, 1), threads, threads))
    return runs


def relabel(rows, threads, blas_threads):
    """Rows of a one-thread peer run on OpenBLAS's threads, keyed as the N-thread case."""
    out = []
    for key, impl, metric, value in rows:
        fields = tuple((k, str(threads)) if k == "threads" else (k, v) for k, v in key[1:])
        out.append(((key[0],) + fields, f"{impl}@blas{blas_threads}", metric, value))
    return out


def main(argv):
    if not argv or argv[0] not in PEERS:
        sys.exit(__doc__)
    name, rest = argv[0], argv[1:]
    rounds = 2
    if "--rounds" in rest:
        i = rest.index("--rounds")
        rounds = int(rest[i + 1])
        rest = rest[:i] + rest[i + 2:]
    pin_openblas_core()
    best = {}
    for _ in range(rounds):
        rows = parse(run(["./run", "bench", name] + rest), "vectorgrad")
        for command, blas_threads, reported in peer_runs(name, rest):
            peer = parse(run(command, blas_threads), "peer")
            rows += relabel(peer, reported, blas_threads) if reported else peer
        for key, impl, metric, value in rows:
            better = METRICS[metric]
            slot = (key, impl.split("@")[0])  # a peer's configurations compete for one slot (versions may hold "+")
            old = best.get(slot)
            if old is None or (value > old[1] if better else value < old[1]):
                best[slot] = (metric, value, impl)
    ours = {k: v for (k, impl), v in best.items() if impl.startswith("vectorgrad")}
    print(f"{'case':48} {'vectorgrad':>12} {'peer':>22} {'ratio':>7}")
    for (key, _), (metric, value, impl) in sorted(best.items()):
        if impl.startswith("vectorgrad") or key not in ours:
            continue
        mine = ours[key][1]
        ratio = mine / value if METRICS[metric] else value / mine
        label = " ".join([key[0]] + [f"{k}={v}" for k, v in key[1:]])
        print(f"{label:48} {mine:>9.3f} {metric:<3} {value:>9.3f} {impl:>12} {ratio:>6.2f}x")


if __name__ == "__main__":
    main(sys.argv[1:])
