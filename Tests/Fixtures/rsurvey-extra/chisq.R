# Reference values for weighted two-way tables and Rao-Scott tests (R survey::svychisq with
# statistic = "F", "Chisq" and "saddlepoint"), plus the cell proportions and SEs (svymean of the
# interaction). "saddlepoint" is survey's own code (pFsum/pchisqsum -> saddle, uniroot at
# tol = 1e-8); "lincom" needs CompQuadForm (Davies' algorithm), which is not installed here: R then
# warns and falls back to the saddlepoint, so no "lincom" reference is written.
# Run from this directory:  Rscript chisq.R   (R 4.2.2, survey 4.1.1); writes chisq.json.
suppressMessages(library(survey))
source("json.R"); source("data_dir.R")
options(survey.lonely.psu = "fail", survey.replicates.mse = FALSE)
apistrat <- read.csv(file.path(data_dir, "apistrat.csv"), stringsAsFactors = TRUE)
apiclus1 <- read.csv(file.path(data_dir, "apiclus1.csv"), stringsAsFactors = TRUE)
apiclus2 <- read.csv(file.path(data_dir, "apiclus2.csv"), stringsAsFactors = TRUE)
margins <- read.csv("api_margins.csv", stringsAsFactors = FALSE)
popm <- function(v) { m <- margins[margins$variable == v, ]; d <- data.frame(m$level, m$total); names(d) <- c(v, "Freq"); d }

dstrat <- svydesign(id = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = apistrat)
dclus1 <- svydesign(id = ~dnum, weights = ~pw, fpc = ~fpc, data = apiclus1)
dclus2 <- svydesign(id = ~dnum + snum, fpc = ~fpc1 + fpc2, data = apiclus2)
rclus1 <- rake(dclus1, list(~stype, ~sch.wide, ~awards), list(popm("stype"), popm("sch.wide"), popm("awards")),
               control = list(maxit = 1000, epsilon = 1e-13))
jclus1 <- as.svrepdesign(dclus1, type = "JK1")
designs <- list(
  strat = list(call = "svydesign(id=~1, strata=~stype, weights=~pw, fpc=~fpc, data=apistrat)", data = "apistrat.csv", d = dstrat),
  clus1 = list(call = "svydesign(id=~dnum, weights=~pw, fpc=~fpc, data=apiclus1)", data = "apiclus1.csv", d = dclus1),
  clus2 = list(call = "svydesign(id=~dnum+snum, fpc=~fpc1+fpc2, data=apiclus2)", data = "apiclus2.csv", d = dclus2),
  clus1_raked = list(call = "rake(dclus1, list(~stype, ~sch.wide, ~awards), margins in api_margins.csv, control=list(maxit=1000, epsilon=1e-13))",
                     data = "apiclus1.csv", margins = "api_margins.csv", d = rclus1),
  clus1_jk1 = list(call = "as.svrepdesign(dclus1, type='JK1')", data = "apiclus1.csv", d = jclus1))
tables <- list(c("sch.wide", "stype"), c("awards", "both"))

cases <- list()
for (dn in names(designs)) for (tb in tables) {
  d <- designs[[dn]]$d
  f <- as.formula(paste("~", tb[1], "+", tb[2]))
  F <- svychisq(f, d, statistic = "F")
  C <- svychisq(f, d, statistic = "Chisq")
  S <- svychisq(f, d, statistic = "saddlepoint")
  cellf <- as.formula(paste0("~interaction(", tb[1], ", ", tb[2], ")"))
  m <- svymean(cellf, d)
  lv <- expand.grid(row = levels(factor(d$variables[[tb[1]]])), col = levels(factor(d$variables[[tb[2]]])))
  cells <- lapply(seq_len(nrow(lv)), function(i) list(row = as.character(lv$row[i]), col = as.character(lv$col[i]),
                                                     proportion = unname(coef(m)[i]), se = unname(SE(m)[i])))
  case <- list(design_call = designs[[dn]]$call, data = designs[[dn]]$data, row = tb[1], col = tb[2],
               F = list(statistic = unname(F$statistic), ndf = unname(F$parameter[1]), ddf = unname(F$parameter[2]),
                        p_value = unname(F$p.value)),
               Chisq = list(pearson = unname(C$statistic), df = unname(C$parameter[1]), p_value = unname(C$p.value)),
               saddlepoint = list(pearson = unname(S$statistic), p_value = unname(S$p.value)),
               cells = cells)
  if (!is.null(designs[[dn]]$margins)) case$margins <- designs[[dn]]$margins
  cases[[paste(dn, tb[1], tb[2], sep = "_")]] <- case
}
# Missing values: sch.wide set to NA in the first 20 rows of apiclus1 (svychisq's na.rm = TRUE keeps
# N = all 183 rows; the cells are svymean(..., na.rm = TRUE)).
apiclus1na <- apiclus1; apiclus1na$sch.wide[1:20] <- NA
dna <- svydesign(id = ~dnum, weights = ~pw, fpc = ~fpc, data = apiclus1na)
F <- svychisq(~sch.wide + stype, dna, statistic = "F"); C <- svychisq(~sch.wide + stype, dna, statistic = "Chisq")
S <- svychisq(~sch.wide + stype, dna, statistic = "saddlepoint")
m <- svymean(~interaction(sch.wide, stype), dna, na.rm = TRUE)
lv <- expand.grid(row = levels(factor(apiclus1na$sch.wide)), col = levels(factor(apiclus1na$stype)))
cases[["clus1_na20_sch.wide_stype"]] <- list(
  design_call = "svydesign(id=~dnum, weights=~pw, fpc=~fpc, data=apiclus1 with sch.wide[1:20] <- NA)",
  data = "apiclus1.csv", row = "sch.wide", col = "stype", missing_first_rows = 20,
  F = list(statistic = unname(F$statistic), ndf = unname(F$parameter[1]), ddf = unname(F$parameter[2]), p_value = unname(F$p.value)),
  Chisq = list(pearson = unname(C$statistic), df = unname(C$parameter[1]), p_value = unname(C$p.value)),
  saddlepoint = list(pearson = unname(S$statistic), p_value = unname(S$p.value)),
  cells = lapply(seq_len(nrow(lv)), function(i) list(row = as.character(lv$row[i]), col = as.character(lv$col[i]),
                                                     proportion = unname(coef(m)[i]), se = unname(SE(m)[i]))))

out <- list(meta = list(R_version = R.version.string, survey_version = as.character(packageVersion("survey")),
                        script = "chisq.R",
                        note = "Chisq$pearson is R's printed statistic (unadjusted Pearson X^2 of the table scaled to n); its p_value uses X^2/mean(diag(Delta)) on df. cells: svymean(~interaction(row, col)), rows vary fastest."),
            cases = cases)
writeLines(to_json(out), "chisq.json")
