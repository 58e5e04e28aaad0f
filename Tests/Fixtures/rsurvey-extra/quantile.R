# Reference values for quantile rules and interval types (issue 14 item 5): svyquantile with every
# qrule ("math", "school", "shahvaish", "hf1"..."hf9") and interval.type "mean", "beta", "xlogit",
# "asin", "score", on the stratified and one-stage cluster api designs, api00 (many ties) and enroll,
# at five probabilities; and the score interval by domain (svyby), at level 0.90 and on a design
# with missing values (na.rm). "score" is survey:::ffullerCI: uniroot on a step function, whose
# tolerance is fixed inside survey (1/(100 sqrt(n))); only the step the search stops on reaches
# the output (the limits are qrule at the share of rows <= root), so R's values are exact there. Run from this directory:  Rscript quantile.R   (R 4.2.2, survey 4.1.1).
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
intervals <- c("mean", "beta", "xlogit", "asin", "score")
cases <- list()
for (dn in names(designs)) for (v in c("api00", "enroll")) for (rule in rules) for (it in intervals) {
  q <- svyquantile(as.formula(paste0("~", v)), designs[[dn]]$d, probs, qrule = rule, interval.type = it)[[1]]
  cases[[paste(dn, v, rule, it, sep = "_")]] <- list(
    design = dn, data = designs[[dn]]$data, variable = v, qrule = rule, interval = it, probabilities = as_array(probs),
    quantile = as_array(q[, 1]), lower = as_array(q[, 2]), upper = as_array(q[, 3]), se = as_array(q[, 4]))
}
# Score intervals by domain, at another level, and with missing values removed.
row <- function(q) list(quantile = as_array(q[, 1]), lower = as_array(q[, 2]), upper = as_array(q[, 3]), se = as_array(q[, 4]))
score_cases <- list()
for (dn in names(designs)) for (rule in c("math", "hf7")) {
  for (lev in levels(apistrat$stype)) {
    # subset() is what svyby does per domain; a domain where the score test never crosses makes
    # uniroot stop with an error, recorded as such.
    q <- tryCatch(svyquantile(~api00, subset(designs[[dn]]$d, stype == lev), c(0.25, 0.5, 0.75), qrule = rule,
                              interval.type = "score")[[1]], error = function(e) conditionMessage(e))
    score_cases[[paste(dn, "api00", rule, "by_stype", lev, sep = "_")]] <- c(list(
      design = dn, data = designs[[dn]]$data, variable = "api00", qrule = rule, by = "stype", domain = lev,
      level = 0.95, probabilities = as_array(c(0.25, 0.5, 0.75))),
      if (is.character(q)) list(error = q) else row(q))
  }
  q <- svyquantile(~enroll, designs[[dn]]$d, c(0.25, 0.5, 0.75), qrule = rule, interval.type = "score", alpha = 0.1)[[1]]
  score_cases[[paste(dn, "enroll", rule, "level90", sep = "_")]] <- c(list(
    design = dn, data = designs[[dn]]$data, variable = "enroll", qrule = rule, level = 0.90,
    probabilities = as_array(c(0.25, 0.5, 0.75))), row(q))
}
apistrat_na <- apistrat; apistrat_na$api00[seq(3, nrow(apistrat_na), by = 7)] <- NA
dna <- svydesign(id = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = apistrat_na)
for (rule in c("math", "hf7")) {
  q <- svyquantile(~api00, dna, c(0.25, 0.5, 0.75), qrule = rule, interval.type = "score", na.rm = TRUE)[[1]]
  score_cases[[paste("strat_na", "api00", rule, sep = "_")]] <- c(list(
    design = "strat", data = "apistrat.csv", variable = "api00", qrule = rule, level = 0.95,
    missing_every = 7, missing_from = 3, probabilities = as_array(c(0.25, 0.5, 0.75))), row(q))
}
out <- list(meta = list(R_version = R.version.string, survey_version = as.character(packageVersion("survey")),
                        script = "quantile.R", designs = lapply(designs, function(x) x$call)),
            cases = cases, score_cases = score_cases)
writeLines(to_json(out), "quantile.json")
