# R survey 4.1.1 reference for datasets/cab/groups.csv (aggregates only).
# Usage: Rscript groups.R EXTRACT_DIR OUT.csv   (run via scripts/cab-reference/run.sh)
# Same designs as reference.R. Per group, svyby(~ind, ~g, design, svymean, deff = "replace")
# (domains of the full design), and for each level minus the first (sorted) level the
# svycontrast of the svyby result (covariance = TRUE): favorable, unfavorable, net.
suppressMessages(library(survey))
options(survey.lonely.psu = "adjust")
args <- commandArgs(TRUE)
files <- sort(list.files(args[1], pattern = "\\.csv$", full.names = TRUE))
rows <- list()
for (f in files) {
  d <- read.csv(f, stringsAsFactors = FALSE, na.strings = character(0), check.names = FALSE)
  wave <- d$wave[1]
  for (target in c("China", "Russia", "United_States")) {
    x <- d[[target]]
    if (all(x == "not-asked")) next
    d$fav <- as.numeric(x %in% c("very-favorable", "somewhat-favorable"))
    d$unf <- as.numeric(x %in% c("somewhat-unfavorable", "very-unfavorable"))
    d$net <- d$fav - d$unf
    for (g in c("gender", "age", "urban-rural", "region", "language")) {
      d$grp <- d[[paste0("g_", g)]]
      des <- if (wave == 4) svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, data = d)
             else if (wave == 1) svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, data = d, nest = TRUE)
             else svydesign(ids = ~1, weights = ~weight, data = d)
      des <- subset(des, grp != "")  # domains: subset() of a design keeps the full design's PSUs
      levels <- sort(unique(d$grp[d$grp != ""]), method = "radix")
      des$variables$grp <- factor(des$variables$grp, levels = levels)
      by <- svyby(~fav + unf + net, ~grp, des, svymean, covmat = TRUE)
      v <- vcov(by); cf <- coef(by)
      for (k in seq_along(levels)) {
        for (m in c("fav", "unf", "net")) {
          nm <- paste0(levels[k], ":", m)
          rows[[length(rows) + 1]] <- data.frame(file = d$file[1], target = sub("_", " ", target), group = g,
            level = levels[k], measure = c(fav = "favorable", unf = "unfavorable", net = "net")[[m]],
            estimate = cf[[nm]], se = sqrt(v[nm, nm]), n = sum(d$grp == levels[k]))
          if (k > 1) {
            r <- paste0(levels[1], ":", m)
            a <- setNames(rep(0, length(cf)), names(cf)); a[nm] <- 1; a[r] <- -1
            rows[[length(rows) + 1]] <- data.frame(file = d$file[1], target = sub("_", " ", target), group = g,
              level = paste(levels[k], "vs", levels[1]), measure = c(fav = "favorable", unf = "unfavorable", net = "net")[[m]],
              estimate = sum(a * cf), se = sqrt(drop(t(a) %*% v %*% a)), n = NA)
          }
        }
      }
    }
  }
}
write.csv(do.call(rbind, rows), args[2], row.names = FALSE)
