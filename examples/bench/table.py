#!/usr/bin/env python3
"""Prints bench.sh's Markdown ratio table from its results file (tab-separated lines, written by bench.sh):

  run   CASE SIDE WALL_S PEAK_RSS_KIB EXIT_CODE   one timed run of the CLI ("cli") or the Python peer ("peer")
  meta  KEY VALUE                                 inputs and settings (rows, input bytes, repeats, ...)
  model KEY VALUE                                 InferenceBench.java's and torch_cnn.py's RESULT values
  note  TEXT                                      a line printed under the table (a skipped side, a mismatch)

Usage: table.py RESULTS_FILE
"""
import statistics
import sys
from collections import defaultdict

CASES = [  # case, what the CLI runs
    ("main", "analyze {rows_main} × {classes_main} (`--quiet`)"),
    ("big", "analyze {rows_big} × {classes_main} (`-Xmx2g`)"),
    ("classes", "analyze {rows_classes} × {classes_classes} classes (`-Xmx1g`)"),
    ("startup", "start-up: analyze {rows_startup} × {classes_main}"),
]


def number(n):
    return f"{int(n):,}"


def mib(kib):
    return f"{kib / 1024:,.0f} MiB"


def main(argv):
    runs = defaultdict(list)
    meta, model, notes = {}, {}, []
    with open(argv[1], encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if parts[0] == "run":
                runs[(parts[1], parts[2])].append((float(parts[3]), int(parts[4]), int(parts[5])))
            elif parts[0] == "meta":
                meta[parts[1]] = parts[2]
            elif parts[0] == "model":
                model[parts[1]] = parts[2]
            elif parts[0] == "note":
                notes.append(parts[1])

    def side(case, who):
        """(median wall, median peak RSS, failed exit code or None) of one side of a case, or None."""
        done = runs.get((case, who))
        if not done:
            return None
        failed = [rc for _, _, rc in done if rc != 0]
        return (statistics.median(w for w, _, _ in done), statistics.median(r for _, r, _ in done),
                failed[0] if failed else None)

    def cell(result):
        if result is None:
            return "skipped", "–"
        if result[2] is not None:
            return f"failed (exit {result[2]})", "–"
        return f"{result[0]:.2f} s", mib(result[1])

    names = {k: number(v) for k, v in meta.items() if k.startswith(("rows_", "classes_"))}
    print(f"| case | CLI wall (median of {meta.get('repeats', '?')}) | CLI peak RSS | Python peer wall | "
          "peer peak RSS | CLI / peer | goal |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    startup = side("startup", "cli")
    for case, title in CASES:
        cli, peer = side(case, "cli"), side(case, "peer")
        if cli is None and peer is None:
            continue
        ratio = (f"{cli[0] / peer[0]:.2f}×" if cli and peer and cli[2] is None and peer[2] is None else "–")
        goal = ""
        ok = cli is not None and cli[2] is None
        if case == "main":
            goal = "wall ≤ 1.0× the peer (moonshot 0.5×)"
            if ok and peer and peer[2] is None:
                goal += ": **met**" if cli[0] <= peer[0] else ": not met"
            if ok and startup and startup[2] is None and "input_bytes_main" in meta:
                limit = 2 * int(meta["input_bytes_main"]) / 1024 + startup[1]
                goal += (f"; RSS ≤ 2× input + start-up RSS = {mib(limit)}: "
                         + ("**met**" if cli[1] <= limit else "not met"))
        elif case == "big":
            main_cli = side("main", "cli")
            if ok and main_cli and main_cli[2] is None:
                scale = int(meta["rows_big"]) / int(meta["rows_main"])
                times = cli[0] / main_cli[0]
                goal = (f"{times:.2f}× the {number(meta['rows_main'])}-row time for {scale:g}× the rows "
                        f"(goal ≤ {1.1 * scale:g}×): " + ("**met**" if times <= 1.1 * scale else "not met"))
        elif case == "classes":
            if ok:
                goal = "whole report < 10 s: " + ("**met**" if cli[0] < 10 else "not met")
        elif case == "startup":
            goal = "the constant (JVM start, picocli, the report of a small run; no ND4J natives)"
        print(f"| {title.format(**names)} | {' | '.join(cell(cli))} | {' | '.join(cell(peer))} | {ratio} | {goal} |")
    if "inferImgPerS" in model:
        dl4j = float(model["inferImgPerS"])
        torch = float(model["torchInferImgPerS"]) if "torchInferImgPerS" in model else None
        ratio = f"{dl4j / torch:.2f}×" if torch else "–"
        print(f"| CNN inference, baseline, batch 1,000 (img/s; peer: PyTorch) | {dl4j:,.0f} img/s | – | "
              f"{f'{torch:,.0f} img/s (before and after)' if torch else 'skipped'} | – | {ratio} | DL4J / PyTorch images/s "
              "(README: 1.73× with the native layer helpers) |")
        print(f"| analysis over `output()`, {number(model['images'])} images, batches of 128 | "
              f"{float(model['analysisMs']) / 1000:.2f} s | – | {float(model['bareMs']) / 1000:.2f} s (bare "
              f"`network.output` loop) | – | {float(model['analysisOverOutput']):.2f}× | "
              "≈ 1.0× (median of back-to-back pairs; fastest over fastest: "
              f"{float(model.get('fastestOverFastest', 'nan')):.2f}×): the analysis adds no measurable time |")
    for note in notes:
        print(f"\n{note}")


if __name__ == "__main__":
    main(sys.argv)
