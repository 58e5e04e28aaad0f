# Reference values for design-based GLMs (R survey::svyglm, sandwich SEs): gaussian and
# quasibinomial/binomial on stratified, one-stage and two-stage cluster designs and a raked design.
# Run from this directory:  Rscript glm.R   (R 4.2.2, survey 4.1.1); writes glm.json.
suppressMessages(library(survey))
source("json.R"); source("data_dir.R")
options(survey.lonely.psu = "fail")
apistrat <- read.csv(file.path(data_dir, "apistrat.csv"), stringsAsFactors = TRUE)
apiclus1 <- read.csv(file.path(data_dir, "apiclus1.csv"), stringsAsFactors = TRUE)
apiclus2 <- read.csv(file.path(data_dir, "apiclus2.csv"), stringsAsFactors = TRUE)
margins <- read.csv("api_margins.csv", stringsAsFactors = FALSE)
popm <- function(v) { m <- margins[margins$variable == v, ]; d <- data.frame(m$level, m$total); names(d) <- c(v, "Freq"); d }

dstrat <- svydesign(id = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = apistrat)
dclus1 <- svydesign(id = ~dnum, weights = ~pw, fpc = ~fpc, data = apiclus1)
dclus2 <- svydesign(id = ~dnum + snum, fpc = ~fpc1 + fpc2, data = apiclus2)
rclus1 <- rake(dclus1, list(~stype, ~sch.wide, ~awards), list(popm("stype"), popm("sch.wide"), popm("awards")),
               control = list(maxit = 1000, epsilon = 1e-13))
jclus1 <- as.svrepdesign(dclus1, type = "JK1")
designs <- list(
  strat = list(call = "svydesign(id=~1, strata=~stype, weights=~pw, fpc=~fpc, data=apistrat)", data = "apistrat.csv", d = dstrat),
  clus1 = list(call = "svydesign(id=~dnum, weights=~pw, fpc=~fpc, data=apiclus1)", data = "apiclus1.csv", d = dclus1),
  clus2 = list(call = "svydesign(id=~dnum+snum, fpc=~fpc1+fpc2, data=apiclus2)", data = "apiclus2.csv", d = dclus2),
  clus1_raked = list(call = "rake(dclus1, list(~stype, ~sch.wide, ~awards), margins in api_margins.csv, control=list(maxit=1000, epsilon=1e-13))",
                     data = "apiclus1.csv", margins = "api_margins.csv", d = rclus1),
  clus1_jk1 = list(call = "as.svrepdesign(dclus1, type='JK1')", data = "apiclus1.csv", d = jclus1))

fit_json <- function(m) {
  s <- summary(m)
  cf <- s$coefficients
  coefs <- list()
  for (nm in rownames(cf)) coefs[[nm]] <- list(estimate = cf[nm, 1], se = cf[nm, 2], t = cf[nm, 3], p_value = cf[nm, 4])
  list(coefficients = coefs, df_residual = m$df.residual, dispersion = unname(s$dispersion[1]),
       family = paste0(m$family$family, "(", m$family$link, ")"))
}
# epsilon = 1e-300: iterate until the deviance stops changing, so the working weights R keeps
# (from the last iteration) are converged to machine precision.
ctl <- glm.control(epsilon = 1e-300, maxit = 200)
cases <- list()
for (dn in names(designs)) {
  d <- designs[[dn]]$d
  base <- list(design_call = designs[[dn]]$call, data = designs[[dn]]$data)
  if (!is.null(designs[[dn]]$margins)) base$margins <- designs[[dn]]$margins
  g <- svyglm(api00 ~ ell + meals + mobility, design = d, control = ctl)
  cases[[paste0(dn, "_gaussian")]] <- c(base, list(formula = "api00 ~ ell + meals + mobility"), fit_json(g))
  q <- svyglm(sch.wide ~ ell + meals + mobility, design = d, family = quasibinomial(), control = ctl)
  # svyglm's sandwich uses the working weights of the last IRLS iteration, evaluated at the
  # previous iterate; when the deviance stops changing the coefficients can still move by ~1e-8
  # (the deviance is flat at its minimum), so those weights are ~1e-8 off. Refitting from the
  # converged coefficients makes the final iteration start at the solution: the reference SEs are
  # then those of the converged fit (as barometer computes them), accurate to ~1e-15.
  # (svyglm evaluates `start` in the data's environment, whose parents end at the global one.)
  svyglm_start <- coef(q)
  q <- svyglm(sch.wide ~ ell + meals + mobility, design = d, family = quasibinomial(), control = ctl, start = svyglm_start)
  cases[[paste0(dn, "_quasibinomial")]] <- c(base, list(formula = "sch.wide ~ ell + meals + mobility (Yes = 1)"), fit_json(q))
  b <- suppressWarnings(svyglm(sch.wide ~ ell + meals + mobility, design = d, family = binomial(), control = ctl))
  svyglm_start <- coef(b)
  b <- suppressWarnings(svyglm(sch.wide ~ ell + meals + mobility, design = d, family = binomial(), control = ctl, start = svyglm_start))
  cases[[paste0(dn, "_binomial")]] <- c(base, list(formula = "sch.wide ~ ell + meals + mobility (Yes = 1)"), fit_json(b))
}
out <- list(meta = list(R_version = R.version.string, survey_version = as.character(packageVersion("survey")),
                        script = "glm.R",
                        note = "se = sqrt(diag(vcov(svyglm))) (sandwich); t and p use df_residual = degf + 1 - ncoef; dispersion = summary()$dispersion; glm.control(epsilon=1e-300, maxit=200)"),
            cases = cases)
writeLines(to_json(out), "glm.json")
