# Reference values for Tests/SurveyTests/Numerics/DistributionTests.swift.
# Run: Rscript make.R   (R 4.2.2, Debian r-base-core) -> writes reference.csv
#
# Columns: fn, a, b, x, value. One-parameter functions leave b empty. Every number is printed with
# 17 significant digits, so the doubles read back in Swift are exactly the ones R used.
#
# Where R's own function is approximate, the value is computed through an exact identity on
# pbeta/qbeta (TOMS 708 / R's qbeta), which are accurate to ~1e-15:
# * pt(), qt() switch to a normal approximation (A&S 26.7.8) for df > 4e5, error ~1/df^2.
#   For those df: pt(t, df, lower=FALSE) = pbeta(t^2/(df+t^2), 1/2, df/2, lower=FALSE)/2 (t > 0),
#   and qt via y = qbeta(2p, 1/2, df/2, lower=FALSE), t = sqrt(df*y/(1-y)).
# * qf() forms 1/x - 1 from x = qbeta(...) near 1, losing digits when df2 >> df1*F. qf is
#   computed as (df2/df1)*y/(1-y) from y = qbeta(p, df1/2, df2/2) when y < 1/2, else as
#   (df2/df1)*(1-x)/x from x = qbeta(p, df2/2, df1/2, lower=FALSE) (both accurate small numbers).
# * qchisq(p) for p near 1 stops after one Newton step on the lower tail (1 - 1e-12 gave a 1e-11
#   relative error); for p > 1/2 it is computed as qchisq(1 - p, lower.tail = FALSE) (1 - p is
#   exact there), whose pchisq(., lower.tail = FALSE) reproduces 1 - p to 1e-15.
options(digits = 17)
f17 <- function(v) ifelse(is.na(v), "", sprintf("%.17g", v))
rows <- list()
add <- function(fn, a, b, x, value) {
  rows[[length(rows) + 1]] <<- data.frame(fn = fn, a = f17(a), b = f17(b), x = f17(x), value = f17(value))
}
num <- function(v) as.numeric(sprintf("%.17g", v))   # the double that the CSV will hold

probs <- c(1e-12, 1e-10, 1e-8, 1e-6, 1e-4, 1e-3, 0.01, 0.025, 0.05, 0.1, 0.25, 0.4, 0.5,
           0.6, 0.75, 0.9, 0.95, 0.975, 0.99, 0.999, 1 - 1e-4, 1 - 1e-6, 1 - 1e-8, 1 - 1e-10, 1 - 1e-12)
probs <- num(probs)

# ---- Student t -------------------------------------------------------------------------------
tdf <- c(1, 1.5, 2, 3, 4.7, 10, 30, 100, 1000, 1e4, 1e5, 4e5, 1e6)
ptUpper <- function(t, df) {
  if (df <= 4e5) return(pt(t, df, lower.tail = FALSE))
  y <- t^2 / (df + t^2)
  h <- pbeta(y, 0.5, df / 2, lower.tail = FALSE) / 2      # P(T > |t|)
  if (t >= 0) h else 1 - h
}
qtRef <- function(p, df) {
  if (df <= 4e5) return(qt(p, df))
  if (p == 0.5) return(0)
  s <- min(p, 1 - p)
  y <- qbeta(2 * s, 0.5, df / 2, lower.tail = FALSE)
  t <- sqrt(df * y / (1 - y))
  if (p < 0.5) -t else t
}
tpoints <- c(-5, -2, -1, -0.1, 0, 1e-3, 0.1, 0.5, 1, 2, 3, 5, 7, 10, 30, 100, 1e3, 1e5)
for (df in tdf) {
  for (t in tpoints) add("pt_upper", df, NA, t, ptUpper(t, df))
  for (p in probs) add("qt", df, NA, p, qtRef(p, df))
}
for (p in probs) add("qt", Inf, NA, p, qnorm(p))
for (t in tpoints) add("pt_upper", Inf, NA, t, pnorm(t, lower.tail = FALSE))

# ---- chi-square ------------------------------------------------------------------------------
cdf <- c(0.5, 1, 1.5, 2, 3, 7.3, 10, 30, 100, 1000, 1e4, 1e5, 1e6)
tailp <- num(c(1e-300, 1e-100, 1e-30, probs[probs < 0.5]))
for (df in cdf) {
  xs <- num(unique(c(qchisq(tailp, df), qchisq(0.5, df), qchisq(tailp, df, lower.tail = FALSE))))
  for (x in xs) {
    add("pchisq", df, NA, x, pchisq(x, df))
    add("pchisq_upper", df, NA, x, pchisq(x, df, lower.tail = FALSE))
  }
  for (p in probs) add("qchisq", df, NA, p, if (p > 0.5) qchisq(1 - p, df, lower.tail = FALSE) else qchisq(p, df))
}

# ---- F ---------------------------------------------------------------------------------------
fdf <- list(c(1, 1), c(1, 10), c(2.5, 7.5), c(0.7, 3.2), c(3, 100), c(5.3, 17.9), c(10, 1e6),
            c(1, 1e6), c(1e6, 1), c(100, 100), c(1e3, 1e4), c(1e6, 1e6))
qfRef <- function(p, d1, d2) {
  y <- qbeta(p, d1 / 2, d2 / 2)
  if (y < 0.5) return(d2 / d1 * y / (1 - y))
  x <- qbeta(p, d2 / 2, d1 / 2, lower.tail = FALSE)
  d2 / d1 * (1 - x) / x
}
for (d in fdf) {
  d1 <- d[1]; d2 <- d[2]
  xs <- num(c(sapply(tailp[tailp >= 1e-30], function(p) qfRef(p, d1, d2)), qf(0.5, d1, d2),
              sapply(tailp[tailp >= 1e-30], function(p) qfRef(1 - p, d1, d2))))
  xs <- unique(xs[is.finite(xs) & xs > 0])
  for (x in xs) {
    add("pf", d1, d2, x, pf(x, d1, d2))
    add("pf_upper", d1, d2, x, pf(x, d1, d2, lower.tail = FALSE))
  }
  for (p in probs) add("qf", d1, d2, p, qfRef(p, d1, d2))
}

# ---- beta ------------------------------------------------------------------------------------
bpar <- list(c(0.5, 0.5), c(1, 1), c(0.5, 10), c(2, 3), c(10.5, 0.5), c(1, 1e6), c(1e6, 1),
             c(1e3, 1e3), c(1e5, 2e5), c(0.1, 5), c(5, 0.1), c(30, 70), c(500.5, 1e4), c(3.7, 1e6))
for (ab in bpar) {
  a <- ab[1]; b <- ab[2]
  xs <- num(unique(c(qbeta(tailp[tailp >= 1e-30], a, b), qbeta(0.5, a, b),
                     qbeta(tailp[tailp >= 1e-30], a, b, lower.tail = FALSE))))
  xs <- xs[xs > 0 & xs < 1]
  for (x in xs) {
    add("pbeta", a, b, x, pbeta(x, a, b))
    add("pbeta_upper", a, b, x, pbeta(x, a, b, lower.tail = FALSE))
  }
  for (p in probs) add("qbeta", a, b, p, qbeta(p, a, b))
}

out <- do.call(rbind, rows)
write.csv(out, "reference.csv", row.names = FALSE, quote = FALSE)
cat(nrow(out), "rows written to reference.csv\n")
