# Reference values for calibrated designs: raking, post-stratification and linear (GREG)
# calibration of the api data, with the calibrated weights and the SEs R `survey` gives after
# each. Run from this directory:  Rscript calibration.R   (R 4.2.2, survey 4.1.1)
# Reads the api data from the workplace's shared/reference/rsurvey/data (see data_dir.R) and writes
# calibration.json plus the margins files the tests use (api_margins.csv, api_margins_stype.csv).
suppressMessages(library(survey))
source("json.R")
options(survey.lonely.psu = "fail", survey.replicates.mse = FALSE)
source("data_dir.R")
apipop <- read.csv(file.path(data_dir, "apipop.csv"))
apistrat <- read.csv(file.path(data_dir, "apistrat.csv"), stringsAsFactors = TRUE)
apiclus1 <- read.csv(file.path(data_dir, "apiclus1.csv"), stringsAsFactors = TRUE)

# Population margins from the population file; written in barometer's variable,level,total form.
pop <- function(v) { t <- table(apipop[[v]]); d <- data.frame(names(t), as.vector(t)); names(d) <- c(v, "Freq"); d }
pop.stype <- pop("stype"); pop.sch <- pop("sch.wide"); pop.aw <- pop("awards")
margins <- do.call(rbind, lapply(list(pop.stype, pop.sch, pop.aw), function(d)
  data.frame(variable = names(d)[1], level = d[[1]], total = d$Freq)))
write.csv(margins, "api_margins.csv", row.names = FALSE, quote = FALSE)
write.csv(margins[margins$variable == "stype", ], "api_margins_stype.csv", row.names = FALSE, quote = FALSE)

designs <- list(
  strat = list(call = "svydesign(id=~1, strata=~stype, weights=~pw, fpc=~fpc, data=apistrat)",
               data = "apistrat.csv",
               design = svydesign(id = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = apistrat)),
  clus1 = list(call = "svydesign(id=~dnum, weights=~pw, fpc=~fpc, data=apiclus1)",
               data = "apiclus1.csv",
               design = svydesign(id = ~dnum, weights = ~pw, fpc = ~fpc, data = apiclus1)))

calibrations <- list(
  rake = list(call = "rake(d, list(~stype, ~sch.wide, ~awards), list(pop.stype, pop.sch, pop.aw), control = list(maxit = 1000, epsilon = 1e-13))",
              margins = "api_margins.csv",
              f = function(d) rake(d, list(~stype, ~sch.wide, ~awards), list(pop.stype, pop.sch, pop.aw),
                                   control = list(maxit = 1000, epsilon = 1e-13))),
  poststratify = list(call = "postStratify(d, ~stype, pop.stype)", margins = "api_margins_stype.csv",
                      f = function(d) postStratify(d, ~stype, pop.stype)),
  linear = list(call = "calibrate(d, ~stype + sch.wide + awards, population totals)", margins = "api_margins.csv",
                f = function(d) calibrate(d, ~stype + sch.wide + awards,
                                          c(sum(pop.stype$Freq), pop.stype$Freq[-1], pop.sch$Freq[-1], pop.aw$Freq[-1]))))

stat <- function(s) {
  out <- list()
  # By position: SE() of a replicate-design statistic has no names.
  se <- unname(SE(s))
  for (i in seq_along(coef(s))) out[[names(coef(s))[i]]] <- list(estimate = unname(coef(s)[i]), se = se[i])
  out
}
byres <- function(b) {
  out <- list()
  for (i in seq_len(nrow(b))) out[[as.character(b[i, 1])]] <- list(estimate = b[i, 2], se = b[i, 3])
  out
}

cases <- list()
for (dn in names(designs)) for (cn in names(calibrations)) {
  d0 <- designs[[dn]]$design
  d <- calibrations[[cn]]$f(d0)
  cases[[paste(dn, cn, sep = "_")]] <- list(
    design_call = designs[[dn]]$call, data = designs[[dn]]$data, method = cn,
    calibration_call = calibrations[[cn]]$call, margins = calibrations[[cn]]$margins,
    weights = as_array(weights(d)),
    svymean = stat(svymean(~api00 + enroll, d)),
    svytotal = stat(svytotal(~api00 + enroll, d)),
    svymean_both = stat(svymean(~both, d)),
    svyby_api00_by_both = byres(svyby(~api00, ~both, d, svymean)))
}

# Replicate design: JK1 from the cluster design, then raked (every replicate is raked too).
rclus1 <- as.svrepdesign(designs$clus1$design, type = "JK1")
rr <- calibrations$rake$f(rclus1)
cases[["clus1_jk1_rake"]] <- list(
  design_call = "as.svrepdesign(svydesign(id=~dnum, weights=~pw, fpc=~fpc, data=apiclus1), type='JK1')",
  data = "apiclus1.csv", method = "rake", calibration_call = calibrations$rake$call, margins = "api_margins.csv",
  weights = as_array(weights(rr, "sampling")),
  svymean = stat(svymean(~api00 + enroll, rr)),
  svytotal = stat(svytotal(~api00 + enroll, rr)),
  svymean_both = stat(svymean(~both, rr)))

out <- list(meta = list(R_version = R.version.string, survey_version = as.character(packageVersion("survey")),
                        script = "calibration.R",
                        note = "weights are in data-file row order; SEs are sqrt(diag(vcov))"),
            cases = cases)
writeLines(to_json(out), "calibration.json")
