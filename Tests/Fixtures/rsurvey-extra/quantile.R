# Reference values for quantile rules and interval types (issue 14 item 5): svyquantile with every
# qrule ("math", "school", "shahvaish", "hf1"..."hf9") and interval.type "mean", "beta", "xlogit",
# "asin", on the stratified and one-stage cluster api designs, api00 (many ties) and enroll, at
# five probabilities. Run from this directory:  Rscript quantile.R   (R 4.2.2, survey 4.1.1).
suppressMessages(library(survey))
source("json.R"); source("data_dir.R")
options(survey.lonely.psu = "fail")
apistrat <- read.csv(file.path(data_dir, "apistrat.csv"), stringsAsFactors = TRUE)
apiclus1 <- read.csv(file.path(data_dir, "apiclus1.csv"), stringsAsFactors = TRUE)
designs <- list(
  strat = list(call = "svydesign(id=~1, strata=~stype, weights=~pw, fpc=~fpc, data=apistrat)", data = "apistrat.csv",
               d = svydesign(id = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = apistrat)),
  clus1 = list(call = "svydesign(id=~dnum, weights=~pw, fpc=~fpc, data=apiclus1)", data = "apiclus1.csv",
               d = svydesign(id = ~dnum, weights = ~pw, fpc = ~fpc, data = apiclus1)))
probs <- c(0.1, 0.25, 0.5, 0.75, 0.9)
rules <- c("math", "school", "shahvaish", paste0("hf", 1:9))
intervals <- c("mean", "beta", "xlogit", "asin")
cases <- list()
for (dn in names(designs)) for (v in c("api00", "enroll")) for (rule in rules) for (it in intervals) {
  q <- svyquantile(as.formula(paste0("~", v)), designs[[dn]]$d, probs, qrule = rule, interval.type = it)[[1]]
  cases[[paste(dn, v, rule, it, sep = "_")]] <- list(
    design = dn, data = designs[[dn]]$data, variable = v, qrule = rule, interval = it, probabilities = as_array(probs),
    quantile = as_array(q[, 1]), lower = as_array(q[, 2]), upper = as_array(q[, 3]), se = as_array(q[, 4]))
}
out <- list(meta = list(R_version = R.version.string, survey_version = as.character(packageVersion("survey")),
                        script = "quantile.R", designs = lapply(designs, function(x) x$call)),
            cases = cases)
writeLines(to_json(out), "quantile.json")
