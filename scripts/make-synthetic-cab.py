#!/usr/bin/env python3
"""Writes SYNTHETIC respondent-level files in the Central Asia Barometer (CAB) layout for the
notebook notebooks-md/microdata-workflow.md. Every value is made up by the seeded generator
below: there is no CAB respondent in these files and no CAB result can be read from them.

    python3 scripts/make-synthetic-cab.py        # rewrites notebooks-md/data/synthetic-cab-*.csv

Files (one synthetic country, labelled "Kazakhstan" because the CAB codebook only recognises CAB
countries; the numbers have nothing to do with Kazakhstan):

  synthetic-cab-2018-KZ.csv  wave-4 layout (face to face): Wave = "CAB OTS W4", Country, Year /
                             Month name / Day, strata Region_M x GeoCode, PSUs SamPt (10
                             interviews each), weight totwt, OpinionChina/OpinionRussia/OpinionUSA.
                             One extra column the real files do not have: Stratum = Region_M x
                             GeoCode, so that `barometer estimate --strata` can use a single column.
  synthetic-cab-2020-KZ.csv  wave-8 layout (telephone): MM3a = 2, MM4 country, MM9 interview
                             date-time, MM10 region, MM11 urban/rural, FinalWgt1/FinalWgt2,
                             E1a/E1b/E1c (China/Russia/US); no strata or clusters.
  synthetic-cab-2022-KZ.csv  wave-12 layout: as wave 8 with MM3a = 6.

The generating model (the "truth" the notebook can be compared with), per wave and target: each
respondent is favorable with probability logistic(logit(P) + urban effect + PSU effect), where P is
the TRUE_FAVORABLE share below, the urban effect is +/-0.3 on the logit scale (urban respondents
are oversampled and get smaller weights, so unweighted shares are biased), and the PSU effect
(wave 4 only) is normal with sd 0.4 (clustering: design effects above 1). A favorable answer is
"Very Favorable" with probability 0.25, else "Somewhat Favorable"; otherwise the answer is
"Don't Know (vol.)" 35%, "Refused (vol.)" 5%, and "Somewhat"/"Very Unfavorable" 30% each. The
population favorable share therefore differs slightly from P (the urban effect and PSU effects
are symmetric on the logit scale, not on the share scale).
"""
import csv
import math
import os

import numpy as np

SEED = 20261201
OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "notebooks-md", "data")

# True favorable share P per (wave year, target): China falls 2018 -> 2022, Russia falls more,
# the US is flat. Chosen for illustration only.
TRUE_FAVORABLE = {
    2018: {"China": 0.56, "Russia": 0.80, "USA": 0.40},
    2020: {"China": 0.50, "Russia": 0.74, "USA": 0.41},
    2022: {"China": 0.45, "Russia": 0.62, "USA": 0.42},
}
URBAN_EFFECT = {"China": -0.3, "Russia": -0.3, "USA": 0.3}
REGIONS = ["North", "South", "East", "West", "Centre", "Capital"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def answer(rng, p):
    """One answer text given the respondent's probability of a favorable answer."""
    if rng.random() < p:
        return "Very Favorable" if rng.random() < 0.25 else "Somewhat Favorable"
    u = rng.random()
    if u < 0.35:
        return "Don't Know (vol.)"
    if u < 0.40:
        return "Refused (vol.)"
    return "Somewhat Unfavorable" if u < 0.70 else "Very Unfavorable"


def logistic(x):
    return 1 / (1 + math.exp(-x))


def logit(p):
    return math.log(p / (1 - p))


def weights(rng, urban, spread):
    """Positive weights with mean 1: urban respondents (oversampled) weigh less."""
    w = np.exp(rng.normal(0, spread, len(urban))) * np.where(urban, 0.6, 1.4)
    return w / w.mean()


def wave4(rng):
    rows = []
    psu = 0
    strata = [(r, g) for r in REGIONS for g in ("Urban", "Rural")]
    for region, geo in strata:
        for _ in range(10):                      # 10 sampling points per stratum
            psu += 1
            effect = rng.normal(0, 0.4)
            day = int(rng.integers(5, 29))
            for _ in range(10):                  # 10 interviews per sampling point
                rows.append({"SamPt": psu, "Region_M": region, "GeoCode": geo, "effect": effect,
                             "day": day})
    urban = np.array([r["GeoCode"] == "Urban" for r in rows])
    w = weights(rng, urban, 0.25)
    out = []
    for i, r in enumerate(rows):
        rec = {"IDNO": i + 1, "Wave": "CAB OTS W4", "Country": "Kazakhstan", "Year": 2018,
               "Month": MONTHS[10], "Day": r["day"], "Region_M": r["Region_M"], "GeoCode": r["GeoCode"],
               "Stratum": f'{r["Region_M"]} {r["GeoCode"]}', "SamPt": r["SamPt"],
               "totwt": f"{w[i]:.6f}"}
        for target, var in (("China", "OpinionChina"), ("Russia", "OpinionRussia"), ("USA", "OpinionUSA")):
            shift = URBAN_EFFECT[target] if urban[i] else -URBAN_EFFECT[target]
            rec[var] = answer(rng, logistic(logit(TRUE_FAVORABLE[2018][target]) + shift + r["effect"]))
        out.append(rec)
    return out


def phone(rng, year, counter, n):
    urban = rng.random(n) < 0.6                  # urban oversampled by phone
    w1 = weights(rng, urban, 0.45)
    w2 = weights(rng, urban, 0.30)
    out = []
    for i in range(n):
        day = int(rng.integers(1, 29))
        hour, minute = int(rng.integers(9, 21)), int(rng.integers(0, 60))
        rec = {"IDNO": i + 1, "MM3a": counter, "MM4": "Kazakhstan",
               "MM9": f"{year}-11-{day:02d} {hour:02d}:{minute:02d}:00",
               "MM10": REGIONS[int(rng.integers(0, len(REGIONS)))], "MM11": "Urban" if urban[i] else "Rural",
               "FinalWgt1": f"{w1[i]:.6f}", "FinalWgt2": f"{w2[i]:.6f}"}
        for target, var in (("China", "E1a"), ("Russia", "E1b"), ("USA", "E1c")):
            shift = URBAN_EFFECT[target] if urban[i] else -URBAN_EFFECT[target]
            rec[var] = answer(rng, logistic(logit(TRUE_FAVORABLE[year][target]) + shift))
        out.append(rec)
    return out


def write(name, rows):
    path = os.path.join(OUT, name)
    tmp = path + ".tmp"
    with open(tmp, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    os.replace(tmp, path)                        # atomic
    print(f"wrote {path} ({len(rows)} rows)")


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(SEED)
    write("synthetic-cab-2018-KZ.csv", wave4(rng))
    write("synthetic-cab-2020-KZ.csv", phone(rng, 2020, 2, 1200))
    write("synthetic-cab-2022-KZ.csv", phone(rng, 2022, 6, 1200))


if __name__ == "__main__":
    main()
