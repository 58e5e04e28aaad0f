#!/usr/bin/env python3
"""SYNTHETIC survey microdata for scripts/bench (seeded; never committed; written under /tmp).

Usage: make_survey_data.py --rows N --out DIR [--seed S] [--only-taylor] [--ys K]

Writes, if not already present for these parameters (a stamp file records them):
  taylor.csv     stratum, psu, w, dom, y1..y20       200 strata, 4000 PSUs (20 per stratum), 10 domains
                                                     (y1..yK with --ys K; --only-taylor writes only this file)
  replicate.csv  w, q, rw1..rw100                    JK1: 100 groups of PSUs; rw_r = w outside group r, 0 inside
                                                     (combined weights; means/proportions do not depend on
                                                     the R/(R-1) factor, which is left out to keep the file small)
  rake.csv       w, a, b, c, d                       four categorical margins with 5, 4, 6, 10 levels
  rake_margins.csv  variable,level,total             population totals (sum 10,000,000 each)
All values are synthetic: normal/lognormal draws around stratum and PSU effects.
"""
import argparse
import json
import os

import numpy as np
import pandas as pd

p = argparse.ArgumentParser()
p.add_argument("--rows", type=int, required=True)
p.add_argument("--out", required=True)
p.add_argument("--seed", type=int, default=20261201)
p.add_argument("--only-taylor", action="store_true")
p.add_argument("--ys", type=int, default=20)
a = p.parse_args()
os.makedirs(a.out, exist_ok=True)
stamp = os.path.join(a.out, "stamp.json")
params = {"rows": a.rows, "seed": a.seed, "version": 1}
if a.only_taylor or a.ys != 20:
    params.update(only_taylor=a.only_taylor, ys=a.ys)
if os.path.exists(stamp) and json.load(open(stamp)) == params:
    raise SystemExit(0)

rng = np.random.default_rng(a.seed)
n = a.rows
n_strata, n_psu = 200, 4000
# Rows sorted by stratum and PSU; every PSU gets n / 4000 rows (at least 2).
psu = np.sort(rng.integers(0, n_psu, n))
psu[:n_psu] = np.arange(n_psu) if n >= 2 * n_psu else psu[:n_psu]
psu = np.sort(psu)
stratum = psu // (n_psu // n_strata)
w = np.round(rng.lognormal(4.0, 0.4, n_psu)[psu] * rng.uniform(0.8, 1.2, n)).astype(np.int64) + 1
dom = rng.integers(1, 11, n)

psu_effect = rng.normal(0, 1, (n_psu, 20))
ys = {}
for j in range(a.ys):
    ys[f"y{j + 1}"] = np.round(50 + 5 * np.sin(stratum / 7 + j) + 3 * psu_effect[psu, j] + rng.normal(0, 10, n), 2)
taylor = pd.DataFrame({"stratum": stratum + 1, "psu": psu + 1, "w": w, "dom": dom, **ys})
taylor.to_csv(os.path.join(a.out, "taylor.csv"), index=False)
del taylor, ys
if a.only_taylor:
    json.dump(params, open(stamp, "w"))
    raise SystemExit(0)

# Replicate design: JK1 over 100 groups of PSUs.
group = rng.permutation(n_psu)[psu] % 100
q = np.minimum(9, np.floor(rng.gamma(2.0 + psu_effect[psu, 0] * 0.3 + 1.0, 1.5, n))).astype(np.int64) + 1
rep = {"w": w, "q": q}
for r in range(100):
    rep[f"rw{r + 1}"] = np.where(group == r, 0, w)
pd.DataFrame(rep).to_csv(os.path.join(a.out, "replicate.csv"), index=False)
del rep

# Raking: four associated categorical variables; margins from a synthetic population of 10M.
base = rng.normal(0, 1, n)
cats = {}
for name, k in (("a", 5), ("b", 4), ("c", 6), ("d", 10)):
    z = 0.5 * base + rng.normal(0, 1, n)
    cuts = np.quantile(z, np.linspace(0, 1, k + 1)[1:-1])
    cats[name] = np.searchsorted(cuts, z) + 1
rake = pd.DataFrame({"w": w, **{k: [f"{k}{v}" for v in vals] for k, vals in cats.items()}})
rake.to_csv(os.path.join(a.out, "rake.csv"), index=False)
rows = []
for name, k in (("a", 5), ("b", 4), ("c", 6), ("d", 10)):
    share = rng.dirichlet(np.full(k, 20.0))
    totals = np.round(share * 10_000_000)
    totals[-1] = 10_000_000 - totals[:-1].sum()
    rows += [(name, f"{name}{l + 1}", int(t)) for l, t in enumerate(totals)]
pd.DataFrame(rows, columns=["variable", "level", "total"]).to_csv(os.path.join(a.out, "rake_margins.csv"), index=False)
json.dump(params, open(stamp, "w"))
