# Reference values for issue 14 item 6 and issue 11 item 5: GREG-family calibration with a
# calibration function and bounds (R `calibrate(calfun =, bounds =)`), numeric auxiliary totals,
# trimming (`trimWeights`), weight diagnostics, and linear calibration that gives negative weights.
# Run from this directory:  Rscript calibration2.R   (R 4.2.2, survey 4.1.1)
# Reads the api data as calibration.R does (data_dir.R) and writes calibration2.json plus the
# margins files with numeric totals (api_margins_stu.csv, api_margins_stu_far.csv).
suppressMessages(library(survey))
source("json.R")
options(survey.lonely.psu = "fail")
source("data_dir.R")
apipop <- read.csv(file.path(data_dir, "apipop.csv"))
apistrat <- read.csv(file.path(data_dir, "apistrat.csv"), stringsAsFactors = TRUE)
apiclus1 <- read.csv(file.path(data_dir, "apiclus1.csv"), stringsAsFactors = TRUE)

designs <- list(
  strat = list(call = "svydesign(id=~1, strata=~stype, weights=~pw, fpc=~fpc, data=apistrat)", data = "apistrat.csv",
               design = svydesign(id = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = apistrat)),
  clus1 = list(call = "svydesign(id=~dnum, weights=~pw, fpc=~fpc, data=apiclus1)", data = "apiclus1.csv",
               design = svydesign(id = ~dnum, weights = ~pw, fpc = ~fpc, data = apiclus1)))

# Population totals in model.matrix order, from the population file (api_margins.csv holds the same).
n.pop <- nrow(apipop)
st <- table(apipop$stype)
pop3 <- c(n.pop, st[["H"]], st[["M"]], table(apipop$sch.wide)[["Yes"]], table(apipop$awards)[["Yes"]])
stu <- sum(apipop$api.stu)
pop.stu <- c(n.pop, st[["H"]], st[["M"]], stu)
# A numeric total far from what the sample can reach with positive weights: linear calibration
# then gives negative weights (the issue 11 "Why" case of unusable weights).
far <- 1.6 * stu
pop.far <- c(n.pop, st[["H"]], st[["M"]], far)
stu.margins <- function(total) data.frame(variable = c("stype", "stype", "stype", "api.stu"),
                                          level = c("E", "H", "M", ""),
                                          total = c(st[["E"]], st[["H"]], st[["M"]], total))
write.csv(stu.margins(stu), "api_margins_stu.csv", row.names = FALSE, quote = FALSE)
write.csv(stu.margins(far), "api_margins_stu_far.csv", row.names = FALSE, quote = FALSE)

eps <- 1e-13
cal <- function(formula, pop, calfun, bounds = c(-Inf, Inf))
  function(d) calibrate(d, formula, pop, calfun = calfun, bounds = bounds, epsilon = eps, maxit = 500)
f3 <- ~stype + sch.wide + awards
fstu <- ~stype + api.stu
specs <- list(
  linear_stu = list(margins = "api_margins_stu.csv", calfun = "linear", f = cal(fstu, pop.stu, "linear")),
  logit_stu = list(margins = "api_margins_stu.csv", calfun = "logit", bounds = c(0.5, 2),
                   f = cal(fstu, pop.stu, "logit", c(0.5, 2))),
  raking = list(margins = "api_margins.csv", calfun = "raking", f = cal(f3, pop3, "raking")),
  logit = list(margins = "api_margins.csv", calfun = "logit", bounds = c(0.5, 2), f = cal(f3, pop3, "logit", c(0.5, 2))),
  linear_b = list(margins = "api_margins.csv", calfun = "linear", bounds = c(0.75, 1.8),
                  f = cal(f3, pop3, "linear", c(0.75, 1.8))),
  raking_b = list(margins = "api_margins.csv", calfun = "raking", bounds = c(0.75, 1.8),
                  f = cal(f3, pop3, "raking", c(0.75, 1.8))),
  logit_b = list(margins = "api_margins.csv", calfun = "logit", bounds = c(0.75, 1.8),
                 f = cal(f3, pop3, "logit", c(0.75, 1.8))),
  linear_b2 = list(margins = "api_margins.csv", calfun = "linear", bounds = c(0.6, 1.75),
                   f = cal(f3, pop3, "linear", c(0.6, 1.75))),
  linear_far = list(margins = "api_margins_stu_far.csv", calfun = "linear", f = cal(fstu, pop.far, "linear")),
  trim = list(margins = NULL, trim = c(20, 40), strict = FALSE, f = function(d) trimWeights(d, lower = 20, upper = 40)),
  linear_trim = list(margins = "api_margins.csv", calfun = "linear", trim = c(30, 50), strict = TRUE,
                     f = function(d) trimWeights(calibrate(d, f3, pop3), lower = 30, upper = 50, strict = TRUE)))
# Which designs each spec runs on (bounded fits that R cannot solve on a design are left out).
runs <- list(strat = c("linear_stu", "logit_stu", "raking", "logit", "linear_far", "trim"),
             clus1 = c("linear_stu", "logit_stu", "raking", "logit", "linear_b", "raking_b", "logit_b", "linear_b2",
                       "linear_far", "linear_trim"))

stat <- function(s) {
  out <- list(); se <- unname(SE(s))
  for (i in seq_along(coef(s))) out[[names(coef(s))[i]]] <- list(estimate = unname(coef(s)[i]), se = se[i])
  out
}
diagnostics <- function(w) list(min = min(w), max = max(w), max_over_min = max(w) / min(w),
                                 kish_deff = length(w) * sum(w^2) / sum(w)^2, effective_n = sum(w)^2 / sum(w^2),
                                 negative = sum(w < 0))
cases <- list()
for (dn in names(runs)) for (sn in runs[[dn]]) {
  s <- specs[[sn]]
  d <- s$f(designs[[dn]]$design)
  w <- weights(d)
  cases[[paste(dn, sn, sep = "_")]] <- list(
    design_call = designs[[dn]]$call, data = designs[[dn]]$data, margins = s$margins, calfun = s$calfun,
    bounds = if (is.null(s$bounds)) NULL else as_array(s$bounds), trim = if (is.null(s$trim)) NULL else as_array(s$trim),
    strict = s$strict, weights = as_array(w), diagnostics = diagnostics(w),
    svymean = stat(svymean(~api00 + enroll, d)), svytotal = stat(svytotal(~enroll, d)))
}
out <- list(meta = list(R_version = R.version.string, survey_version = as.character(packageVersion("survey")),
                        script = "calibration2.R", epsilon = eps,
                        note = "weights in data-file row order; SEs sqrt(diag(vcov)); bounds are on g = calibrated/design weight"),
            cases = cases)
writeLines(to_json(out), "calibration2.json")
