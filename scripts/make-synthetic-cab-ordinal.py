#!/usr/bin/env python3
"""Writes a SYNTHETIC pooled respondent-level file in the Central Asia Barometer (CAB) wave-4
(face-to-face) layout, three waves stacked, for the ordinal-model notebook
notebooks-md/ordinal-favorability.md. Every value is made up by the seeded generator below: there
is no CAB respondent in this file and no CAB result can be read from it.

    python3 scripts/make-synthetic-cab-ordinal.py   # rewrites notebooks-md/data/synthetic-cab-pooled-KZ.csv

Columns: IDNO, Wave ("CAB OTS W4" / "W8" / "W12"), Country, Year (2018, 2020, 2022), Region_M,
GeoCode (Urban/Rural: the settlement type), Stratum (= Year x Region_M x GeoCode: each wave is its
own sample), SamPt (sampling points numbered across the pooled file, 10 interviews each), totwt
(weights with mean 1 per wave), Gender (Male/Female), AgeGroup (18-29, 30-44, 45-59, 60+) and
OpinionChina, answered on CAB's four-point scale or "Don't Know (vol.)" / "Refused (vol.)".

The generating model (the "truth" the notebook compares its estimates with): a latent
favorability x'b + u + e, with e standard logistic and u a sampling-point effect N(0, 0.4^2); the
answer is the category whose interval between the thresholds THRESHOLDS holds the latent value,
lowest "Very Unfavorable". The coefficients TRUE_EFFECTS are on that latent (conditional) scale;
the population-averaged proportional-odds coefficients a design-based fit estimates are about 3%
smaller (attenuated by the sampling-point effect: 1/sqrt(1 + 0.346 * 0.4^2) = 0.97). Independently of everything, 12% answer
"Don't Know (vol.)" and 2% "Refused (vol.)". Urban respondents are oversampled (smaller weights),
so the weights matter.
"""
import importlib.util
import math
import os

import numpy as np

# The CSV writer (atomic, into notebooks-md/data) of the wave files' generator.
_spec = importlib.util.spec_from_file_location(
    "make_synthetic_cab", os.path.join(os.path.dirname(os.path.abspath(__file__)), "make-synthetic-cab.py"))
_waves = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_waves)

SEED = 20261204
CATEGORIES = ["Very Unfavorable", "Somewhat Unfavorable", "Somewhat Favorable", "Very Favorable"]
# Latent scale: P(answer <= k) = logistic(THRESHOLDS[k] - x'b - u) for the first three categories.
THRESHOLDS = [-1.2, 0.2, 2.0]
TRUE_EFFECTS = {
    "GeoCode": {"Rural": 0.0, "Urban": -0.3},
    "Gender": {"Female": 0.15, "Male": 0.0},
    "AgeGroup": {"18-29": 0.0, "30-44": -0.1, "45-59": -0.3, "60+": -0.5},
    "Year": {2018: 0.0, 2020: -0.3, 2022: -0.6},
}
AGE_SHARES = [0.28, 0.30, 0.24, 0.18]
WAVES = {2018: "CAB OTS W4", 2020: "CAB OTS W8", 2022: "CAB OTS W12"}
REGIONS = ["North", "South", "East", "West", "Centre", "Capital"]


def logistic(x):
    return 1 / (1 + math.exp(-x))


def answer(rng, latent_shift):
    """One answer: volunteered non-response first, else the category of the latent value."""
    u = rng.random()
    if u < 0.12:
        return "Don't Know (vol.)"
    if u < 0.14:
        return "Refused (vol.)"
    v = rng.random()
    for k, zeta in enumerate(THRESHOLDS):
        if v < logistic(zeta - latent_shift):
            return CATEGORIES[k]
    return CATEGORIES[-1]


def wave(rng, year, first_psu, first_id):
    rows = []
    psu = first_psu
    for region in REGIONS:
        for geo in ("Urban", "Rural"):
            for _ in range(10):                  # 10 sampling points per stratum
                psu += 1
                effect = rng.normal(0, 0.4)
                for _ in range(10):              # 10 interviews per sampling point
                    rows.append({"region": region, "geo": geo, "psu": psu, "effect": effect})
    urban = np.array([r["geo"] == "Urban" for r in rows])
    w = np.exp(rng.normal(0, 0.25, len(rows))) * np.where(urban, 0.6, 1.4)
    w = w / w.mean()
    out = []
    for i, r in enumerate(rows):
        gender = "Female" if rng.random() < 0.52 else "Male"
        age = ["18-29", "30-44", "45-59", "60+"][int(rng.choice(4, p=AGE_SHARES))]
        shift = (TRUE_EFFECTS["GeoCode"][r["geo"]] + TRUE_EFFECTS["Gender"][gender]
                 + TRUE_EFFECTS["AgeGroup"][age] + TRUE_EFFECTS["Year"][year] + r["effect"])
        out.append({"IDNO": first_id + i + 1, "Wave": WAVES[year], "Country": "Kazakhstan", "Year": year,
                    "Region_M": r["region"], "GeoCode": r["geo"], "Stratum": f'{year} {r["region"]} {r["geo"]}',
                    "SamPt": r["psu"], "totwt": f"{w[i]:.6f}", "Gender": gender, "AgeGroup": age,
                    "OpinionChina": answer(rng, shift)})
    return out, psu


def main():
    rng = np.random.default_rng(SEED)
    rows, psu = [], 0
    for year in sorted(WAVES):
        part, psu = wave(rng, year, psu, len(rows))
        rows += part
    _waves.write("synthetic-cab-pooled-KZ.csv", rows)


if __name__ == "__main__":
    main()
