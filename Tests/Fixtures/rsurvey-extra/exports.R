# The functions R survey exports (issue 14: the table of R functions in docs/design-estimation.md
# must name every one; RFunctionTableTests checks it). Run from this directory:
#   Rscript exports.R   (R 4.2.2, survey 4.1.1); writes exports.json.
suppressMessages(library(survey))
source("json.R")
out <- list(meta = list(R_version = R.version.string, survey_version = as.character(packageVersion("survey")),
                        script = "exports.R"),
            exports = as_array(sort(ls("package:survey"))))
writeLines(to_json(out), "exports.json")
