#!/usr/bin/env python3
"""Runs one command and prints its wall time and peak memory, as GNU time's "Elapsed" and "Maximum resident set
size" would (the peak RSS is the kernel's, from wait4, of the command and the children it waited for).

Usage: measure.py LOG_FILE COMMAND [ARG...]   prints: WALL_SECONDS PEAK_RSS_KIB EXIT_CODE
The command's standard output and error go to LOG_FILE.
"""
import os
import subprocess
import sys
import time


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__.strip().splitlines()[-2])
    with open(argv[1], "wb") as log:
        start = time.perf_counter()
        child = subprocess.Popen(argv[2:], stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in KiB on Linux
    print(f"{wall:.3f} {usage.ru_maxrss} {child.returncode}")


if __name__ == "__main__":
    main(sys.argv)
