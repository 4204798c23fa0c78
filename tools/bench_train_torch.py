#!/usr/bin/python3
"""PyTorch's side of `./run bench train`: the same three nets, full training steps with Adam.

Prints lines like `train net=keras batch=128 threads=N samples_per_s=812.3 impl=torch-<version>`.
Run with Debian's python3-torch:
    /usr/bin/python3 tools/bench_train_torch.py [--threads N] [--seconds S] [keras|small|mlp ...]
"""
import sys

import torch
from torch import nn

from bench_timing import millis_per_call


def create(net):
    if net == "mlp":
        return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(),
                             nn.Linear(128, 10)), 128
    convs = [nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
             nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten()]
    if net == "keras":
        return nn.Sequential(*convs, nn.Dropout(0.5), nn.Linear(1600, 10)), 128
    if net == "small":
        return nn.Sequential(*convs, nn.Linear(1600, 128), nn.ReLU(), nn.Linear(128, 10)), 64
    sys.exit(f"unknown net {net} (keras, small, mlp)")


def main(argv):
    seconds = 2.0
    nets = []
    i = 0
    while i < len(argv):
        if argv[i] == "--threads":
            torch.set_num_threads(int(argv[i + 1]))
            i += 1
        elif argv[i] == "--seconds":
            seconds = float(argv[i + 1])
            i += 1
        else:
            nets.append(argv[i])
        i += 1
    for net in nets or ["keras", "small", "mlp"]:
        torch.manual_seed(0)
        model, batch = create(net)
        model.train()
        optimizer = torch.optim.Adam(model.parameters(), 1e-3)
        x = torch.rand(batch, 784) if net == "mlp" else torch.rand(batch, 1, 28, 28)
        y = torch.randint(0, 10, (batch,))

        def step():
            optimizer.zero_grad(set_to_none=False)  # 1.13's default; TrainBench does the same
            nn.functional.cross_entropy(model(x), y).backward()
            optimizer.step()

        ms = millis_per_call(step, seconds)
        print(f"train net={net} batch={batch} threads={torch.get_num_threads()} "
              f"samples_per_s={batch * 1000 / ms:.1f} impl=torch-{torch.__version__}")


if __name__ == "__main__":
    main(sys.argv[1:])
