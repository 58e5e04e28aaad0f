#!/usr/bin/env python3
"""Peer timings for LinearModel.fit (Tests/SurveyTests/Numerics/LeastSquaresBenchmark.swift):
seeded synthetic OLS, n = 1e6 rows, intercept + 9 uniform(-1, 1) predictors, median of 3.
Run with OPENBLAS_NUM_THREADS=1 (as the Swift benchmark) for a like-for-like comparison."""
import os, time
import numpy as np

rng = np.random.default_rng(42)
n, p = 1_000_000, 9
X = np.column_stack([np.ones(n)] + [rng.uniform(-1, 1, n) for _ in range(p)])
y = X @ np.arange(1, p + 2) + rng.uniform(-0.5, 0.5, n)


def median_time(f):
    t = []
    for _ in range(3):
        s = time.perf_counter()
        f()
        t.append(time.perf_counter() - s)
    return sorted(t)[1]


threads = os.environ.get("OPENBLAS_NUM_THREADS", "?")
print(f"numpy.linalg.lstsq  n={n} p={p + 1} threads={threads}: {median_time(lambda: np.linalg.lstsq(X, y, rcond=None)):.3f} s")
try:
    import statsmodels.api as sm
    print(f"statsmodels OLS+bse n={n} p={p + 1} threads={threads}: {median_time(lambda: sm.OLS(y, X).fit().bse):.3f} s")
except ImportError:
    print("statsmodels not installed")
