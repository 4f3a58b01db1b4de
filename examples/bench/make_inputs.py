#!/usr/bin/env python3
"""Writes the benchmark's inputs: ROWS x CLASSES softmax outputs that look like a real classifier's (about 93 %
accuracy, confident when right, less so when wrong, the true class usually among the top three), as a
float32 predictions.npy, an int64 labels.npy and a classes.txt, with a fixed seed so that every run and every
machine gets the same bytes.

Usage: make_inputs.py ROWS CLASSES OUT_FOLDER [SEED]   (files: OUT_FOLDER/p.npy, y.npy, classes.txt)
"""
import os
import sys

import numpy as np

CIFAR10 = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]
CHUNK = 500_000  # rows generated at a time, so that 5,000,000 rows need no more than a few hundred MB


def softmax_chunk(rng, rows, classes, accuracy=0.93):
    """One chunk of labels and softmax rows: logits with a margin for the predicted class (right with
    probability `accuracy`), the true class close behind when the prediction is wrong."""
    y = rng.integers(0, classes, rows)
    right = rng.random(rows) < accuracy
    # a wrong prediction is another class, uniformly
    other = (y + rng.integers(1, classes, rows)) % classes
    pred = np.where(right, y, other)
    logits = rng.standard_normal((rows, classes)).astype(np.float32)
    top = logits.max(axis=1)
    idx = np.arange(rows)
    # confident when right (margin 2.5 + Exp(3)), less so when wrong (margin Exp(1)): a real network's shape
    margin = np.where(right, 2.5 + rng.exponential(3.0, rows), rng.exponential(1.0, rows)).astype(np.float32)
    logits[idx, pred] = top + margin + np.float32(1e-3)
    # when wrong, the true class is the runner-up most of the time
    runner_up = ~right & (rng.random(rows) < 0.7)
    logits[idx[runner_up], y[runner_up]] = (logits[idx[runner_up], pred[runner_up]]
                                            - rng.exponential(0.7, runner_up.sum()).astype(np.float32)
                                            - np.float32(1e-3))
    logits -= logits.max(axis=1, keepdims=True)
    p = np.exp(logits, dtype=np.float32)
    p /= p.sum(axis=1, keepdims=True)
    return p, y.astype(np.int64)


def main(argv):
    if len(argv) not in (4, 5):
        sys.exit(__doc__.strip().splitlines()[-1])
    rows, classes, out = int(argv[1]), int(argv[2]), argv[3]
    seed = int(argv[4]) if len(argv) == 5 else 13
    if rows < 1 or classes < 2:
        sys.exit(f"make_inputs.py: ROWS must be >= 1 and CLASSES >= 2, got {rows} and {classes}")
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(seed)
    p_path, y_path = os.path.join(out, "p.npy"), os.path.join(out, "y.npy")
    p_all = np.lib.format.open_memmap(p_path + ".tmp", mode="w+", dtype=np.float32, shape=(rows, classes))
    y_all = np.lib.format.open_memmap(y_path + ".tmp", mode="w+", dtype=np.int64, shape=(rows,))
    for start in range(0, rows, CHUNK):
        n = min(CHUNK, rows - start)
        p_all[start:start + n], y_all[start:start + n] = softmax_chunk(rng, n, classes)
    p_all.flush()
    y_all.flush()
    accuracy = float((np.asarray(p_all).argmax(axis=1) == y_all).mean())
    del p_all, y_all
    width = len(str(classes - 1))
    names = CIFAR10 if classes == 10 else [f"class{i:0{width}d}" for i in range(classes)]
    with open(os.path.join(out, "classes.txt"), "w", encoding="utf-8") as f:
        f.write("".join(name + "\n" for name in names))
    os.replace(p_path + ".tmp", p_path)
    os.replace(y_path + ".tmp", y_path)
    print(f"{out}: {rows} x {classes}, accuracy {accuracy:.4f}, seed {seed}")


if __name__ == "__main__":
    main(sys.argv)
