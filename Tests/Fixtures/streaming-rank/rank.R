# R's replicate df (qr(A, tol = 1e-5)$rank - 1, as survey::svrepdesign's degf) for the replicate
# matrices StreamingRankTests builds; run: Rscript rank.R > rank.json
# Rows i = 0..5999 (0-based, as in the Swift test).
i <- 0:5999
r1 <- 1 + (i %% 5)
r2 <- 2 + (i %% 3)
# late: r3 = r1 + r2 except rows outside the streaming sample (i >= 4096, i %% 1024 >= 32) with i %% 97 == 0
late <- (i >= 4096) & ((i %% 1024) >= 32) & (i %% 97 == 0)
r3late <- r1 + r2 + ifelse(late, 1, 0)
# near: r3 = r1 + r2 + 1e-9 * (i %% 7) on every row
r3near <- r1 + r2 + 1e-9 * (i %% 7)
# clear: r3 = r1 + r2 + 0.01 * (i %% 7) on every row
r3clear <- r1 + r2 + 0.01 * (i %% 7)
df <- function(a) qr(a, tol = 1e-5)$rank - 1
cat(sprintf('{"late": %d, "near": %d, "clear": %d, "lateRows": %d}\n',
            df(cbind(r1, r2, r3late)), df(cbind(r1, r2, r3near)), df(cbind(r1, r2, r3clear)), sum(late)))
