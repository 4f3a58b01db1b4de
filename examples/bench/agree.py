#!/usr/bin/env python3
"""Checks that the CLI and the Python peer computed the same numbers on the same inputs: accuracy, top-3
accuracy, ECE (15 bins), Brier score and log loss from report.json against the peer's summary line.
Prints one line; exits 1 when a number differs by more than 1e-6 (relative), 0 otherwise.

Usage: agree.py REPORT_JSON PEER_LOG
"""
import json
import math
import sys


def main(argv):
    with open(argv[1], encoding="utf-8") as f:
        report = json.load(f)
    with open(argv[2], encoding="utf-8") as f:
        line = next(l for l in f if l.startswith("peer: "))
    peer = dict(item.split("=", 1) for item in line[len("peer: "):].split() if "=" in item)
    calibration = report["calibration"]
    pairs = {
        "accuracy": (report["accuracy"], peer["accuracy"]),
        "top3": (report["topKAccuracy"]["3"], peer["top3"]),
        "ece": (calibration["ece"], peer["ece"]),
        "brier": (calibration["brierScore"], peer["brier"]),
        "logLoss": (calibration["logLoss"], peer["logLoss"]),
    }
    differ = [f"{name} {cli} (CLI) vs {theirs} (peer)" for name, (cli, theirs) in pairs.items()
              if not math.isclose(float(cli), float(theirs), rel_tol=1e-6, abs_tol=1e-6)]
    if differ:
        print("numbers: the CLI and the peer DIFFER: " + "; ".join(differ))
        return 1
    print("numbers: the CLI and the peer agree to 1e-6 on accuracy, top-3 accuracy, ECE, Brier score and log loss")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
