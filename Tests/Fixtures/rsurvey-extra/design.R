# Reference values for the design core (linearization and replicate designs, domains, quantile
# rules, proportion intervals, lonely-PSU policies). Run from this directory:  Rscript design.R
# (R 4.2.2, survey 4.1.1). Reads the api data from shared/reference/rsurvey/data (see data_dir.R);
# writes design.json and the synthetic data it creates:
#   paired.csv  -- SYNTHETIC (seeded below): 17 strata x 2 PSUs x 4 rows, for BRR/Fay/JKn/bootstrap
#   clus1_jk1.csv -- apiclus1 with R's JK1 analysis replicate weights (rw1..rw15), for given-weight designs
suppressMessages(library(survey))
source("json.R")
source("data_dir.R")
options(survey.lonely.psu = "fail", survey.replicates.mse = FALSE)
apisrs <- read.csv(file.path(data_dir, "apisrs.csv"), stringsAsFactors = TRUE)
apistrat <- read.csv(file.path(data_dir, "apistrat.csv"), stringsAsFactors = TRUE)
apiclus1 <- read.csv(file.path(data_dir, "apiclus1.csv"), stringsAsFactors = TRUE)
apiclus2 <- read.csv(file.path(data_dir, "apiclus2.csv"), stringsAsFactors = TRUE)

# ---- synthetic paired data (seeded) ----
set.seed(20261201)
S <- 17
paired <- data.frame(stratum = sprintf("s%02d", rep(1:S, each = 8)),
                     psu = rep(1:(2 * S), each = 4))
paired$wt <- round(runif(nrow(paired), 5, 40), 3)
paired$y <- round(rnorm(nrow(paired), 50, 10) + rep(rnorm(2 * S, 0, 5), each = 4), 3)
paired$z <- round(runif(nrow(paired), 1, 3), 3)
paired$grp <- factor(sample(c("a", "b", "c"), nrow(paired), replace = TRUE, prob = c(.5, .3, .2)))
paired$dom <- factor(sample(c("u", "v"), nrow(paired), replace = TRUE))
paired_design <- function(k) svydesign(id = ~psu, strata = ~stratum, weights = ~wt,
                                       data = paired[paired$stratum %in% sprintf("s%02d", 1:k), ])

# ---- helpers: records of estimates ----
num <- function(x) as.numeric(x)
rec <- function(statistic, variable, estimate, se, level = NULL, domain = NULL, extra = list())
  c(list(statistic = statistic, variable = variable, level = level, domain = domain,
         estimate = num(estimate), se = num(se)), extra)
means <- function(d, vars, na.rm = FALSE, deff = TRUE) lapply(vars, function(v) {
  m <- svymean(as.formula(paste0("~`", v, "`")), d, na.rm = na.rm, deff = deff)
  m2 <- svymean(as.formula(paste0("~`", v, "`")), d, na.rm = na.rm, deff = "replace")
  rec("mean", v, coef(m), SE(m), extra = list(deff = num(deff(m)), deff_replace = num(deff(m2))))
})
totals <- function(d, vars, na.rm = FALSE, deff = TRUE) lapply(vars, function(v) {
  m <- svytotal(as.formula(paste0("~`", v, "`")), d, na.rm = na.rm, deff = deff)
  m2 <- svytotal(as.formula(paste0("~`", v, "`")), d, na.rm = na.rm, deff = "replace")
  rec("total", v, coef(m), SE(m), extra = list(deff = num(deff(m)), deff_replace = num(deff(m2))))
})
props <- function(d, v) {
  m <- svymean(as.formula(paste0("~", v)), d, deff = TRUE)
  lv <- levels(d$variables[[v]])
  c(lapply(seq_along(lv), function(i) rec("proportion", v, coef(m)[i], SE(m)[i], level = lv[i],
                                           extra = list(deff = num(deff(m))[i]))),
    list(list(statistic = "proportion_covariance", variable = v, matrix = as_array(as.vector(vcov(m))))))
}
by_means <- function(d, v, by) {
  b <- svyby(as.formula(paste0("~", v)), as.formula(paste0("~", by)), d, svymean)
  lapply(seq_len(nrow(b)), function(i) rec("mean", v, coef(b)[i], SE(b)[i],
                                          domain = list(var = by, value = as.character(b[[by]][i]))))
}
by_props <- function(d, v, by) {
  b <- svyby(as.formula(paste0("~", v)), as.formula(paste0("~", by)), d, svymean)
  lv <- levels(d$variables[[v]]); out <- list()
  for (i in seq_len(nrow(b))) for (j in seq_along(lv))
    out[[length(out) + 1]] <- rec("proportion", v, b[i, paste0(v, lv[j])], b[i, paste0("se.", v, lv[j])],
                                  level = lv[j], domain = list(var = by, value = as.character(b[[by]][i])))
  out
}
ratio <- function(d, n, dd, na.rm = FALSE) {
  r <- svyratio(as.formula(paste0("~", n)), as.formula(paste0("~", dd)), d, na.rm = na.rm)
  list(rec("ratio", paste0(n, "/", dd), coef(r), SE(r)))
}
quants <- function(d, v, na.rm = FALSE) {
  out <- list()
  for (rule in c("math", "school", "hf7")) {
    q <- svyquantile(as.formula(paste0("~", v)), d, c(0.1, 0.25, 0.5, 0.75, 0.9), qrule = rule, na.rm = na.rm)[[1]]
    for (i in 1:5) out[[length(out) + 1]] <- rec("quantile", v, q[i, 1], q[i, 4],
      extra = list(p = c(0.1, 0.25, 0.5, 0.75, 0.9)[i], qrule = rule, ci_lower = q[i, 2], ci_upper = q[i, 3]))
  }
  out
}
# Wilson interval: the formula of svyciprop(method = "wilson") in survey >= 4.2 (not in 4.1.1),
# evaluated here from 4.1.1's svymean and degf.
wilson <- function(m, df, level = 0.95) {
  p <- coef(m); n.eff <- p * (1 - p) / vcov(m); t <- qt((1 - level) / 2, df, lower.tail = FALSE)
  den <- 1 + t^2 / n.eff; rt <- sqrt(4 * n.eff * p * (1 - p) + t^2)
  c((p + t^2 / (2 * n.eff) - t / (2 * n.eff) * rt) / den, (p + t^2 / (2 * n.eff) + t / (2 * n.eff) * rt) / den)
}
ciprops <- function(d, expr, variable, level) {
  out <- list()
  for (method in c("logit", "likelihood", "asin", "beta", "mean", "xlogit")) {
    ci <- svyciprop(expr, d, method = method)
    out[[length(out) + 1]] <- rec("proportion", variable, coef(ci), SE(ci), level = level,
      extra = list(method = method, ci_lower = num(attr(ci, "ci")[1]), ci_upper = num(attr(ci, "ci")[2]), df = degf(d)))
  }
  m <- svymean(eval(bquote(~as.numeric(.(expr[[2]])))), d)
  w <- wilson(m, degf(d))
  out[[length(out) + 1]] <- rec("proportion", variable, coef(m), SE(m), level = level,
    extra = list(method = "wilson", ci_lower = num(w[1]), ci_upper = num(w[2]), df = degf(d)))
  out
}
describe <- function(d) {
  if (inherits(d, "svyrep.design"))
    list(degf = degf(d), scale = num(d$scale), rscales = as_array(num(d$rscales)), replicates = ncol(d$repweights$weights %||% d$repweights))
  else list(degf = degf(d))
}
`%||%` <- function(a, b) if (is.null(a)) b else a
ncolw <- function(d) NCOL(weights(d, "analysis"))

cases <- list()
add <- function(name, d, records) {
  info <- list(degf = degf(d))
  if (inherits(d, "svyrep.design")) info <- c(info, list(scale = num(d$scale), rscales = as_array(num(d$rscales)),
                                                         replicates = ncolw(d), type = d$type))
  cases[[name]] <<- c(info, list(records = records))
}

# ---- two-stage cluster sample (apiclus2) ----
dclus2 <- svydesign(id = ~dnum + snum, fpc = ~fpc1 + fpc2, data = apiclus2)
add("clus2", dclus2, c(means(dclus2, "api00"), means(dclus2, "enroll", na.rm = TRUE),
                       totals(dclus2, "api00"), totals(dclus2, "enroll", na.rm = TRUE),
                       props(dclus2, "stype"), props(dclus2, "awards"), by_means(dclus2, "api00", "stype"),
                       by_props(dclus2, "awards", "stype"), ratio(dclus2, "api.stu", "enroll", na.rm = TRUE),
                       quants(dclus2, "api00"), ciprops(dclus2, ~I(awards == "Yes"), "awards", "Yes")))
dclus2w <- svydesign(id = ~dnum + snum, weights = ~pw, data = apiclus2)
add("clus2_nofpc", dclus2w, c(means(dclus2w, "api00"), props(dclus2w, "stype"), by_means(dclus2w, "api00", "stype")))

# ---- domains and quantiles on the one-stage designs ----
dclus1 <- svydesign(id = ~dnum, weights = ~pw, fpc = ~fpc, data = apiclus1)
dstrat <- svydesign(id = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = apistrat)
add("clus1_domains", dclus1, c(by_props(dclus1, "awards", "stype"), by_means(dclus1, "enroll", "awards"),
                               quants(dclus1, "enroll")))
add("strat_domains", dstrat, c(by_props(dstrat, "awards", "stype"), quants(dstrat, "enroll"),
                               ciprops(dstrat, ~I(sch.wide == "Yes"), "sch.wide", "Yes")))

# ---- replicate designs converted from linearization designs ----
reps <- list(clus1_jk1 = as.svrepdesign(dclus1, type = "JK1"),
             strat_jkn = as.svrepdesign(dstrat, type = "JKn"))
for (k in c(3, 6, 9, 13, 17)) {
  reps[[sprintf("paired%d_brr", k)]] <- as.svrepdesign(paired_design(k), type = "BRR")
  reps[[sprintf("paired%d_jkn", k)]] <- as.svrepdesign(paired_design(k), type = "JKn")
}
reps[["paired9_fay"]] <- as.svrepdesign(paired_design(9), type = "Fay", fay.rho = 0.3)
for (name in names(reps)) {
  d <- reps[[name]]
  if (grepl("^paired", name)) {
    add(name, d, c(means(d, c("y", "z")), totals(d, "y"), props(d, "grp"), by_means(d, "y", "dom"),
                   ratio(d, "y", "z"), quants(d, "y"), ciprops(d, ~I(grp == "a"), "grp", "a")))
  } else {
    add(name, d, c(means(d, c("api00", "enroll")), totals(d, "enroll"), props(d, "stype"), props(d, "awards"),
                   by_means(d, "api00", "stype"), ratio(d, "api.stu", "enroll"), quants(d, "api00"),
                   ciprops(d, ~I(awards == "Yes"), "awards", "Yes")))
  }
}

# ---- replicate designs from given replicate-weight columns ----
jk1 <- weights(reps$clus1_jk1, "analysis"); colnames(jk1) <- paste0("rw", 1:ncol(jk1))
clus1_jk1 <- cbind(apiclus1[, c("dnum", "stype", "awards", "api00", "enroll", "api.stu", "pw")], jk1)
write.csv(clus1_jk1, "clus1_jk1.csv", row.names = FALSE)
p9 <- paired[paired$stratum %in% sprintf("s%02d", 1:9), ]
brr <- weights(reps$paired9_brr, "analysis"); fay <- weights(reps$paired9_fay, "analysis")
jkn <- weights(as.svrepdesign(paired_design(9), type = "JKn"), "analysis")
boot <- p9$wt * replicate(20, as.vector(sapply(1:9, function(s) rmultinom(1, 2, c(1, 1))))[rep(1:18, each = 4)])
colnames(brr) <- paste0("brr", 1:ncol(brr)); colnames(fay) <- paste0("fay", 1:ncol(fay))
colnames(jkn) <- paste0("jkn", 1:ncol(jkn)); colnames(boot) <- paste0("boot", 1:ncol(boot))
write.csv(paired, "paired.csv", row.names = FALSE)
write.csv(cbind(p9, brr, fay, jkn, boot), "paired9_reps.csv", row.names = FALSE)
jkn_rscales <- as.svrepdesign(paired_design(9), type = "JKn")$rscales
given <- list(
  given_jk1 = svrepdesign(data = clus1_jk1, repweights = "rw[0-9]+", weights = ~pw, type = "JK1"),
  given_jk1_mse = svrepdesign(data = clus1_jk1, repweights = "rw[0-9]+", weights = ~pw, type = "JK1", mse = TRUE),
  given_other = svrepdesign(data = clus1_jk1, repweights = "rw[0-9]+", weights = ~pw, type = "other",
                            scale = 0.5, rscales = seq(0.5, 1.9, by = 0.1)),
  given_brr = svrepdesign(data = cbind(p9, brr), repweights = "brr[0-9]+", weights = ~wt, type = "BRR"),
  given_fay = svrepdesign(data = cbind(p9, fay), repweights = "fay[0-9]+", weights = ~wt, type = "Fay", rho = 0.3),
  given_jkn = svrepdesign(data = cbind(p9, jkn), repweights = "jkn[0-9]+", weights = ~wt, type = "JKn",
                          rscales = jkn_rscales),
  given_bootstrap = svrepdesign(data = cbind(p9, boot), repweights = "boot[0-9]+", weights = ~wt, type = "bootstrap"))
for (name in names(given)) {
  d <- given[[name]]
  if (grepl("jk1|other", name)) {
    add(name, d, c(means(d, c("api00", "enroll")), totals(d, "enroll"), props(d, "stype"),
                   by_means(d, "api00", "stype"), ratio(d, "api.stu", "enroll")))
  } else {
    add(name, d, c(means(d, c("y", "z")), totals(d, "y"), props(d, "grp"), by_means(d, "y", "dom"), ratio(d, "y", "z")))
  }
}
cases$given_jkn$rscales_given <- as_array(num(jkn_rscales))

# ---- lonely PSUs: apistrat with one school moved to its own stratum "X" ----
lonely <- apistrat; lonely$str <- as.character(lonely$stype); lonely$str[which(lonely$stype == "H")[1]] <- "X"
for (policy in c("remove", "certainty", "adjust", "average")) {
  options(survey.lonely.psu = policy)
  d <- svydesign(id = ~1, strata = ~str, weights = ~pw, data = lonely)
  add(paste0("lonely_", policy), d, c(means(d, "api00", deff = FALSE), totals(d, "enroll", deff = FALSE),
                                       by_means(d, "api00", "awards")))
  dj <- as.svrepdesign(d, type = "JKn")
  add(paste0("lonely_", policy, "_jkn"), dj, c(means(dj, "api00", deff = FALSE), totals(dj, "enroll", deff = FALSE)))
}
options(survey.lonely.psu = "fail")

cat(to_json(list(meta = list(R_version = R.version.string, survey_version = as.character(packageVersion("survey")),
                              generated_by = "design.R"), cases = cases)), "\n", file = "design.json")
