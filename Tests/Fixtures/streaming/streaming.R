# R survey reference values for Tests/SurveyTests/Streaming/StreamingRTests.swift.
# Input: small.csv (SYNTHETIC, seeded: scripts/bench-lib/make_acs_data.py --rows 400 --out small.csv
#        --replicates 8 --strata 4 --psus-per-stratum 5 --seed 7).
# Run:   Rscript streaming.R > expected.csv   (from this folder)
suppressMessages(library(survey))
d <- read.csv("small.csv")
d$sexf <- factor(d$sex)
rep <- svrepdesign(data = d, weights = ~w, repweights = "^rw[0-9]+$", type = "other", scale = 0.05,
                   rscales = 1, mse = TRUE, combined.weights = TRUE)
tay <- svydesign(ids = ~psu, strata = ~stratum, nest = TRUE, weights = ~w, data = d)
out <- data.frame()
add <- function(design, statistic, variable, level, domain, est, se) {
  out <<- rbind(out, data.frame(design = design, statistic = statistic, variable = unname(variable),
                                level = unname(level), domain = unname(domain), estimate = as.numeric(est),
                                se = as.numeric(se), row.names = NULL))
}
for (name in c("replicate", "taylor")) {
  des <- if (name == "replicate") rep else tay
  m <- svymean(~inc + age, des); add(name, "mean", names(coef(m)), "", "", coef(m), SE(m))
  t <- svytotal(~inc, des); add(name, "total", "inc", "", "", coef(t), SE(t))
  p <- svymean(~sexf, des); add(name, "proportion", "sex", sub("sexf", "", names(coef(p))), "", coef(p), SE(p))
  r <- svyratio(~inc, ~age, des); add(name, "ratio", "inc/age", "", "", coef(r), SE(r))
  b <- svyby(~inc, ~dom, des, svymean); add(name, "mean", "inc", "", paste0("dom=", b$dom), coef(b), SE(b))
  bp <- svyby(~sexf, ~dom, des, svymean)
  for (l in levels(d$sexf)) {
    add(name, "proportion", "sex", l, paste0("dom=", bp$dom), bp[[paste0("sexf", l)]], as.matrix(SE(bp))[, match(l, levels(d$sexf))])
  }
  add(name, "df", "", "", "", degf(des), 0)
}
write.csv(out, row.names = FALSE, quote = TRUE)
