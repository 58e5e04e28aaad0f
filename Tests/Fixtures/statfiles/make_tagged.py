"""Writes tagged.dta: a Stata file whose numeric column `score` holds 1.5, tagged missing .a,
3, tagged missing .z, system missing, 6 (pyreadstat 1.3.8, `missing_user_values`), for
StataTaggedMissingTests (docs/data-input.md: tagged missing `.a`–`.z` read as missing)."""
import os

import pandas as pd
import pyreadstat

here = os.path.dirname(os.path.abspath(__file__))
df = pd.DataFrame({"id": [1, 2, 3, 4, 5, 6], "score": [1.5, "a", 3.0, "z", None, 6.0]})
df["score"] = df["score"].astype(object)
pyreadstat.write_dta(df, os.path.join(here, "tagged.dta"), missing_user_values={"score": ["a", "z"]})
