# Reference values for issue 15 (survey models): sampling vs precision weights, factor predictors
# and interactions, poisson/quasipoisson, regTermTest (Wald F), svyolr (proportional odds) and
# svypredmeans. Run from this directory:  Rscript models.R   (R 4.2.2, survey 4.1.1); writes
# models.json and the ordinal-response data api{strat,clus1}_mealcat.csv.
suppressMessages(library(survey))
source("json.R"); source("data_dir.R")
options(survey.lonely.psu = "fail")
apistrat <- read.csv(file.path(data_dir, "apistrat.csv"), stringsAsFactors = TRUE)
apiclus1 <- read.csv(file.path(data_dir, "apiclus1.csv"), stringsAsFactors = TRUE)

# An ordered response for svyolr: meals (% free meals) in quarters, coded 1-4 (as R's example
# `mealcat = cut(meals, c(0, 25, 50, 75, 100))`, with 0 included in the first quarter).
keep <- c("snum", "dnum", "stype", "pw", "fpc", "api00", "ell", "meals", "mobility", "sch.wide", "mealcat")
for (nm in c("apistrat", "apiclus1")) {
  a <- get(nm)
  a$mealcat <- cut(a$meals, c(-1, 25, 50, 75, 100), labels = FALSE)
  assign(nm, a)
  write.csv(a[, keep], paste0(nm, "_mealcat.csv"), row.names = FALSE)
}

dstrat <- svydesign(id = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = apistrat)
dclus1 <- svydesign(id = ~dnum, weights = ~pw, fpc = ~fpc, data = apiclus1)
dweights <- svydesign(id = ~1, weights = ~pw, data = apistrat)
jclus1 <- as.svrepdesign(dclus1, type = "JK1")
ctl <- glm.control(epsilon = 1e-300, maxit = 200)

coef_json <- function(est, se) {
  out <- list()
  for (nm in names(est)) out[[nm]] <- list(estimate = unname(est[nm]), se = unname(se[nm]))
  out
}
# A converged svyglm (refitted from its own coefficients so the sandwich uses converged working
# weights; see glm.R) with its summary table, exp(coef) and Wald intervals (confint.svyglm).
glm_case <- function(formula, design, family, call) {
  m <- suppressWarnings(svyglm(formula, design = design, family = family, control = ctl))
  # (svyglm evaluates `start` in the data's environment, whose parents end at the global one.)
  assign("svyglm_start", coef(m), envir = globalenv())
  m <- suppressWarnings(svyglm(formula, design = design, family = family, control = ctl, start = svyglm_start))
  s <- summary(m)$coefficients
  ci <- confint(m)
  coefs <- list()
  for (nm in rownames(s)) coefs[[nm]] <- list(estimate = s[nm, 1], se = s[nm, 2], t = s[nm, 3], p_value = s[nm, 4],
                                               ci_lower = ci[nm, 1], ci_upper = ci[nm, 2],
                                               exp_estimate = exp(s[nm, 1]), exp_ci_lower = exp(ci[nm, 1]),
                                               exp_ci_upper = exp(ci[nm, 2]))
  list(design_call = call, formula = deparse(formula), family = paste0(m$family$family, "(", m$family$link, ")"),
       coefficient_names = as_array(names(coef(m))), coefficients = coefs, df_residual = m$df.residual, model = m)
}
strip <- function(case) { case$model <- NULL; case }
term_tests <- function(m, tests) {
  out <- list()
  for (tt in tests) {
    r <- regTermTest(m, as.formula(paste("~", tt)), method = "Wald")
    out[[tt]] <- list(F = unname(drop(r$Ftest)), df = r$df, ddf = r$ddf, p_value = unname(drop(r$p)))
  }
  out
}

cases <- list()
# 6. --weights alone: svyglm on svydesign(id=~1, weights=~pw); --precision-weights: lm(weights=pw).
w <- glm_case(api00 ~ ell + meals + mobility, dweights, gaussian(), "svydesign(id=~1, weights=~pw, data=apistrat)")
cases$weights_only <- strip(w)
lmw <- summary(lm(api00 ~ ell + meals + mobility, data = apistrat, weights = pw))$coefficients
cases$precision_weights <- list(call = "lm(api00 ~ ell + meals + mobility, data=apistrat, weights=pw)",
                                coefficients = coef_json(lmw[, 1], lmw[, 2]))

# 1. Factors and interactions (R's treatment contrasts and names); OLS with a factor (the issue's
# `--x stype`).
olsf <- summary(lm(api00 ~ stype + ell, data = apistrat))$coefficients
cases$ols_factor <- list(call = "lm(api00 ~ stype + ell, data=apistrat)", coefficients = coef_json(olsf[, 1], olsf[, 2]))
f1 <- glm_case(api00 ~ stype * ell + meals, dstrat, gaussian(), "dstrat")
cases$factor_interaction <- strip(f1)
apistrat_m <- apistrat; apistrat_m$stype <- relevel(apistrat_m$stype, ref = "M")
dstrat_m <- svydesign(id = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = apistrat_m)
cases$factor_reference <- strip(glm_case(api00 ~ ell + ell:stype + meals, dstrat_m, gaussian(), "dstrat, stype reference M"))
cases$factor_no_margin <- strip(glm_case(api00 ~ meals + stype:ell, dstrat, gaussian(), "dstrat"))
cases$factor_binomial_clus1 <- strip(glm_case(sch.wide ~ stype + ell + meals, dclus1, quasibinomial(), "dclus1"))
cases$factor_jk1 <- strip(glm_case(api00 ~ stype * ell, jclus1, gaussian(), "as.svrepdesign(dclus1, type='JK1')"))

# 2. Poisson and quasipoisson (log link): linearized and replicate designs.
p_strat <- glm_case(api.stu ~ stype + meals, dstrat, poisson(), "dstrat")
cases$poisson_strat <- strip(p_strat)
cases$quasipoisson_strat <- strip(glm_case(api.stu ~ stype + meals, dstrat, quasipoisson(), "dstrat"))
cases$poisson_clus1 <- strip(glm_case(api.stu ~ stype + meals, dclus1, poisson(), "dclus1"))
cases$quasipoisson_jk1 <- strip(glm_case(api.stu ~ stype + meals, jclus1, quasipoisson(), "jclus1"))
cases$binomial_strat_or <- strip(glm_case(sch.wide ~ stype + ell, dstrat, quasibinomial(), "dstrat"))

# 3. regTermTest (method = "Wald": F = W/p on df.residual denominator df).
tests <- list(
  factor_interaction = term_tests(f1$model, c("stype", "ell", "meals", "stype:ell", "stype + stype:ell")),
  poisson_strat = term_tests(p_strat$model, c("stype", "meals")),
  quasipoisson_jk1 = term_tests(glm_case(api.stu ~ stype + meals, jclus1, quasipoisson(), "jclus1")$model, c("stype")))

# 4. svyolr: proportional-odds logit of mealcat (1 < 2 < 3 < 4). optim's BFGS to its limit
# (reltol 1e-16) and its numerical Hessian with small steps (ndeps 1e-6; the default 1e-3
# leaves ~1e-6 relative error in the SEs).
# (The design is named so regTermTest can find it again from the model's call.)
olr_case <- function(design_name, call) {
  m <- eval(bquote(svyolr(mealcat ~ stype + ell + mobility, design = .(as.name(design_name)),
                          control = list(reltol = 1e-16, maxit = 10000, ndeps = rep(1e-6, 7)))), globalenv())
  est <- c(coef(m), m$zeta)
  est <- est[!duplicated(names(est))]
  se <- sqrt(diag(vcov(m)))
  list(design_call = call, formula = "factor(mealcat) ~ stype + ell + mobility",
       coefficient_names = as_array(names(est)), coefficients = coef_json(est, se[names(est)]),
       df_residual = m$df.residual, convergence = m$convergence, model = m)
}
ostrat <- update(dstrat, mealcat = factor(mealcat))
oclus1 <- update(dclus1, mealcat = factor(mealcat))
o_strat <- olr_case("ostrat", "dstrat")
o_clus1 <- olr_case("oclus1", "dclus1")
cases$ordinal_strat <- strip(o_strat)
cases$ordinal_clus1 <- strip(o_clus1)
# On a replicate design svyolr refits MASS::polr per replicate without passing `control`, so its
# replicate estimates stop at BFGS's default reltol (1e-8). Its steps are written out here with
# reltol = 1e-16: polr with the full-sample weights, refits with each replicate's weights from
# those estimates, svrVar of the replicate estimates (svyolr.svyrep.design).
jo <- as.svrepdesign(oclus1, type = "JK1")
polr_ctl <- list(reltol = 1e-16, maxit = 10000)
jdf <- model.frame(jo)
f0 <- suppressWarnings(MASS::polr(mealcat ~ stype + ell + mobility, data = jdf, weights = weights(jo, "sampling"), control = polr_ctl))
jstart <- c(f0$coefficients, f0$zeta)
jbetas <- apply(weights(jo, "analysis"), 2, function(w) {
  m <- suppressWarnings(MASS::polr(mealcat ~ stype + ell + mobility, data = jdf, weights = w, start = jstart, control = polr_ctl))
  c(m$coefficients, m$zeta)
})
jvar <- svrVar(t(jbetas), jo$scale, jo$rscales, mse = jo$mse, coef = jstart)
cases$ordinal_jk1 <- list(design_call = "as.svrepdesign(dclus1, type='JK1')", formula = "factor(mealcat) ~ stype + ell + mobility",
                          coefficient_names = as_array(names(jstart)),
                          coefficients = coef_json(jstart, setNames(sqrt(diag(jvar)), names(jstart))),
                          df_residual = degf(jo) - length(f0$coefficients))
tests$ordinal_clus1 <- term_tests(o_clus1$model, c("stype", "ell"))

# 5. svypredmeans: predicted mean by group, the group added to the model (R adds `.groupfactor`).
pm <- function(model, group) {
  r <- svypredmeans(model, group)
  list(mean = as.list(coef(r)), se = as.list(SE(r)))
}
margins <- list(
  gaussian_strat = c(list(model = "svyglm(api00 ~ ell + meals, dstrat)", group = "stype"),
                     pm(svyglm(api00 ~ ell + meals, dstrat, control = ctl), ~stype)),
  quasibinomial_clus1 = c(list(model = "svyglm(sch.wide ~ ell + meals, dclus1, family=quasibinomial)", group = "stype"),
                          pm(svyglm(sch.wide ~ ell + meals, dclus1, family = quasibinomial(), control = ctl), ~stype)))

# Predicted category probabilities by group of the ordinal model: R has no svypredmeans for
# svyolr, so this applies svypredmeans' construction by hand: each row's probabilities with the
# group set to g, their svymean, plus d' V d with d the weighted mean gradient of the
# probabilities in (beta, zeta) (probability of category c: plogis(zeta_c - eta) - plogis(zeta_c-1 - eta)).
olr_margins <- function(m, design, group, rhs = ~ stype + ell + mobility) {
  mf <- model.frame(design)
  lev <- levels(mf[[group]])
  w <- weights(design, "sampling")
  zeta <- m$zeta; q <- length(zeta); beta <- m$coefficients; p <- length(beta)
  V <- vcov(m)[c(names(beta), names(zeta)), c(names(beta), names(zeta))]
  out <- list()
  for (g in lev) {
    nd <- mf; nd[[group]] <- factor(g, levels = lev)
    x <- model.matrix(rhs, nd)[, -1, drop = FALSE]
    eta <- drop(x %*% beta)
    probs <- matrix(0, nrow(x), q + 1); D <- matrix(0, p + q, q + 1)
    for (c in 1:(q + 1)) {
      Fa <- if (c <= q) plogis(zeta[c] - eta) else 1; Fb <- if (c > 1) plogis(zeta[c - 1] - eta) else 0
      fa <- if (c <= q) dlogis(zeta[c] - eta) else 0; fb <- if (c > 1) dlogis(zeta[c - 1] - eta) else 0
      probs[, c] <- Fa - Fb
      dz <- rep(0, q)
      if (c <= q) dz[c] <- sum(w * fa)
      if (c > 1) dz[c - 1] <- -sum(w * fb)
      D[, c] <- c(colSums(-x * w * (fa - fb)), dz) / sum(w)
    }
    colnames(probs) <- paste0("p", 1:(q + 1))
    cond <- svymean(probs, design)
    vv <- attr(cond, "var") + t(D) %*% V %*% D
    out[[g]] <- list(probability = as_array(coef(cond)), se = as_array(sqrt(diag(vv))))
  }
  out
}
ordinal_margins <- list(ordinal_clus1 = c(list(group = "stype"), olr_margins(o_clus1$model, oclus1, "stype")),
                        ordinal_strat = c(list(group = "stype"), olr_margins(o_strat$model, ostrat, "stype")))

# The notebook's model (notebooks-md/ordinal-favorability.md) on the SYNTHETIC pooled CAB-layout
# file: favorability of China (4 points; Don't know/Refused missing) by age group, gender,
# settlement and wave; strata Stratum, clusters SamPt, weights totwt.
cab <- read.csv("../../../notebooks-md/data/synthetic-cab-pooled-KZ.csv", stringsAsFactors = TRUE)
cab$fav <- factor(cab$OpinionChina, levels = c("Very Unfavorable", "Somewhat Unfavorable", "Somewhat Favorable", "Very Favorable"))
cab$Year <- factor(cab$Year)
dcab <- svydesign(id = ~SamPt, strata = ~Stratum, weights = ~totwt, data = cab)
m_cab <- svyolr(fav ~ AgeGroup + Gender + GeoCode + Year, design = dcab,
                control = list(reltol = 1e-16, maxit = 10000, ndeps = rep(1e-6, 10)))
est <- c(coef(m_cab), m_cab$zeta); est <- est[!duplicated(names(est))]
cases$ordinal_cab <- list(design_call = "svydesign(id=~SamPt, strata=~Stratum, weights=~totwt, data=synthetic-cab-pooled-KZ.csv)",
                          formula = "fav ~ AgeGroup + Gender + GeoCode + Year (Year a factor)",
                          coefficient_names = as_array(names(est)),
                          coefficients = coef_json(est, sqrt(diag(vcov(m_cab)))[names(est)]),
                          df_residual = m_cab$df.residual, convergence = m_cab$convergence)
tests$ordinal_cab <- term_tests(m_cab, c("AgeGroup", "Gender", "GeoCode", "Year"))
ordinal_margins$ordinal_cab <- c(list(group = "Year"), olr_margins(m_cab, dcab, "Year", ~ AgeGroup + Gender + GeoCode + Year))

out <- list(meta = list(R_version = R.version.string, survey_version = as.character(packageVersion("survey")),
                        script = "models.R",
                        note = "svyglm with glm.control(epsilon=1e-300, maxit=200), refitted from its coefficients; se = sqrt(diag(vcov)); confint = confint.svyglm (Wald, t on df.residual); regTermTest method='Wald'; svyolr optim control reltol=1e-16, ndeps=1e-6"),
            cases = cases, term_tests = tests, predicted_margins = margins, ordinal_margins = ordinal_margins)
writeLines(to_json(out), "models.json")
