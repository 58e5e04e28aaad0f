#!/usr/bin/env python3
"""SYNTHETIC (seeded) survey-like CSV for the CSV-reader benchmark: id, two text columns (one
quoted), an integer, a money column with 1% NA, six normals with 6 decimals, a weight. About
109 bytes a row; --bytes sets the size (default 1 GB). --numeric leaves out the two text columns
(a numeric survey file: the same numbers, about 83 bytes a row). Written under /tmp, never
committed.

Usage: make_csv_data.py --out FILE [--bytes N] [--numeric]
"""
import argparse
import os

import numpy as np

p = argparse.ArgumentParser()
p.add_argument("--out", required=True)
p.add_argument("--bytes", type=int, default=1_000_000_000)
p.add_argument("--numeric", action="store_true")
a = p.parse_args()
if os.path.exists(a.out) and os.path.getsize(a.out) >= a.bytes:
    raise SystemExit(0)   # already generated (same seed, same content)
rng = np.random.default_rng(20261201)
regions = np.array(["North", "South", "East", "West", "Almaty", "Astana", "Bishkek", "Osh", "Tashkent", "Dushanbe"])
answers = np.array(['"Very favorable"', '"Somewhat favorable"', '"Somewhat unfavorable"', '"Very unfavorable"',
                    '"Don\'t know"'])
tmp = a.out + ".tmp"
written, start = 0, 0
with open(tmp, "w") as f:
    names = ["id", "region", "answer", "age", "income", "x1", "x2", "x3", "x4", "x5", "x6", "weight"]
    # The text columns are drawn either way, so both files hold the same numbers.
    kept = [k for k in range(len(names)) if not (a.numeric and k in (1, 2))]
    f.write(",".join(names[k] for k in kept) + "\n")
    while written < a.bytes:
        n = 200_000
        cols = [np.arange(start, start + n).astype(str), regions[rng.integers(0, 10, n)],
                answers[rng.integers(0, 5, n)], rng.integers(18, 90, n).astype(str),
                np.char.mod("%.2f", rng.lognormal(10, 1, n))]
        cols += [np.char.mod("%.6f", rng.normal(0, 1, n)) for _ in range(6)]
        cols.append(np.char.mod("%.4f", rng.uniform(0.2, 5, n)))
        cols[4] = np.where(rng.random(n) < 0.01, "NA", cols[4])
        cols = [cols[k] for k in kept]
        lines = cols[0]
        for c in cols[1:]:
            lines = np.char.add(np.char.add(lines, ","), c)
        block = "\n".join(lines.tolist()) + "\n"
        f.write(block)
        written += len(block)
        start += n
os.replace(tmp, a.out)
