# R `survey` peer for scripts/bench.d/10-design: times each issue-3 workload inside R with
# system.time (elapsed), excluding the CSV read, over REPS runs; prints
#   PEER<TAB>workload<TAB>median_seconds<TAB>read_seconds<TAB>note
# Usage: Rscript peer_survey.R DIR REPS [workload ...]   (workloads: taylor replicate rake)
suppressMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]; reps <- as.integer(args[2])
which <- if (length(args) > 2) args[-(1:2)] else c("taylor", "replicate", "rake")
options(survey.lonely.psu = "fail")
time_it <- function(f) median(replicate(reps, system.time(f())[["elapsed"]]))
emit <- function(workload, t, read, note = "") cat(sprintf("PEER\t%s\t%.4f\t%.3f\t%s\n", workload, t, read, note))

if ("taylor" %in% which) {
  read <- system.time(df <- read.csv(file.path(dir, "taylor.csv")))[["elapsed"]]
  ys <- paste0("y", 1:20)
  f <- as.formula(paste("~", paste(ys, collapse = "+")))
  t <- time_it(function() {
    d <- svydesign(id = ~psu, strata = ~stratum, weights = ~w, data = df)
    m <- svymean(f, d)
    b <- svyby(f, ~dom, d, svymean)
    invisible(list(m, b))
  })
  emit("taylor", t, read, "svydesign + svymean(20 vars) + svyby(20 vars, 10 domains)")
  rm(df); invisible(gc())
}
if ("replicate" %in% which) {
  read <- system.time(df <- read.csv(file.path(dir, "replicate.csv")))[["elapsed"]]
  df$q <- factor(df$q)
  nrep <- length(grep("^rw[0-9]+$", names(df)))
  t <- time_it(function() {
    d <- svrepdesign(data = df, repweights = "rw[0-9]+", weights = ~w, type = "JK1", combined.weights = TRUE,
                     scale = (nrep - 1) / nrep)
    invisible(svymean(~q, d))
  })
  emit("replicate", t, read, "svrepdesign(JK1, 100 reps) + svymean(~q: 10 proportions)")
  rm(df); invisible(gc())
}
if ("rake" %in% which) {
  read <- system.time(df <- read.csv(file.path(dir, "rake.csv"), stringsAsFactors = TRUE))[["elapsed"]]
  mg <- read.csv(file.path(dir, "rake_margins.csv"), stringsAsFactors = FALSE)
  pops <- lapply(c("a", "b", "c", "d"), function(v) { m <- mg[mg$variable == v, ]; x <- data.frame(m$level, m$total); names(x) <- c(v, "Freq"); x })
  iters <- NA
  t <- time_it(function() {
    d <- svydesign(id = ~1, weights = ~w, data = df)
    r <- rake(d, list(~a, ~b, ~c, ~d), pops, control = list(maxit = 100, epsilon = 1e-10))
    invisible(r)
  })
  emit("rake", t, read, "svydesign + rake(4 margins, epsilon = 1e-10 x sum(w), maxit 100)")
}
