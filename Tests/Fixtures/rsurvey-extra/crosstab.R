# Reference values for crosstab reports (issue 14 item 4): weighted counts with SEs, cell, row and
# column percentages with SEs and logit intervals, margins, the Wald and adjusted Wald tests of
# independence, and the banner's pairwise column comparisons (Holm and Bonferroni adjusted).
# Run from this directory:  Rscript crosstab.R   (R 4.2.2, survey 4.1.1); writes crosstab.json.
#
# Logit intervals are svyciprop(method = "logit")'s: an intercept-only quasibinomial svyglm on the
# (sub)design and confint(method = "Wald", ddf = degf(subdesign)); the glm is run to
# epsilon = 1e-15 here (svyciprop's default 1e-8 leaves ~1e-9 of IRLS error in the interval).
suppressMessages(library(survey))
source("json.R"); source("data_dir.R")
options(survey.lonely.psu = "fail", survey.replicates.mse = FALSE)
apistrat <- read.csv(file.path(data_dir, "apistrat.csv"), stringsAsFactors = TRUE)
apiclus1 <- read.csv(file.path(data_dir, "apiclus1.csv"), stringsAsFactors = TRUE)
dstrat <- svydesign(id = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = apistrat)
dclus1 <- svydesign(id = ~dnum, weights = ~pw, fpc = ~fpc, data = apiclus1)
jclus1 <- as.svrepdesign(dclus1, type = "JK1")
designs <- list(
  strat = list(call = "svydesign(id=~1, strata=~stype, weights=~pw, fpc=~fpc, data=apistrat)", data = "apistrat.csv", d = dstrat),
  clus1 = list(call = "svydesign(id=~dnum, weights=~pw, fpc=~fpc, data=apiclus1)", data = "apiclus1.csv", d = dclus1),
  clus1_jk1 = list(call = "as.svrepdesign(dclus1, type='JK1')", data = "apiclus1.csv", d = jclus1))
tables <- list(c("sch.wide", "stype"), c("awards", "stype"), c("stype", "awards"))

logit_ci <- function(y, d, ddf = degf(d)) {
  d <- update(d, .y = as.numeric(y))
  m <- svyglm(.y ~ 1, d, family = quasibinomial, control = glm.control(epsilon = 1e-15, maxit = 100))
  as.numeric(1 / (1 + exp(-confint(m, 1, level = 0.95, method = "Wald", ddf = ddf))))
}
# ci_design_df: the same interval on the whole design's df. On a replicate design R's subset df is
# the rank of the subset's replicate weights - 1 (svyciprop's df), as barometer's (CrosstabReportTests
# compares `ci`; `ci_design_df` is what --domain-df design gives).
prop <- function(y, d, full = d) {
  d2 <- update(d, .y = as.numeric(y)); m <- svymean(~.y, d2)
  list(estimate = unname(coef(m)[1]), se = unname(SE(m)[1]), ci = as_array(logit_ci(y, d)), df = degf(d),
       ci_design_df = as_array(logit_ci(y, d, degf(full))), design_df = degf(full))
}
cases <- list()
for (dn in names(designs)) for (tb in tables) {
  d <- designs[[dn]]$d
  rv <- factor(d$variables[[tb[1]]]); cv <- factor(d$variables[[tb[2]]])
  cells <- list()
  tot <- svytotal(~interaction(rv, cv), update(d, rv = rv, cv = cv))
  k <- 0
  for (c in levels(cv)) for (r in levels(rv)) {
    k <- k + 1
    cells[[k]] <- list(
      row = r, col = c, count = unname(coef(tot)[k]), count_se = unname(SE(tot)[k]),
      cell = prop(rv == r & cv == c, d),
      row_percent = prop(cv[rv == r] == c, subset(d, rv == r), d),
      col_percent = prop(rv[cv == c] == r, subset(d, cv == c), d))
  }
  rmt <- svytotal(~rv, update(d, rv = rv)); cmt <- svytotal(~cv, update(d, cv = cv))
  margins <- list(
    rows = lapply(seq_along(levels(rv)), function(i) list(level = levels(rv)[i], count = unname(coef(rmt)[i]),
      count_se = unname(SE(rmt)[i]), percent = prop(rv == levels(rv)[i], d))),
    cols = lapply(seq_along(levels(cv)), function(i) list(level = levels(cv)[i], count = unname(coef(cmt)[i]),
      count_se = unname(SE(cmt)[i]), percent = prop(cv == levels(cv)[i], d))))
  f <- as.formula(paste("~", tb[1], "+", tb[2]))
  W <- svychisq(f, d, statistic = "Wald"); A <- svychisq(f, d, statistic = "adjWald")
  test <- function(x) list(statistic = unname(x$statistic), ndf = unname(x$parameter[1]), ddf = unname(x$parameter[2]),
                           p_value = unname(x$p.value))
  # Banner: every pair of columns within each row level, t on the design df, adjusted per row level.
  b <- svyby(~rv, ~cv, update(d, rv = rv, cv = cv), svymean, covmat = TRUE)
  nms <- names(coef(b)); pairs <- list()
  for (r in levels(rv)) {
    fam <- list()
    for (a in seq_along(levels(cv))) for (bb in seq_along(levels(cv))) if (a < bb) {
      w <- setNames(rep(0, length(nms)), nms)
      w[paste0(levels(cv)[a], ":rv", r)] <- 1; w[paste0(levels(cv)[bb], ":rv", r)] <- -1
      s <- svycontrast(b, w)
      t <- unname(coef(s)) / unname(SE(s))
      fam[[length(fam) + 1]] <- list(row = r, a = levels(cv)[a], b = levels(cv)[bb], difference = unname(coef(s)),
                                     se = unname(SE(s)), t = t, p = 2 * pt(-abs(t), degf(d)))
    }
    p <- sapply(fam, function(x) x$p)
    holm <- p.adjust(p, "holm"); bonf <- p.adjust(p, "bonferroni")
    for (i in seq_along(fam)) { fam[[i]]$holm <- holm[i]; fam[[i]]$bonferroni <- bonf[i]; pairs[[length(pairs) + 1]] <- fam[[i]] }
  }
  cases[[paste(dn, tb[1], tb[2], sep = "_")]] <- list(
    design_call = designs[[dn]]$call, data = designs[[dn]]$data, row = tb[1], col = tb[2], design_df = degf(d),
    cells = cells, margins = margins, Wald = test(W), adjWald = test(A), banner = pairs)
}
out <- list(meta = list(R_version = R.version.string, survey_version = as.character(packageVersion("survey")),
                        script = "crosstab.R",
                        note = "cells in R interaction order (rows fastest); banner pairs per row level, a < b in level order"),
            cases = cases)
writeLines(to_json(out), "crosstab.json")
