#!/usr/bin/env python3
"""The PyTorch peer of the baseline CNN's inference: the same network (3 conv + 2 dense, 122,570 parameters)
on random batches of 1,000 32x32x3 images, 2 threads, no gradients, as InferenceBench.java measures DL4J.
Prints `RESULT torchInferImgPerS=...` (the median of REPEATS timings of SECONDS each).

Usage: torch_cnn.py [REPEATS] [SECONDS]
"""
import sys
import time

import torch
import torch.nn as nn


def main(argv):
    repeats = int(argv[1]) if len(argv) > 1 else 3
    seconds = float(argv[2]) if len(argv) > 2 else 10.0
    torch.manual_seed(1)
    torch.set_num_threads(2)
    net = nn.Sequential(
        nn.Conv2d(3, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(64, 64, 3), nn.ReLU(), nn.Flatten(),
        nn.Linear(64 * 4 * 4, 64), nn.ReLU(), nn.Linear(64, 10)).eval()
    params = sum(p.numel() for p in net.parameters())
    if params != 122_570:
        sys.exit(f"torch_cnn.py: expected 122,570 parameters, got {params}")
    x = torch.rand(1000, 3, 32, 32)
    rates = []
    with torch.no_grad():
        net(x)
        net(x)
        for r in range(repeats):
            done, start = 0, time.perf_counter()
            while True:
                net(x)
                done += 1
                if time.perf_counter() - start >= seconds:
                    break
            rates.append(done * 1000 / (time.perf_counter() - start))
            print(f"  repeat {r + 1}: inference {rates[-1]:.0f} img/s")
    rates.sort()
    median = rates[len(rates) // 2] if len(rates) % 2 else (rates[len(rates) // 2 - 1] + rates[len(rates) // 2]) / 2
    print(f"RESULT torchInferImgPerS={median:.0f} threads={torch.get_num_threads()} torch={torch.__version__}")


if __name__ == "__main__":
    main(sys.argv)
