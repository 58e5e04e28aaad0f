#!/usr/bin/env python3
"""Independent extraction for the R reference (scripts/cab-reference/run.sh): reads each CAB
.xlsx with pandas/openpyxl (and wave 1 Kazakhstan's CSV re-export with pandas.read_csv) and writes, to a TEMPORARY folder (never the repository), one CSV per
file with only what R needs: wave, country, weight, stratum, psu and the China/Russia/US answers
mapped to categories. Mapping written from CODEBOOK.md directly, not from barometer's code."""
import os
import sys

import pandas as pd

ANSWERS = {"very favorable": "very-favorable", "somewhat favorable": "somewhat-favorable",
           "somewhat unfavorable": "somewhat-unfavorable", "very unfavorable": "very-unfavorable",
           "don't know (vol.)": "dont-know", "refused (vol.)": "refused", "not asked": "not-asked"}
ISO = {"Kazakhstan": "KZ", "Kyrgyzstan": "KG", "Tajikistan": "TJ", "Turkmenistan": "TM", "Uzbekistan": "UZ"}

src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
WAVES = {"CAB OTS W1": 1, "CAB OTS W4": 4}  # PROVENANCE.md last section; CODEBOOK.md §3.1
for name in sorted(os.listdir(src)):
    if name.endswith(".xlsx"):
        d = pd.read_excel(os.path.join(src, name), keep_default_na=False, na_values=[])
    elif name.endswith(".csv"):
        # R's write.csv: NA where the Excel exports have #NULL!; numbers partly quoted as text.
        d = pd.read_csv(os.path.join(src, name), keep_default_na=False, na_values=["NA"], dtype=str)
        d["totwt"] = d["totwt"].astype(float)
        d["SamPt"] = d["SamPt"].astype(float).astype(int)
    else:
        continue
    if "Wave" in d.columns:  # CODEBOOK.md §3: wave 4; wave 1 has the same names
        waves = set(d["Wave"])
        assert len(waves) == 1, name
        wave, country = WAVES[waves.pop()], ISO[d["Country"].iloc[0]]
        items = {"China": "OpinionChina", "Russia": "OpinionRussia", "United States": "OpinionUSA"}
        weight = d["totwt"]
        stratum = d["Region_M"].astype(str) + "|" + d["GeoCode"].astype(str)
        psu = d["SamPt"]
        groups = {"gender": "Gender", "age": "AgeGroup2", "urban-rural": "GeoCode", "region": "Region_M",
                  "language": "Language"}  # CODEBOOK.md §3.4, §7.1
    else:  # §4: waves 8 (MM3a = 2) and 12 (MM3a = 6)
        wave, country = {2: 8, 6: 12}[int(d["MM3a"].iloc[0])], ISO[d["MM4"].iloc[0]]
        items = {"China": "E1a", "Russia": "E1b", "United States": "E1c"}
        weight = d["FinalWgt1"]
        stratum = pd.Series(["none"] * len(d))
        psu = pd.Series(range(1, len(d) + 1))
        # CODEBOOK.md §4.1/§4.3: interview language (inferred) is DD13 in wave 8, DD15 in wave 12.
        groups = {"gender": "DD1", "age": "AgeGrp", "urban-rural": "MM11", "region": "MM10",
                  "language": "DD13" if wave == 8 else "DD15"}
    frame = pd.DataFrame({"file": name, "wave": wave, "country": country, "weight": weight,
                          "stratum": stratum, "psu": psu})
    for target, var in items.items():
        frame[target.replace(" ", "_")] = [ANSWERS[" ".join(str(x).split()).lower()] for x in d[var]]
    for g, var in groups.items():
        # Non-answers belong to no subgroup (docs/cab-waves.md "Subgroups").
        frame["g_" + g] = ["" if " ".join(str(x).split()).lower() in ("don't know (vol.)", "refused (vol.)", "")
                           else str(x) for x in d[var]]
    frame.to_csv(os.path.join(out, name.rsplit(".", 1)[0] + ".csv"), index=False)
    print("extracted", name, len(frame), file=sys.stderr)
