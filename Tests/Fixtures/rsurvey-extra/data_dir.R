# Where the api data live: $RSURVEY_DATA, else shared/reference/rsurvey/data beside the checkout
# (a clone at X/barometer or a worktree at X/wt/NAME), else the copies in ../rsurvey/data.
data_dir <- Sys.getenv("RSURVEY_DATA", "")
if (data_dir == "") {
  for (cand in c("../../../../shared/reference/rsurvey/data", "../../../../../shared/reference/rsurvey/data",
                 "../rsurvey/data")) {
    if (file.exists(file.path(cand, "apipop.csv")) || file.exists(file.path(cand, "apistrat.csv"))) { data_dir <- cand; break }
  }
}
