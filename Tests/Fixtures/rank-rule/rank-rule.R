# R's rank rule for replicate df, qr(A, tol = 1e-5)$rank - 1 (LINPACK dqrdc2: each column's
# residual against its own norm), on the matrices LimitedPivotingRankTests builds; run:
#   Rscript rank-rule.R > rank-rule.json
# jk1_k: a JK1-like domain, rows i = 0..n-1 in PSU g = (7 i) mod P of R = 100 replicates, each row
# weight c_i = round((1 + 0.3 (i mod 13)) * 100/99, 6), zero in its PSU's replicate; the
# replicates of the 100 - P PSUs outside the domain are all equal to c (rank P + 1).
# scales: columns of very different norms, the third 1e-3 (relative) off the second.
jk1 <- function(n, P) {
  i <- 0:(n - 1); g <- (7 * i) %% P; c <- round((1 + 0.3 * (i %% 13)) * 100 / 99, 6)
  sapply(0:99, function(r) ifelse(g == r, 0, c))
}
df <- function(a) qr(a, tol = 1e-5)$rank - 1
i <- 0:599
s1 <- 1000 * (1 + (i %% 5)); s2 <- 2 + (i %% 3); s3 <- s2 * (1 + 1e-3 * (i %% 7))
out <- sapply(1:6, function(k) df(jk1(150 + 40 * k, 60 + 5 * k)))
cat(sprintf('{"jk1": [%s], "scales": %d}\n', paste(out, collapse = ", "), df(cbind(s1, s2, s3))))
