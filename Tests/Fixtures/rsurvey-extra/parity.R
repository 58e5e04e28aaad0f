# Reference values for issue 14 items 1-3 (R `survey` parity of estimate): replicate conversion
# then calibration (and the other order, for docs/calibration.md), contrasts (svycontrast,
# svyttest, two independent files), svyvar, svyby over two columns, subset() domains and the
# domain degrees of freedom. Run from this directory:  Rscript parity.R   (R 4.2.2, survey 4.1.1)
# Reads the api data from shared/reference/rsurvey/data (see data_dir.R); writes parity.json.
suppressMessages(library(survey))
source("json.R")
options(survey.lonely.psu = "fail", survey.replicates.mse = FALSE)
source("data_dir.R")
apistrat <- read.csv(file.path(data_dir, "apistrat.csv"), stringsAsFactors = TRUE)
apiclus1 <- read.csv(file.path(data_dir, "apiclus1.csv"), stringsAsFactors = TRUE)
margins <- read.csv("api_margins.csv")
pop <- function(v) { m <- margins[margins$variable == v, ]; d <- data.frame(m$level, m$total); names(d) <- c(v, "Freq"); d }
pop.stype <- pop("stype"); pop.sch <- pop("sch.wide"); pop.aw <- pop("awards")

dstrat <- svydesign(id = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = apistrat)
dclus1 <- svydesign(id = ~dnum, weights = ~pw, fpc = ~fpc, data = apiclus1)
designs <- list(strat = list(design = dstrat, data = "apistrat.csv",
                             flags = c("--weights", "pw", "--strata", "stype", "--fpc", "fpc")),
                clus1 = list(design = dclus1, data = "apiclus1.csv",
                             flags = c("--weights", "pw", "--cluster", "dnum", "--fpc", "fpc")))
est <- function(s) {
  se <- unname(SE(s)); cf <- coef(s); out <- list()
  for (i in seq_along(cf)) out[[names(cf)[i]]] <- list(estimate = unname(cf[i]), se = se[i])
  out
}

# 1. Conversion and calibration: R's order (convert, then calibrate the full-sample weights and
# every replicate) and the other order (calibrate, then convert), for the same statistics.
calibrate <- list(
  poststratify = list(margins = "api_margins_stype.csv", f = function(d) postStratify(d, ~stype, pop.stype)),
  rake = list(margins = "api_margins.csv",
              f = function(d) rake(d, list(~stype, ~sch.wide, ~awards), list(pop.stype, pop.sch, pop.aw),
                                   control = list(maxit = 1000, epsilon = 1e-13))))
conversion <- list()
# R converts a stratified design by JKn only and an unstratified one by JK1 (or bootstrap, whose
# random draws barometer does not reproduce); BRR/Fay need two PSUs per stratum (not the api data).
for (dt in list(c("strat", "JKn"), c("clus1", "JK1"))) for (cn in names(calibrate)) {
  dn <- dt[1]; type <- dt[2]
  d <- designs[[dn]]$design
  first <- calibrate[[cn]]$f(as.svrepdesign(d, type = type))
  second <- as.svrepdesign(calibrate[[cn]]$f(d), type = type)
  conversion[[paste(dn, tolower(type), cn, sep = "_")]] <- list(
    data = designs[[dn]]$data, flags = designs[[dn]]$flags, to_replicates = tolower(type), method = cn,
    margins = calibrate[[cn]]$margins,
    call = sprintf("%s(as.svrepdesign(d, type='%s'), ...)", if (cn == "rake") "rake" else "postStratify", type),
    degf = degf(first),
    convert_then_calibrate = c(est(svymean(~api00, first)), est(svytotal(~enroll, first))),
    calibrate_then_convert = c(est(svymean(~api00, second)), est(svytotal(~enroll, second))))
}

# 2. Contrasts within one design: svycontrast of svyby domain means (covmat = TRUE) and of the
# levels of a proportion; df = degf(design) (the full design), t = estimate / SE,
# p = 2 pt(-|t|, df), CI = estimate -/+ qt(0.975, df) SE (svycontrast gives estimate and SE; the
# rest is that stated rule applied in R).
with_test <- function(e, se, df) list(estimate = e, se = se, df = df, t = e / se, p_value = 2 * pt(-abs(e / se), df),
                                      ci_lower = e - qt(0.975, df) * se, ci_upper = e + qt(0.975, df) * se)
con <- function(s, weights, df) { k <- svycontrast(s, weights); with_test(unname(coef(k)), unname(SE(k)), df) }
rclus1 <- as.svrepdesign(dclus1, type = "JK1")
contrasts <- list()
for (dn in names(designs)) {
  d <- designs[[dn]]$design
  b <- svyby(~api00, ~stype, d, svymean, covmat = TRUE)
  contrasts[[paste0(dn, "_mean_E-H")]] <- c(list(flags = designs[[dn]]$flags, data = designs[[dn]]$data,
    args = c("--mean", "api00", "--by", "stype", "--contrast", "E-H")), con(b, c(E = 1, H = -1, M = 0), degf(d)))
  contrasts[[paste0(dn, "_mean_0.5*E+0.5*M-H")]] <- c(list(flags = designs[[dn]]$flags, data = designs[[dn]]$data,
    args = c("--mean", "api00", "--by", "stype", "--contrast", "0.5*E+0.5*M-H")), con(b, c(E = 0.5, H = -1, M = 0.5), degf(d)))
  p <- svymean(~awards, d)
  contrasts[[paste0(dn, "_proportion_Yes-No")]] <- c(list(flags = designs[[dn]]$flags, data = designs[[dn]]$data,
    args = c("--proportion", "awards", "--contrast", "Yes-No")), con(p, c(awardsNo = -1, awardsYes = 1), degf(d)))
  t <- svyby(~enroll, ~stype, d, svytotal, covmat = TRUE)
  contrasts[[paste0(dn, "_total_M-H")]] <- c(list(flags = designs[[dn]]$flags, data = designs[[dn]]$data,
    args = c("--total", "enroll", "--by", "stype", "--contrast", "M-H")), con(t, c(E = 0, H = -1, M = 1), degf(d)))
}
b <- svyby(~api00, ~stype, rclus1, svymean, covmat = TRUE)
contrasts[["clus1_jk1_mean_E-H"]] <- c(list(flags = c(designs$clus1$flags, "--to-replicates", "jk1"), data = "apiclus1.csv",
  args = c("--mean", "api00", "--by", "stype", "--contrast", "E-H")), con(b, c(E = 1, H = -1, M = 0), degf(rclus1)))

# svyttest: the two-group mean difference (api00 ~ sch.wide is Yes - No, R's factor order;
# barometer's VAR:COL=Yes spells the group out); R's df is svyglm's df.residual = degf(design) - 1.
tt <- function(x) list(estimate = unname(x$estimate), t = unname(x$statistic), df = unname(x$parameter),
                       p_value = unname(x$p.value), ci_lower = x$conf.int[1], ci_upper = x$conf.int[2],
                       se = unname(x$estimate / x$statistic))
ttests <- list(
  clus1_E = c(list(flags = designs$clus1$flags, data = "apiclus1.csv", args = c("--ttest", "api00:stype=E")),
              tt(svyttest(api00 ~ I(stype == "E"), dclus1))),
  strat_E = c(list(flags = designs$strat$flags, data = "apistrat.csv", args = c("--ttest", "api00:stype=E")),
              tt(svyttest(api00 ~ I(stype == "E"), dstrat))),
  strat_EM = c(list(flags = designs$strat$flags, data = "apistrat.csv", args = c("--ttest", "api00:stype=E,M")),
               tt(svyttest(api00 ~ I(stype %in% c("E", "M")), dstrat))),
  strat_schwide = c(list(flags = designs$strat$flags, data = "apistrat.csv", args = c("--ttest", "api00:sch.wide=Yes")),
                    tt(svyttest(api00 ~ sch.wide, dstrat))),
  clus1_jk1_E = c(list(flags = c(designs$clus1$flags, "--to-replicates", "jk1"), data = "apiclus1.csv",
                       args = c("--ttest", "api00:stype=E")), tt(svyttest(api00 ~ I(stype == "E"), rclus1))))

# One-sample svyttest (svyttest.default's formula[[3]] == 0 branch): the mean of VAR (minus MU
# with I(VAR - MU)) over its SE, df = degf(design) - 1, CI at 0.95 on those df; within a subset
# the df are the subset's. barometer: --ttest VAR (MU = 0) or --ttest VAR=MU.
ttests_one <- list(
  strat_zero = c(list(flags = designs$strat$flags, data = "apistrat.csv", args = c("--ttest", "api00")),
                 tt(svyttest(api00 ~ 0, dstrat))),
  strat_600 = c(list(flags = designs$strat$flags, data = "apistrat.csv", args = c("--ttest", "api00=600")),
                tt(svyttest(I(api00 - 600) ~ 0, dstrat))),
  clus1_640 = c(list(flags = designs$clus1$flags, data = "apiclus1.csv", args = c("--ttest", "api00=640")),
                tt(svyttest(I(api00 - 640) ~ 0, dclus1))),
  clus1_growth = c(list(flags = designs$clus1$flags, data = "apiclus1.csv", args = c("--ttest", "growth=30")),
                   tt(svyttest(I(growth - 30) ~ 0, dclus1))),
  clus1_jk1_640 = c(list(flags = c(designs$clus1$flags, "--to-replicates", "jk1"), data = "apiclus1.csv",
                         args = c("--ttest", "api00=640")), tt(svyttest(I(api00 - 640) ~ 0, rclus1))),
  strat_where_E_700 = c(list(flags = designs$strat$flags, data = "apistrat.csv", args = c("--ttest", "api00=700", "--where", "stype=E")),
                        tt(svyttest(I(api00 - 700) ~ 0, subset(dstrat, stype == "E")))))

# Two files as independent samples: apistrat and apiclus1 each as svydesign(id=~dnum, weights=~pw)
# (flags valid for both). Difference = first file - second; SE = sqrt(se1^2 + se2^2); df by
# Welch-Satterthwaite on the two design dfs: (v1 + v2)^2 / (v1^2/df1 + v2^2/df2).
w1 <- svydesign(id = ~dnum, weights = ~pw, data = apistrat); w2 <- svydesign(id = ~dnum, weights = ~pw, data = apiclus1)
versus <- function(s1, s2, df1, df2) {
  e <- unname(coef(s1) - coef(s2)); v1 <- unname(SE(s1))^2; v2 <- unname(SE(s2))^2
  c(list(first = unname(coef(s1)), first_se = sqrt(v1), first_df = df1, second = unname(coef(s2)), second_se = sqrt(v2),
         second_df = df2), with_test(e, sqrt(v1 + v2), (v1 + v2)^2 / (v1^2 / df1 + v2^2 / df2)))
}
two_files <- list(
  mean_api00 = c(list(args = c("--mean", "api00")), versus(svymean(~api00, w1), svymean(~api00, w2), degf(w1), degf(w2))),
  proportion_awards_Yes = c(list(args = c("--proportion", "awards"), level = "Yes"),
    versus(svymean(~as.numeric(awards == "Yes"), w1), svymean(~as.numeric(awards == "Yes"), w2), degf(w1), degf(w2))),
  mean_api00_by_stype_E = c(list(args = c("--mean", "api00", "--by", "stype"), domain = "E"),
    versus(svymean(~api00, subset(w1, stype == "E")), svymean(~api00, subset(w2, stype == "E")),
           degf(subset(w1, stype == "E")), degf(subset(w2, stype == "E")))))
two_files_meta <- list(files = c("apistrat.csv", "apiclus1.csv"), flags = c("--weights", "pw", "--cluster", "dnum"))

# 3. svyvar (linearization: svymean of (x - xbar)^2 n/(n-1); replicate designs re-centre per replicate).
sv <- function(s) list(estimate = unname(coef(s))[1], se = unname(sqrt(diag(as.matrix(vcov(s)))))[1])
svyvars <- list(
  clus1 = c(list(flags = designs$clus1$flags, data = "apiclus1.csv", args = c("--var", "api00")), sv(svyvar(~api00, dclus1))),
  strat = c(list(flags = designs$strat$flags, data = "apistrat.csv", args = c("--var", "api00")), sv(svyvar(~api00, dstrat))),
  strat_narm = c(list(flags = c(designs$strat$flags, "--na-rm"), data = "apistrat.csv", args = c("--var", "acs.k3")),
                 sv(svyvar(~acs.k3, dstrat, na.rm = TRUE))),
  clus1_jk1 = c(list(flags = c(designs$clus1$flags, "--to-replicates", "jk1"), data = "apiclus1.csv", args = c("--var", "api00")),
                sv(svyvar(~api00, rclus1))))
for (dn in c("clus1", "strat")) {
  b <- svyby(~api00, ~stype, designs[[dn]]$design, svyvar)
  for (s in rownames(b)) svyvars[[paste0(dn, "_by_stype_", s)]] <- list(
    flags = designs[[dn]]$flags, data = designs[[dn]]$data, args = c("--var", "api00", "--by", "stype"), domain = s,
    estimate = b[s, 2], se = unname(SE(b))[match(s, rownames(b))])
}

# svyby over two columns (R's order: the first factor varies fastest; empty groups dropped), with
# the CI on the subset's degf (barometer's default for domains).
multiby <- list()
for (dn in names(designs)) {
  d <- designs[[dn]]$design
  b <- svyby(~api00, ~stype + awards, d, svymean)
  for (i in seq_len(nrow(b))) {
    s <- as.character(b$stype[i]); a <- as.character(b$awards[i])
    df <- degf(subset(d, stype == s & awards == a))
    multiby[[paste(dn, s, a, sep = "_")]] <- c(list(flags = designs[[dn]]$flags, data = designs[[dn]]$data,
      args = c("--mean", "api00", "--by", "stype,awards"), domain = paste(s, a, sep = ","), position = i),
      with_test(b$api00[i], unname(SE(b))[i], df)[c("estimate", "se", "df", "ci_lower", "ci_upper")])
  }
}

# --where: subset(design, condition) point estimates and SEs, and the two df rules:
# degf(subset(d, ...)) (R's subset convention) and degf(d) (Stata's subpop).
where <- list()
addw <- function(name, dn, args, cond, stat) {
  d <- designs[[dn]]$design; s <- eval(bquote(subset(d, .(cond))))
  r <- stat(s); e <- unname(coef(r))[1]; se <- unname(SE(r))[1]
  where[[name]] <<- list(flags = designs[[dn]]$flags, data = designs[[dn]]$data, args = args,
    subset_df = degf(s), design_df = degf(d), estimate = e, se = se,
    subset_ci = if (degf(s) > 0) unname(confint(r, df = degf(s))[1, ]) else NULL,
    design_ci = unname(confint(r, df = degf(d))[1, ]))
}
addw("strat_mean_EM", "strat", c("--mean", "api00", "--where", "stype=E,M"), quote(stype %in% c("E", "M")),
     function(s) svymean(~api00, s))
addw("clus1_total_H", "clus1", c("--total", "enroll", "--where", "stype=H"), quote(stype == "H"), function(s) svytotal(~enroll, s))
# Alameda county is one district (one PSU of the unstratified cluster design): subset df 0.
addw("clus1_total_Alameda", "clus1", c("--total", "enroll", "--where", "cname=Alameda"), quote(cname == "Alameda"),
     function(s) svytotal(~enroll, s))
addw("clus1_mean_Kern_Fresno", "clus1", c("--mean", "api00", "--where", "cname=Kern,Fresno"), quote(cname %in% c("Kern", "Fresno")),
     function(s) svymean(~api00, s))

out <- list(meta = list(R_version = R.version.string, survey_version = as.character(packageVersion("survey")),
                        script = "parity.R"),
            conversion = conversion, contrasts = contrasts, ttests = ttests, ttests_one = ttests_one, two_files = two_files,
            two_files_meta = two_files_meta, svyvar = svyvars, multiby = multiby, where = where)
writeLines(to_json(out), "parity.json")
