# R peer for scripts/bench.d/15-end-to-end: the whole analysis in R — read the CSV, build the
# stratified cluster design, svymean of y1..y5 — timed end to end (elapsed), REPS runs, median.
# Prints PEER<TAB>reader<TAB>median_total_seconds<TAB>median_read_seconds for fread and read.csv.
# With DESIGN = weights: the weights-only design (id = ~1, each row its own PSU), fread only.
# Usage: Rscript peer_end_to_end.R CSV REPS [DESIGN]
suppressMessages({library(survey); library(data.table)})
args <- commandArgs(trailingOnly = TRUE)
csv <- args[1]; reps <- as.integer(args[2])
weights_only <- length(args) >= 3 && args[3] == "weights"
options(survey.lonely.psu = "fail")
run <- function(reader) {
  total <- c(); reads <- c()
  for (i in seq_len(reps)) {
    invisible(gc())
    t0 <- proc.time()[["elapsed"]]
    df <- if (reader == "fread") as.data.frame(fread(csv)) else read.csv(csv)
    t1 <- proc.time()[["elapsed"]]
    d <- if (weights_only) svydesign(id = ~1, weights = ~w, data = df)
         else svydesign(id = ~psu, strata = ~stratum, weights = ~w, data = df)
    m <- svymean(~y1 + y2 + y3 + y4 + y5, d)
    print(m)
    t2 <- proc.time()[["elapsed"]]
    total <- c(total, t2 - t0); reads <- c(reads, t1 - t0)
    rm(df, d, m)
  }
  cat(sprintf("PEER\t%s\t%.4f\t%.4f\n", reader, median(total), median(reads)))
}
run("fread")
if (!weights_only) run("read.csv")
