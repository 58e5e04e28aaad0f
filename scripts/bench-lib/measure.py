#!/usr/bin/env python3
"""Runs a command REPS times and prints one JSON line: median wall seconds, median of the
command's own compute time (the `barometer-timing: compute <s>` line barometer writes to stderr
when BAROMETER_TIMING=1, i.e. excluding reading the input file and writing output), and the
peak resident set size of the child (MB, from wait4's rusage); for replicate designs also the
median `bound.stream` (barometer summing the same replicate weights once, in the same process, on
as many threads as its replicate pass) and `bound.stream1` (the same on one thread).

Usage: measure.py REPS -- CMD ARGS...
"""
import json
import os
import re
import statistics
import subprocess
import sys
import time

reps = int(sys.argv[1])
cmd = sys.argv[sys.argv.index("--") + 1:]
env = dict(os.environ, BAROMETER_TIMING="1")
walls, computes, peaks, bounds, bounds1 = [], [], [], [], []
for _ in range(reps):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    err = proc.stderr.read().decode()
    _, status, usage = os.wait4(proc.pid, 0)
    walls.append(time.perf_counter() - start)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.stderr.write(err)
        raise SystemExit(f"command failed: {' '.join(cmd)}")
    peaks.append(usage.ru_maxrss / 1024)
    found = re.findall(r"barometer-timing: compute ([0-9.eE+-]+)", err)
    if found:
        computes.append(sum(float(x) for x in found))
    bound = re.findall(r"barometer-timing: bound.stream ([0-9.eE+-]+)", err)
    if bound:
        bounds.append(float(bound[0]))
    bound1 = re.findall(r"barometer-timing: bound.stream1 ([0-9.eE+-]+)", err)
    if bound1:
        bounds1.append(float(bound1[0]))
print(json.dumps({
    "wall": statistics.median(walls),
    "compute": statistics.median(computes) if computes else None,
    "peak_mb": max(peaks),
    "bound": statistics.median(bounds) if bounds else None,
    "bound1": statistics.median(bounds1) if bounds1 else None,
}))
