# Reference fits for barometer's GLM / WLS tests (Tests/SurveyTests/Numerics/GLMTests.swift).
#
# Run from this directory:  Rscript make.R
# Writes data.csv (seeded synthetic data, NOT real survey data) and reference.csv
# (model, quantity, term, value) with 17 significant digits. R 4.2.2, stats::glm / stats::lm.
# glm is run with epsilon = 1e-14 so the reference is converged far below the 1e-8 test tolerance,
# then restarted at its own estimates (see glm_ref).
set.seed(20261201)
n <- 60
x1 <- round(rnorm(n), 3)
x2 <- round(runif(n, -1, 1), 3)
trials <- sample(5:40, n, replace = TRUE)
p <- plogis(-0.4 + 0.8 * x1 - 0.6 * x2)
successes <- rbinom(n, trials, p)
prop <- successes / trials
binary <- rbinom(n, 1, p)
count <- rpois(n, exp(0.5 + 0.3 * x1 + 0.4 * x2))
yg <- round(2 + 1.5 * x1 - 0.7 * x2 + rnorm(n, sd = 0.8), 3)
w <- round(runif(n, 0.2, 3), 2)
wz <- w; wz[c(3, 17, 42)] <- 0           # zero weights drop out of df (WLS)
neff <- round(trials * runif(n, 0.5, 1), 2) # non-integer "effective sample sizes" (trend use case)
d <- data.frame(x1, x2, trials, successes, prop, binary, count, yg, w, wz, neff)
write.csv(d, "data.csv", row.names = FALSE, quote = FALSE)

# Re-read so the fits use exactly the numbers Swift reads.
d <- read.csv("data.csv")
ctl <- glm.control(epsilon = 1e-14, maxit = 100)
out <- list()
put <- function(model, quantity, term, value) {
  out[[length(out) + 1]] <<- data.frame(model = model, quantity = quantity, term = term,
                                         value = sprintf("%.17g", value))
}
glm_ref <- function(name, fit0) {
  # summary.glm takes (X'WX)^-1 from the last IRLS iteration, whose W is one step behind the
  # final mu. Restarting at the converged coefficients makes that W the one at the MLE (the
  # Fisher information barometer reports); the estimates do not move.
  fit <- suppressWarnings(update(fit0, start = coef(fit0)))
  s <- summary(fit)
  cf <- coef(s)
  for (k in seq_len(nrow(cf))) {
    put(name, "estimate", rownames(cf)[k], cf[k, 1])
    put(name, "se", rownames(cf)[k], cf[k, 2])
  }
  put(name, "deviance", "", deviance(fit))
  put(name, "null_deviance", "", fit$null.deviance)
  put(name, "dispersion", "", s$dispersion)
  put(name, "df_residual", "", fit$df.residual)
  put(name, "aic", "", if (is.na(fit$aic)) NaN else fit$aic)
}
glm_ref("gaussian", glm(yg ~ x1 + x2, family = gaussian, weights = w, data = d, control = ctl))
glm_ref("binomial_trials", glm(prop ~ x1 + x2, family = binomial, weights = trials, data = d, control = ctl))
glm_ref("binomial_binary", glm(binary ~ x1 + x2, family = binomial, data = d, control = ctl))
glm_ref("binomial_neff", suppressWarnings(
  glm(prop ~ x1 + x2, family = binomial, weights = neff, data = d, control = ctl)))
glm_ref("poisson", glm(count ~ x1 + x2, family = poisson, data = d, control = ctl))
glm_ref("quasibinomial", glm(prop ~ x1 + x2, family = quasibinomial, weights = trials, data = d, control = ctl))
glm_ref("binomial_quadratic", glm(prop ~ x1 + I(x1^2), family = binomial, weights = trials, data = d, control = ctl))
glm_ref("quasipoisson", glm(count ~ x1 + x2, family = quasipoisson, data = d, control = ctl))

wls <- lm(yg ~ x1 + x2, weights = wz, data = d)
s <- summary(wls)
cf <- coef(s)
for (k in seq_len(nrow(cf))) {
  put("wls", "estimate", rownames(cf)[k], cf[k, 1])
  put("wls", "se", rownames(cf)[k], cf[k, 2])
}
put("wls", "residual_sd", "", s$sigma)
put("wls", "r_squared", "", s$r.squared)
put("wls", "df_residual", "", wls$df.residual)
write.csv(do.call(rbind, out), "reference.csv", row.names = FALSE, quote = FALSE)
