#!/usr/bin/env python3
"""Peer results on NIST StRD Filip for docs/accuracy.md and README (run: python3 peers.py > peers.json).

numpy.linalg.lstsq (default rcond, LAPACK gelsd) on the raw monomial design 1, x, ..., x^10 of
Filip.dat; the test (`StRDTests.numpyOnFilip`) computes the LRE of these coefficients against
NIST's certified values. The data are read from Filip.dat beside this script (y x per line).
"""
import json
import os

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
rows = []
with open(os.path.join(here, "Filip.dat")) as f:
    for line in f:
        if line.strip() and not line.startswith("#"):
            y, x = map(float, line.split())
            rows.append((y, x))
y = np.array([r[0] for r in rows])
x = np.array([r[1] for r in rows])
X = np.vander(x, 11, increasing=True)
beta = np.linalg.lstsq(X, y, rcond=None)[0]
print(json.dumps({"numpy": np.__version__, "n": len(rows),
                  "filip_lstsq_coefficients": [float(b) for b in beta]}, indent=1))
