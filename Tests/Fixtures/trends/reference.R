# Second, independent peer for barometer's trend models: R lm / glm / segmented.
# Run from this directory after reference.py (reads data.csv):  Rscript reference.R
# Writes r-reference.json. Needs Debian r-cran-segmented (1.6.x).
suppressPackageStartupMessages(library(segmented))
d <- read.csv("data.csv", stringsAsFactors = FALSE)
decimal_year <- function(iso) {
  p <- as.integer(strsplit(iso, "-")[[1]])
  y <- p[1]; leap <- (y %% 4 == 0 && y %% 100 != 0) || y %% 400 == 0
  len <- c(31, if (leap) 29 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
  y + (sum(len[seq_len(p[2] - 1)]) + p[3] - 1) / (if (leap) 366 else 365)
}
num <- function(x) paste0("[", paste(sprintf("%.17g", x), collapse = ", "), "]")
out <- c()
for (name in unique(d$series)) {
  s <- d[d$series == name & is.finite(d$y), ]
  s$t <- sapply(s$date, decimal_year)
  s$tc <- s$t - mean(s$t)
  s$w <- 1 / s$var
  lin <- lm(y ~ tc, data = s, weights = w)
  quad <- lm(y ~ tc + I(tc^2), data = s, weights = w)
  # Binomial GLM with non-integer prior weights m = n/deff (R warns; the fit is the quasi-likelihood one).
  lg <- suppressWarnings(glm(y ~ tc, family = binomial, data = s, weights = m,
                             control = glm.control(epsilon = 1e-14, maxit = 100)))
  phi <- sum(residuals(lg, type = "pearson")^2) / df.residual(lg)
  # Segmented, started at the profile optimum region; tight tolerance.
  lin0 <- lm(y ~ t, data = s, weights = w)
  # segmented's iterations find a local optimum: start from several quantiles, keep the best.
  sg <- NULL
  for (q in seq(0.2, 0.8, by = 0.1)) {
    cand <- try(segmented(lin0, seg.Z = ~t, psi = quantile(s$t, q, names = FALSE),
                          control = seg.control(tol = 1e-12, it.max = 500, n.boot = 0)), silent = TRUE)
    if (!inherits(cand, "try-error") && !is.null(cand$psi) &&
        (is.null(sg) || sum(cand$weights * cand$residuals^2) < sum(sg$weights * sg$residuals^2))) sg <- cand
  }
  psi <- sg$psi[1, "Est."]; psi_se <- sg$psi[1, "St.Err"]
  dv_t <- davies.test(lin0, seg.Z = ~t, k = 10)
  g0 <- glm(y ~ t, family = gaussian, data = s, weights = w)
  dv_z <- davies.test(g0, seg.Z = ~t, k = 10, type = "wald", dispersion = 1)
  out <- c(out, sprintf(paste0(
    '{"name": "%s", "linear_coef": %s, "linear_se": %s, "quadratic_coef": %s, "quadratic_se": %s,',
    ' "logit_coef": %s, "logit_se_known": %s, "logit_dispersion": %.17g,',
    ' "segmented_psi": %.17g, "segmented_psi_se": %.17g, "segmented_rss": %.17g, "segmented_slopes": %s,',
    ' "davies_t_p": %.17g, "davies_z_p": %.17g}'),
    name, num(coef(lin)), num(sqrt(diag(vcov(lin)))), num(coef(quad)), num(sqrt(diag(vcov(quad)))),
    num(coef(lg)), num(sqrt(diag(summary(lg, dispersion = 1)$cov.unscaled))), phi,
    psi, psi_se, sum(sg$weights * sg$residuals^2), num(slope(sg)$t[, "Est."]), dv_t$p.value, dv_z$p.value))
}
writeLines(c('{"generator": "Tests/Fixtures/trends/reference.R", "r": "', R.version.string,
             '", "segmented": "', as.character(packageVersion("segmented")), '", "series": [',
             paste(out, collapse = ",\n"), "]}"), "r-reference.json", sep = "")
