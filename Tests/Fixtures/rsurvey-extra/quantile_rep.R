# Reference values for svyquantile(interval.type = "quantile") on replicate designs (issue 14 item 5,
# R survey 4.x): each replicate's quantile under the same qrule (survey:::repCI, the analysis
# weights), their svrVar as the variance, interval q ± t·SE on degf(design). Designs: apiclus1
# converted to JK1 (as.svrepdesign), and the given BRR, Fay (rho 0.3) and bootstrap replicate
# weights of paired9_reps.csv (design.R). Domains: R's svyby subsets the design, whose degf is
# then the rank of the subset's replicate weights − 1, as barometer's; domain cases also record the
# interval on degf(design) (`lower_design_df`, ...), what --domain-df design gives.
# Run from this directory:  Rscript quantile_rep.R   (R 4.2.2, survey 4.1.1); writes quantile_rep.json.
suppressMessages(library(survey))
source("json.R"); source("data_dir.R")
options(survey.lonely.psu = "fail", survey.replicates.mse = FALSE)
apiclus1 <- read.csv(file.path(data_dir, "apiclus1.csv"), stringsAsFactors = TRUE)
p9 <- read.csv("paired9_reps.csv", stringsAsFactors = TRUE)
jk1 <- as.svrepdesign(svydesign(id = ~dnum, weights = ~pw, fpc = ~fpc, data = apiclus1), type = "JK1")
designs <- list(
  clus1_jk1 = list(d = jk1, variable = "api00", by = "stype", call = "as.svrepdesign(svydesign(id=~dnum, weights=~pw, fpc=~fpc, data=apiclus1), type='JK1')"),
  given_brr = list(d = svrepdesign(data = p9, repweights = "brr[0-9]+", weights = ~wt, type = "BRR"),
                   variable = "y", by = "dom", call = "svrepdesign(data=paired9_reps, repweights='brr[0-9]+', weights=~wt, type='BRR')"),
  given_fay = list(d = svrepdesign(data = p9, repweights = "fay[0-9]+", weights = ~wt, type = "Fay", rho = 0.3),
                   variable = "y", by = "dom", call = "svrepdesign(data=paired9_reps, repweights='fay[0-9]+', weights=~wt, type='Fay', rho=0.3)"),
  given_bootstrap = list(d = svrepdesign(data = p9, repweights = "boot[0-9]+", weights = ~wt, type = "bootstrap"),
                         variable = "y", by = "dom", call = "svrepdesign(data=paired9_reps, repweights='boot[0-9]+', weights=~wt, type='bootstrap')"))
probs <- c(0.1, 0.25, 0.5, 0.75, 0.9)
rules <- c("math", "school", "shahvaish", paste0("hf", 1:9))
q_of <- function(d, v, rule, level = 0.95) {
  suppressWarnings(svyquantile(as.formula(paste0("~", v)), d, probs, qrule = rule, interval.type = "quantile",
                               alpha = 1 - level)[[1]])
}
cases <- list()
for (dn in names(designs)) {
  ds <- designs[[dn]]
  for (rule in rules) {
    q <- q_of(ds$d, ds$variable, rule)
    cases[[paste(dn, ds$variable, rule, sep = "_")]] <- list(
      design = dn, design_call = ds$call, variable = ds$variable, qrule = rule, level = 0.95, df = degf(ds$d),
      probabilities = as_array(probs), quantile = as_array(q[, 1]), lower = as_array(q[, 2]), upper = as_array(q[, 3]),
      se = as_array(q[, 4]))
  }
  # By domain (subset per level, as svyby), two rules; interval also on the design df.
  for (rule in c("math", "hf7")) for (lev in levels(ds$d$variables[[ds$by]])) {
    sub <- subset(ds$d, ds$d$variables[[ds$by]] == lev)
    q <- q_of(sub, ds$variable, rule)
    t <- qt(0.975, degf(ds$d))
    cases[[paste(dn, ds$variable, rule, "by", ds$by, lev, sep = "_")]] <- list(
      design = dn, design_call = ds$call, variable = ds$variable, qrule = rule, level = 0.95, by = ds$by, domain = lev,
      df = degf(sub), design_df = degf(ds$d), probabilities = as_array(probs), quantile = as_array(q[, 1]),
      lower = as_array(q[, 2]), upper = as_array(q[, 3]), se = as_array(q[, 4]),
      lower_design_df = as_array(q[, 1] - t * q[, 4]), upper_design_df = as_array(q[, 1] + t * q[, 4]))
  }
}
# Level 0.90 on the JK1 design.
q <- q_of(jk1, "api00", "hf8", 0.90)
cases[["clus1_jk1_api00_hf8_level90"]] <- list(
  design = "clus1_jk1", design_call = designs$clus1_jk1$call, variable = "api00", qrule = "hf8", level = 0.90,
  df = degf(jk1), probabilities = as_array(probs), quantile = as_array(q[, 1]), lower = as_array(q[, 2]),
  upper = as_array(q[, 3]), se = as_array(q[, 4]))
out <- list(meta = list(R_version = R.version.string, survey_version = as.character(packageVersion("survey")),
                        script = "quantile_rep.R",
                        note = "svyquantile(interval.type = 'quantile'); R warns that jackknife replicates may not give valid SEs for quantiles"),
            cases = cases)
writeLines(to_json(out), "quantile_rep.json")
