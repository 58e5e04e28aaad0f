#!/usr/bin/env python3
"""SYNTHETIC ACS-scale microdata for scripts/bench.d/50-acs-stream (seeded; never committed).

Usage: make_acs_data.py --rows N --out FILE [--seed S] [--block B] [--replicates 80] [--strata 50]
                        [--psus-per-stratum 40]

Writes FILE (if not already present for these parameters; FILE.stamp records them) with the
columns  stratum, psu, dom, sex, age, inc, w, rw1..rw80  — 15M rows make about 10 GB:
  stratum  50 strata (10..59), psu 40 PSUs per stratum (1000..2999), dom 1..9, sex 1..2,
  age 18..97, inc 100.00..999.99 (PSU effect + noise), w 20.0000..69.9999 (4 decimals, as
  after calibration), rw_r = w * (1 + 0.4 s_r(psu)) with s_r = +-1 per PSU and replicate
  (a successive-difference-like replicate weight, scale 4/80, as in ACS PUMS).
Every value is a seeded pseudo-random draw: nothing here is survey data. Cells have a fixed
width, so the file is written block by block straight from digit arrays (fast, bounded memory).
"""
import argparse
import json
import os

import numpy as np

p = argparse.ArgumentParser()
p.add_argument("--rows", type=int, required=True)
p.add_argument("--out", required=True)
p.add_argument("--seed", type=int, default=20261204)
p.add_argument("--block", type=int, default=200_000)
p.add_argument("--replicates", type=int, default=80)
p.add_argument("--strata", type=int, default=50)
p.add_argument("--psus-per-stratum", type=int, default=40)
a = p.parse_args()
stamp = a.out + ".stamp"
params = {"rows": a.rows, "seed": a.seed, "version": 1, "replicates": a.replicates, "strata": a.strata,
          "psus": a.psus_per_stratum}
if os.path.exists(a.out) and os.path.exists(stamp) and json.load(open(stamp)) == params:
    raise SystemExit(0)

R, n_strata, per_stratum = a.replicates, a.strata, a.psus_per_stratum
n_psu = n_strata * per_stratum
rng = np.random.default_rng(a.seed)
psu_effect = rng.normal(0, 1, n_psu)
signs = rng.choice(np.array([-1.0, 1.0]), size=(n_psu, R))


def digits(values, width, decimals=0):
    """Fixed-width ASCII of non-negative values (`decimals` after a point), shape (n, cells)."""
    scaled = np.round(values * 10 ** decimals).astype(np.int64)
    total = width - (1 if decimals else 0)
    out = np.empty(values.shape + (width,), dtype=np.uint8)
    pos = width - 1
    for k in range(total):
        if decimals and k == decimals:
            out[..., pos] = ord(".")
            pos -= 1
        out[..., pos] = (scaled % 10) + 48
        scaled //= 10
        pos -= 1
    return out


header = "stratum,psu,dom,sex,age,inc,w," + ",".join(f"rw{r + 1}" for r in range(R)) + "\n"
tmp = a.out + ".part"
with open(tmp, "wb") as f:
    f.write(header.encode())
    done = 0
    while done < a.rows:
        b = min(a.block, a.rows - done)
        # Rows in PSU order, as a survey file sorted by its design usually is.
        psu = np.sort(rng.integers(0, n_psu, b))
        stratum = psu // per_stratum
        dom = rng.integers(1, 10, b)
        sex = rng.integers(1, 3, b)
        age = rng.integers(18, 98, b)
        inc = np.clip(450 + 60 * psu_effect[psu] + 40 * dom + rng.normal(0, 120, b), 100, 999.99)
        w = rng.uniform(30, 50, b) + 5 * (psu % 3)
        w = np.round(w, 4)
        rw = np.round(w[:, None] * (1 + 0.4 * signs[psu]), 4)
        parts = [
            digits((stratum + 10).astype(float), 2), digits((psu % per_stratum + 1000 + 1000 * (stratum % 2)).astype(float) + 0, 4),
            digits(dom.astype(float), 1), digits(sex.astype(float), 1), digits(age.astype(float), 2),
            digits(inc, 6, 2), digits(w, 7, 4),
        ]
        comma = np.full((b, 1), ord(","), np.uint8)
        fixed = np.concatenate([piece for x in parts for piece in (x, comma)], axis=1)
        reps = np.concatenate([digits(rw, 7, 4), np.full((b, R, 1), ord(","), np.uint8)], axis=2)
        reps[:, -1, -1] = ord("\n")
        line = np.concatenate([fixed, reps.reshape(b, -1)], axis=1)
        f.write(line.tobytes())
        done += b
os.replace(tmp, a.out)
json.dump(params, open(stamp, "w"))
