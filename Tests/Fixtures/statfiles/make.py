"""Writes the SPSS/Stata fixtures for Tests/SurveyTests/Data/StatFileReaderTests.swift.

Run: python3 make.py   (pyreadstat 1.3.8, pandas; both write through ReadStat's own writers)
Synthetic data: six invented respondents, no real survey content.

Known inputs the tests assert (row by row):
  id      1..6                                       label "Respondent ID"
  fav     1, 2, 3, 4, 99, missing                    label "Favorability of the EU"
          value labels 1 Very favorable, 2 Somewhat favorable, 3 Somewhat unfavorable,
          4 Very unfavorable, 99 Refused; in .sav/.zsav 99 is a user-defined missing value
  region  North, South, North, East, "" (empty), West label "Region"
  weight  1.5, 0.75, 2, 1.25, 1, 0.5                 label "Design weight"
  age     34, 51, missing, 29, 62, 45                label "Age in years"
"""
import numpy as np
import pandas as pd
import pyreadstat

df = pd.DataFrame({
    "id": [1.0, 2, 3, 4, 5, 6],
    "fav": [1.0, 2, 3, 4, 99, np.nan],
    "region": ["North", "South", "North", "East", "", "West"],
    "weight": [1.5, 0.75, 2.0, 1.25, 1.0, 0.5],
    "age": [34.0, 51, np.nan, 29, 62, 45],
})
labels = {"id": "Respondent ID", "fav": "Favorability of the EU", "region": "Region",
          "weight": "Design weight", "age": "Age in years"}
fav_labels = {1: "Very favorable", 2: "Somewhat favorable", 3: "Somewhat unfavorable",
              4: "Very unfavorable", 99: "Refused"}

pyreadstat.write_sav(df, "survey.sav", column_labels=labels, variable_value_labels={"fav": fav_labels},
                     missing_ranges={"fav": [99]})
pyreadstat.write_sav(df, "survey.zsav", column_labels=labels, variable_value_labels={"fav": fav_labels},
                     missing_ranges={"fav": [99]}, compress=True)
pyreadstat.write_dta(df, "survey.dta", column_labels=labels, variable_value_labels={"fav": fav_labels})
pyreadstat.write_por(df, "survey.por", column_labels=labels)

# A file that is not any of these formats but starts like one (truncated .sav), for the error path.
with open("survey.sav", "rb") as f:
    head = f.read(200)
with open("truncated.sav", "wb") as f:
    f.write(head)
