# Peer result on NIST StRD Filip for docs/accuracy.md: R's lm on the raw monomial design drops a
# column (its QR rank tolerance 1e-7). Run: Rscript peers.R > peers-r.json (R 4.2.2).
d <- read.table("Filip.dat", comment.char = "#", col.names = c("y", "x"))
fit <- lm(y ~ poly(x, 10, raw = TRUE), data = d)
cat(sprintf('{"R": "%s", "n": %d, "lm_rank": %d, "lm_na_coefficients": %d}\n',
            paste(R.version$major, R.version$minor, sep = "."), nrow(d), fit$rank, sum(is.na(coef(fit)))))
