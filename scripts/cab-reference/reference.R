# R survey 4.1.1 reference for datasets/cab/favorability.csv (aggregates only).
# Usage: Rscript reference.R EXTRACT_DIR OUT.csv   (run via scripts/cab-reference/run.sh)
# Design per CODEBOOK.md §7: wave 4 strata Region_M x GeoCode, PSU SamPt, weight totwt;
# wave 1 (Kazakhstan, CSV) the same with nest = TRUE (sampling point 108 lies in two strata);
# waves 8/12 weight FinalWgt1, no strata/clusters (each respondent its own PSU).
# Shares: svymean of 0/1 indicators; CI: svyciprop(method = "logit"); deff = "replace";
# net = mean of (favorable indicator - unfavorable indicator), Wald CI with the design df.
suppressMessages(library(survey))
options(survey.lonely.psu = "adjust")  # codebook lonely_psu (UZ wave 4: one PSU in Navoiy Oblast x Urban)
args <- commandArgs(TRUE)
files <- sort(list.files(args[1], pattern = "\\.csv$", full.names = TRUE))
cats <- c("very-favorable", "somewhat-favorable", "somewhat-unfavorable", "very-unfavorable",
          "dont-know", "refused")
rows <- list()
for (f in files) {
  d <- read.csv(f, stringsAsFactors = FALSE, na.strings = character(0))
  wave <- d$wave[1]
  for (target in c("China", "Russia", "United_States")) {
    x <- d[[target]]
    if (all(x == "not-asked")) next
    stopifnot(!any(x == "not-asked"))
    d$fav <- as.numeric(x %in% cats[1:2]); d$unf <- as.numeric(x %in% cats[3:4])
    d$net <- d$fav - d$unf
    for (k in seq_along(cats)) d[[paste0("c", k)]] <- as.numeric(x == cats[k])
    des <- if (wave == 4) svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, data = d)
           else if (wave == 1) svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, data = d, nest = TRUE)
           else svydesign(ids = ~1, weights = ~weight, data = d)
    measures <- c(setNames(paste0("c", seq_along(cats)), cats), favorable = "fav", unfavorable = "unf")
    for (m in names(measures)) {
      v <- measures[[m]]
      fm <- as.formula(paste0("~", v))
      est <- svymean(fm, des, deff = "replace")
      p <- coef(est)[[1]]
      ci <- if (p > 0 && p < 1) as.numeric(attr(svyciprop(fm, des, method = "logit"), "ci")) else c(NA, NA)
      rows[[length(rows) + 1]] <- data.frame(file = d$file[1], target = sub("_", " ", target), measure = m,
        estimate = p, se = SE(est)[[1]], ci_lower = ci[1], ci_upper = ci[2], deff = deff(est)[[1]], n = nrow(d))
    }
    est <- svymean(~net, des)
    tq <- qt(0.975, degf(des))
    p <- coef(est)[[1]]; s <- SE(est)[[1]]
    rows[[length(rows) + 1]] <- data.frame(file = d$file[1], target = sub("_", " ", target), measure = "net",
      estimate = p, se = s, ci_lower = p - tq * s, ci_upper = p + tq * s, deff = NA, n = nrow(d))
  }
}
out <- do.call(rbind, rows)
write.csv(out, args[2], row.names = FALSE)
