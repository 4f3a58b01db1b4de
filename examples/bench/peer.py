#!/usr/bin/env python3
"""The Python peer of `cifar-errors analyze --predictions`, as issue 13 describes it: what a user would write
instead. `np.load` both files, then scikit-learn's `confusion_matrix`, `classification_report`,
`top_k_accuracy_score(k=3)` and `log_loss`, a 15-bin ECE and the (multi-class) Brier score with NumPy, and the
most confident wrong predictions. Prints one summary line (and the classification report with --print).

Usage: peer.py PREDICTIONS.npy LABELS.npy [--print]
"""
import sys

import numpy as np
from sklearn.metrics import classification_report, confusion_matrix, log_loss, top_k_accuracy_score

WORST = 20  # the most confident wrong predictions kept


def ece(confidence, right, bins=15):
    """Expected calibration error over `bins` equal-width confidence bins."""
    index = np.minimum((confidence * bins).astype(np.int64), bins - 1)
    hits = np.bincount(index, right, minlength=bins)
    total = np.bincount(index, confidence, minlength=bins)
    return float(np.abs(hits - total).sum() / len(confidence))


def main(argv):
    if len(argv) not in (3, 4):
        sys.exit(__doc__.strip().splitlines()[-1])
    p = np.load(argv[1])
    y = np.load(argv[2])
    n, classes = p.shape
    labels = np.arange(classes)
    pred = p.argmax(axis=1)
    right = pred == y
    cm = confusion_matrix(y, pred, labels=labels)
    report = classification_report(y, pred, labels=labels, digits=4, zero_division=0)
    top3 = top_k_accuracy_score(y, p, k=3, labels=labels)
    loss = log_loss(y, p, labels=labels)
    confidence = p[np.arange(n), pred]
    calibration = ece(confidence, right)
    brier = float(((p.astype(np.float64) ** 2).sum(axis=1) - 2 * p[np.arange(n), y] + 1).mean())
    wrong = np.flatnonzero(~right)
    worst = wrong[np.argsort(-confidence[wrong], kind="stable")[:WORST]]
    print(f"peer: n={n} classes={classes} accuracy={right.mean():.6f} top3={top3:.6f} ece={calibration:.6f} "
          f"logLoss={loss:.6f} brier={brier:.6f} wrong={len(wrong)} confusionTrace={int(np.trace(cm))} "
          f"mostConfidentWrong={worst[:3].tolist()}")
    if len(argv) == 4 and argv[3] == "--print":
        print(report)


if __name__ == "__main__":
    main(sys.argv)
