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


def run(command):
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    return result.stdout


def main(argv):
    if not argv or argv[0] not in PEERS:
        sys.exit(__doc__)
    name, rest = argv[0], argv[1:]
    rounds = 2
    if "--rounds" in rest:
        i = rest.index("--rounds")
        rounds = int(rest[i + 1])
        rest = rest[:i] + rest[i + 2:]
    best = {}
    for _ in range(rounds):
        for command, default_impl in ((["./run", "bench", name] + rest, "vectorgrad"),
                                      (["/usr/bin/python3"] + PEERS[name] + rest, "peer")):
            for key, impl, metric, value in parse(run(command), default_impl):
                better = METRICS[metric]
                old = best.get((key, impl))
                if old is None or (value > old[1] if better else value < old[1]):
                    best[(key, impl)] = (metric, value)
    ours = {k: v for (k, impl), v in best.items() if impl.startswith("vectorgrad")}
    print(f"{'case':48} {'vectorgrad':>12} {'peer':>22} {'ratio':>7}")
    for (key, impl), (metric, value) in sorted(best.items()):
        if impl.startswith("vectorgrad") or key not in ours:
            continue
        mine = ours[key][1]
        ratio = mine / value if METRICS[metric] else value / mine
        label = " ".join([key[0]] + [f"{k}={v}" for k, v in key[1:]])
        print(f"{label:48} {mine:>9.3f} {metric:<3} {value:>9.3f} {impl:>12} {ratio:>6.2f}x")


if __name__ == "__main__":
    main(sys.argv[1:])
