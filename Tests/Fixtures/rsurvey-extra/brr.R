# Reference values for issue 11 item 2 (BRR/Fay conversion from per-PSU totals): the real `scd`
# design of R survey's documentation (3 strata (ESA) x 2 ambulance PSUs, equal weights) converted
# by as.svrepdesign(type = "BRR") and type = "Fay" with rho 0.3 and 0.5: svymean, svytotal,
# svyratio estimates and SEs, and degf. Run from this directory:  Rscript brr.R   (R 4.2.2, survey 4.1.1)
# Reads scd.csv from shared/reference/rsurvey/data (see data_dir.R); writes brr.json.
suppressMessages(library(survey))
source("json.R")
options(survey.lonely.psu = "fail", survey.replicates.mse = FALSE)
source("data_dir.R")
scd <- read.csv(file.path(data_dir, "scd.csv"))
d <- svydesign(ids = ~ambulance, strata = ~ESA, nest = TRUE, weights = ~rep(1, 6), data = scd)
cases <- list(brr = list(type = "BRR", rho = NULL, flags = c("--to-replicates", "brr")),
              fay3 = list(type = "Fay", rho = 0.3, flags = c("--to-replicates", "fay", "--fay-rho", "0.3")),
              fay5 = list(type = "Fay", rho = 0.5, flags = c("--to-replicates", "fay", "--fay-rho", "0.5")))
out <- list()
for (cn in names(cases)) {
  cs <- cases[[cn]]
  r <- if (is.null(cs$rho)) as.svrepdesign(d, type = cs$type) else as.svrepdesign(d, type = cs$type, fay.rho = cs$rho)
  m <- svymean(~arrests, r); t <- svytotal(~alive, r); q <- svyratio(~alive, ~arrests, r)
  out[[cn]] <- list(
    flags = as.list(cs$flags), degf = degf(r), replicates = ncol(weights(r, "analysis")),
    arrests = list(estimate = unname(coef(m)), se = unname(SE(m))),
    alive = list(estimate = unname(coef(t)), se = unname(SE(t))),
    "alive/arrests" = list(estimate = unname(coef(q)), se = unname(SE(q))))
}
writeLines(to_json(list(data = "scd.csv", design = as.list(c("--strata", "ESA", "--cluster", "ambulance", "--nest")),
                        cases = out)), "brr.json")
