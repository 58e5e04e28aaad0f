# Reference values for issue 14 items 1-3 (R `survey` parity of estimate): replicate conversion
# then calibration (and the other order, for docs/calibration.md), contrasts (svycontrast,
# svyttest, two independent files), svyvar, svyby over two columns, subset() domains and the
# domain degrees of freedom. Run from this directory:  Rscript parity.R   (R 4.2.2, survey 4.1.1)
# Reads the api data from shared/reference/rsurvey/data (see data_dir.R); writes parity.json.
suppressMessages(library(survey))
source("json.R")
options(survey.lonely.psu = "fail", survey.replicates.mse = FALSE)
source("data_dir.R")
apistrat <- read.csv(file.path(data_dir, "apistrat.csv"), stringsAsFactors = TRUE)
apiclus1 <- read.csv(file.path(data_dir, "apiclus1.csv"), stringsAsFactors = TRUE)
margins <- read.csv("api_margins.csv")
pop <- function(v) { m <- margins[margins$variable == v, ]; d <- data.frame(m$level, m$total); names(d) <- c(v, "Freq"); d }
pop.stype <- pop("stype"); pop.sch <- pop("sch.wide"); pop.aw <- pop("awards")

dstrat <- svydesign(id = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = apistrat)
dclus1 <- svydesign(id = ~dnum, weights = ~pw, fpc = ~fpc, data = apiclus1)
designs <- list(strat = list(design = dstrat, data = "apistrat.csv",
                             flags = c("--weights", "pw", "--strata", "stype", "--fpc", "fpc")),
                clus1 = list(design = dclus1, data = "apiclus1.csv",
                             flags = c("--weights", "pw", "--cluster", "dnum", "--fpc", "fpc")))
est <- function(s) {
  se <- unname(SE(s)); cf <- coef(s); out <- list()
  for (i in seq_along(cf)) out[[names(cf)[i]]] <- list(estimate = unname(cf[i]), se = se[i])
  out
}

# 1. Conversion and calibration: R's order (convert, then calibrate the full-sample weights and
# every replicate) and the other order (calibrate, then convert), for the same statistics.
calibrate <- list(
  poststratify = list(margins = "api_margins_stype.csv", f = function(d) postStratify(d, ~stype, pop.stype)),
  rake = list(margins = "api_margins.csv",
              f = function(d) rake(d, list(~stype, ~sch.wide, ~awards), list(pop.stype, pop.sch, pop.aw),
                                   control = list(maxit = 1000, epsilon = 1e-13))))
conversion <- list()
# R converts a stratified design by JKn only and an unstratified one by JK1 (or bootstrap, whose
# random draws barometer does not reproduce); BRR/Fay need two PSUs per stratum (not the api data).
for (dt in list(c("strat", "JKn"), c("clus1", "JK1"))) for (cn in names(calibrate)) {
  dn <- dt[1]; type <- dt[2]
  d <- designs[[dn]]$design
  first <- calibrate[[cn]]$f(as.svrepdesign(d, type = type))
  second <- as.svrepdesign(calibrate[[cn]]$f(d), type = type)
  conversion[[paste(dn, tolower(type), cn, sep = "_")]] <- list(
    data = designs[[dn]]$data, flags = designs[[dn]]$flags, to_replicates = tolower(type), method = cn,
    margins = calibrate[[cn]]$margins,
    call = sprintf("%s(as.svrepdesign(d, type='%s'), ...)", if (cn == "rake") "rake" else "postStratify", type),
    degf = degf(first),
    convert_then_calibrate = c(est(svymean(~api00, first)), est(svytotal(~enroll, first))),
    calibrate_then_convert = c(est(svymean(~api00, second)), est(svytotal(~enroll, second))))
}

out <- list(meta = list(R_version = R.version.string, survey_version = as.character(packageVersion("survey")),
                        script = "parity.R"),
            conversion = conversion)
writeLines(to_json(out), "parity.json")
