# Reference values for estimates that are undefined in some or all replicates of a replicate design
# (issue 14): a crosstab with an empty cell (awards × both on apiclus1, JK1 — no school has awards
# without both targets), and domains that are empty in some JK1 replicates (counties holding one
# district, the cluster). R computes each svyby domain separately, so a replicate in which one
# domain is empty (NA) is dropped for that domain only (svrVar's na.action).
# Run from this directory:  Rscript undefined.R   (R 4.2.2, survey 4.1.1); writes undefined.json.
suppressMessages(library(survey))
source("json.R"); source("data_dir.R")
options(survey.lonely.psu = "fail", survey.replicates.mse = FALSE)
apiclus1 <- read.csv(file.path(data_dir, "apiclus1.csv"), stringsAsFactors = TRUE)
dclus1 <- svydesign(id = ~dnum, weights = ~pw, fpc = ~fpc, data = apiclus1)
rd <- as.svrepdesign(dclus1, type = "JK1")

# svyciprop(method = "logit")'s interval on the subset's df (degf of the subset: the rank of its
# replicate weights − 1, as R's svyciprop uses); NULL (JSON null) when p is 0 or 1, where logit(p)
# is undefined and R's glm does not converge (it stops at an arbitrary large negative coefficient).
logit_ci <- function(y, d) {
  if (all(y == 0) || all(y == 1)) return(NULL)
  d <- update(d, .y = as.numeric(y))
  m <- svyglm(.y ~ 1, d, family = quasibinomial, control = glm.control(epsilon = 1e-15, maxit = 100))
  as_array(1 / (1 + exp(-confint(m, 1, level = 0.95, method = "Wald", ddf = degf(d)))))
}
# Replicate estimates of a share within a domain, to record which replicates are undefined.
byrow <- function(f, by) suppressWarnings(svyby(f, by, rd, svymean))
rp <- byrow(~both, ~awards); cp <- byrow(~awards, ~both)
rpse <- suppressWarnings(sqrt(diag(vcov(rp)))); cpse <- suppressWarnings(sqrt(diag(vcov(cp))))
tot <- svytotal(~interaction(awards, both), rd); cell <- svymean(~interaction(awards, both), rd)
cells <- list(); k <- 0
for (c in levels(apiclus1$both)) for (r in levels(apiclus1$awards)) {
  k <- k + 1
  sr <- subset(rd, awards == r); sc <- subset(rd, both == c)
  cells[[k]] <- list(
    row = r, col = c, count = unname(coef(tot)[k]), count_se = unname(SE(tot)[k]),
    cell = unname(coef(cell)[k]), cell_se = unname(SE(cell)[k]),
    row_percent = rp[r, paste0("both", c)], row_se = unname(rpse[paste0(r, ":both", c)]),
    row_ci = logit_ci(sr$variables$both == c, sr),
    col_percent = cp[c, paste0("awards", r)], col_se = unname(cpse[paste0(c, ":awards", r)]),
    col_ci = logit_ci(sc$variables$awards == r, sc))
}
dom <- function(f) {
  b <- suppressWarnings(svyby(f, ~cname, rd, svymean)); est <- coef(b); se <- suppressWarnings(sqrt(diag(vcov(b))))  # vcov of svyby without covmat: the per-domain variances
  lapply(seq_along(est), function(i) list(name = names(est)[i], estimate = unname(est[i]), se = unname(se[i])))
}
# Replicates in which each county is empty (its only district's PSU is deleted): how many.
empty <- sapply(levels(apiclus1$cname), function(cn) sum(colSums(weights(rd, "analysis")[apiclus1$cname == cn, , drop = FALSE]) == 0))
out <- list(meta = list(R_version = R.version.string, survey_version = as.character(packageVersion("survey")),
                        script = "undefined.R", design_call = "as.svrepdesign(svydesign(id=~dnum, weights=~pw, fpc=~fpc, data=apiclus1), type='JK1')",
                        note = "cells in R interaction order (rows fastest); domain names as svyby's coef names"),
            crosstab_awards_both = list(design_df = degf(rd), cells = cells),
            by_cname_api00 = dom(~api00),
            by_cname_stype = dom(~stype),
            empty_replicates = as.list(empty))
writeLines(to_json(out), "undefined.json")
