# Reference values for --trim on replicate designs (issue 14): trimming is repeated in every
# replicate, as calibration is. R survey 4.1.1's own trimWeights.svyrep.design cannot be the
# reference: it leaves the full-sample weights untrimmed (it assigns design$prob <- 1/pw, which a
# replicate design never reads) and builds the replicate matrix as rwnew[!outside] + t(...), a
# vector recycled into an n x R matrix (R warns "longer object length is not a multiple of shorter
# object length"): the jackknife zeros disappear and the SE collapses. Its output is recorded under
# `r_svyrep_trimweights` to show this. The reference instead applies R's trimWeights (the
# survey.design2 method, strict or not) to the full-sample weights and to each replicate's
# weights over the rows the replicate keeps (weight > 0; its zeros stay zero), then builds
# svrepdesign() from them with the type's scale and rscales and runs svymean/svytotal.
# Run from this directory:  Rscript trimrep.R   (R 4.2.2, survey 4.1.1); writes trimrep.json.
suppressMessages(library(survey))
source("json.R"); source("data_dir.R")
options(survey.lonely.psu = "fail", survey.replicates.mse = FALSE)
apistrat <- read.csv(file.path(data_dir, "apistrat.csv"), stringsAsFactors = TRUE)
apiclus1 <- read.csv(file.path(data_dir, "apiclus1.csv"), stringsAsFactors = TRUE)
margins <- read.csv("api_margins.csv")
pop <- function(v) { m <- margins[margins$variable == v, ]; d <- data.frame(m$level, m$total); names(d) <- c(v, "Freq"); d }
dstrat <- svydesign(id = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = apistrat)
dclus1 <- svydesign(id = ~dnum, weights = ~pw, fpc = ~fpc, data = apiclus1)

# R's trimWeights on one weight vector (ids = ~1 design of those weights).
trim1 <- function(w, lower, upper, strict) {
  d <- svydesign(ids = ~1, weights = ~w, data = data.frame(w = w))
  weights(trimWeights(d, lower = lower, upper = upper, strict = strict))
}
trim_rep <- function(r, lower, upper, strict) {
  W <- weights(r, "analysis")
  for (j in seq_len(ncol(W))) { keep <- W[, j] > 0; W[keep, j] <- trim1(W[keep, j], lower, upper, strict) }
  svrepdesign(data = r$variables, repweights = W, weights = trim1(weights(r, "sampling"), lower, upper, strict),
              type = r$type, scale = r$scale, rscales = r$rscales, combined.weights = TRUE)
}
stats <- function(t) {
  m <- svymean(~api00 + enroll, t); s <- svytotal(~enroll, t)
  list(mean_api00 = coef(m)[[1]], se_mean_api00 = SE(m)[[1]], mean_enroll = coef(m)[[2]], se_mean_enroll = SE(m)[[2]],
       total_enroll = coef(s)[[1]], se_total_enroll = SE(s)[[1]], degf = degf(t))
}
jstrat <- as.svrepdesign(dstrat, type = "JKn")
jclus1 <- as.svrepdesign(dclus1, type = "JK1")
rclus1 <- rake(jclus1, list(~stype, ~sch.wide, ~awards), list(pop("stype"), pop("sch.wide"), pop("awards")), control = list(maxit = 1000, epsilon = 1e-13))
cases <- list(
  strat_jkn_20_40 = c(list(data = "apistrat.csv", flags = c("--weights", "pw", "--strata", "stype", "--fpc", "fpc", "--to-replicates", "jkn"),
                           trim = c(20, 40), strict = FALSE), stats(trim_rep(jstrat, 20, 40, FALSE))),
  strat_jkn_20_40_strict = c(list(data = "apistrat.csv", flags = c("--weights", "pw", "--strata", "stype", "--fpc", "fpc", "--to-replicates", "jkn"),
                                  trim = c(20, 40), strict = TRUE), stats(trim_rep(jstrat, 20, 40, TRUE))),
  clus1_jk1_raked_25_45 = c(list(data = "apiclus1.csv", flags = c("--weights", "pw", "--cluster", "dnum", "--fpc", "fpc", "--to-replicates", "jk1",
                                                                   "--rake", "api_margins.csv"),
                                 trim = c(25, 45), strict = FALSE), stats(trim_rep(rclus1, 25, 45, FALSE))),
  clus1_jk1_raked_30_50_strict = c(list(data = "apiclus1.csv", flags = c("--weights", "pw", "--cluster", "dnum", "--fpc", "fpc", "--to-replicates", "jk1",
                                                                          "--rake", "api_margins.csv"),
                                        trim = c(30, 50), strict = TRUE), stats(trim_rep(rclus1, 30, 50, TRUE))))
broken <- suppressWarnings(trimWeights(jclus1, lower = 20, upper = 40))
out <- list(meta = list(R_version = R.version.string, survey_version = as.character(packageVersion("survey")), script = "trimrep.R"),
            cases = cases,
            r_svyrep_trimweights = list(call = "trimWeights(as.svrepdesign(dclus1, type = 'JK1'), lower = 20, upper = 40)",
                                        se_mean_api00_untrimmed = SE(svymean(~api00, jclus1))[[1]],
                                        se_mean_api00 = SE(svymean(~api00, broken))[[1]],
                                        min_replicate_weight = min(weights(broken, "analysis")),
                                        sampling_weights_range = as_array(range(weights(broken, "sampling")))))
writeLines(to_json(out), "trimrep.json")
