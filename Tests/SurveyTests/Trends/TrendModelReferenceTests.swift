import Foundation
import Testing
import Survey
@testable import SurveyTrends

/// Every regression-type trend model against statsmodels (and R), same data, at `TrendTolerance`.
/// Expected values: `Tests/Fixtures/trends/reference.json` from `reference.py` (statsmodels WLS,
/// GLM Binomial with var_weights, scipy-bounded profile search) and `r-reference.json` from
/// `reference.R` (R 4.2.2 lm, glm, segmented 1.6.2).
@Suite struct TrendModelReferenceTests {
    let ref = TrendReference.shared

    @Test(arguments: TrendReference.names)
    func linearAndQuadraticMatchStatsmodelsWLS(name: String) throws {
        let tol = TrendTolerance.regression
        let ref = try #require(ref)
        let data = try ref.data(name)
        for (degree, key) in [(1, "linear"), (2, "quadratic")] {
            let want = ref.entry(name).dict(key)
            let known = try PolynomialTrend(degree: degree).fit(data, options: TrendOptions(dispersion: .known))
            let est = try PolynomialTrend(degree: degree).fit(data, options: TrendOptions(dispersion: .estimated))
            #expect(within(known.coefficients.map(\.estimate), want.doubles("params"), tol), "\(name) \(key) params")
            #expect(within(known.coefficients.map(\.se), want.doubles("se_known"), tol), "\(name) \(key) se")
            #expect(within(est.coefficients.map(\.se), want.doubles("se_estimated"), tol), "\(name) \(key) se est")
            #expect(within(known.fitted.map(\.estimate), want.doubles("fitted"), tol))
            #expect(within(known.fitted.map(\.se), want.doubles("fitted_se_known"), tol))
            #expect(within(known.grid.map(\.estimate), want.doubles("grid"), tol))
            #expect(within(known.grid.map(\.se), want.doubles("grid_se_known"), tol))
            #expect(agrees(known.slope?.estimate ?? .nan, want.double("slope"), rel: tol))
            #expect(agrees(known.slope?.se ?? .nan, want.double("slope_se_known"), rel: tol))
            #expect(agrees(est.slope?.se ?? .nan, want.double("slope_se_estimated"), rel: tol))
            #expect(agrees(known.dispersion ?? .nan, want.double("dispersion"), rel: tol))
            #expect(agrees(known.logLikelihood ?? .nan, want.double("loglik"), rel: tol))
            #expect(agrees(known.aic ?? .nan, want.double("aic"), rel: tol))
            #expect(agrees(known.bic ?? .nan, want.double("bic"), rel: tol))
            // R lm(y ~ tc [+ I(tc^2)], weights = 1/var): coefficients and (estimated-scale) SEs.
            let r = ref.r[name] ?? [:]
            #expect(within(known.coefficients.map(\.estimate), r.doubles("\(key)_coef"), tol, peer: "R"), "\(name) \(key) vs R")
            #expect(within(est.coefficients.map(\.se), r.doubles("\(key)_se"), tol, peer: "R"), "\(name) \(key) se vs R")
        }
    }

    @Test(arguments: TrendReference.names)
    func logitMatchesStatsmodelsGLM(name: String) throws {
        let tol = TrendTolerance.regression
        let ref = try #require(ref)
        let data = try ref.data(name)
        let want = ref.entry(name).dict("logit")
        for policy in [DispersionPolicy.known, .estimated] {
          for lean in [false, true] {  // the general GLM and the batch IRLS
            let fit = try LogitTrend(lean: lean).fit(data, options: TrendOptions(dispersion: policy))
            let tag = policy.rawValue
            #expect(within(fit.coefficients.map(\.estimate), want.doubles("params"), tol), "\(name) params")
            #expect(within(fit.coefficients.map(\.se), want.doubles("se_\(tag)"), tol), "\(name) se \(tag)")
            let f = want.dict("fitted_\(tag)")
            #expect(within(fit.fitted.map(\.estimate), f.doubles("estimate"), tol))
            #expect(within(fit.fitted.map(\.lower), f.doubles("lower"), tol), "\(name) lower \(tag)")
            #expect(within(fit.fitted.map(\.upper), f.doubles("upper"), tol), "\(name) upper \(tag)")
            #expect(agrees(fit.slope?.estimate ?? .nan, want.double("slope"), rel: tol))
            #expect(agrees(fit.slope?.se ?? .nan, want.double("slope_se_\(tag)"), rel: tol), "\(name) slope se \(tag)")
            #expect(agrees(fit.dispersion ?? .nan, want.double("dispersion"), rel: tol))
            #expect(agrees(fit.logLikelihood ?? .nan, want.double("loglik"), rel: tol))
            #expect(agrees(fit.aic ?? .nan, want.double("aic"), rel: tol))
            #expect(fit.grid.allSatisfy { $0.lower > 0 && $0.upper < 1 }, "bands stay inside (0, 1)")
          }
        }
        // R glm(binomial, weights = m): coefficients, SEs with dispersion 1, Pearson dispersion.
        let r = ref.r[name] ?? [:]
        let fit = try LogitTrend().fit(data, options: TrendOptions(dispersion: .known))
        #expect(within(fit.coefficients.map(\.estimate), r.doubles("logit_coef"), tol, peer: "R"), "\(name) vs R")
        #expect(within(fit.coefficients.map(\.se), r.doubles("logit_se_known"), tol, peer: "R"), "\(name) se vs R")
        #expect(agrees(fit.dispersion ?? .nan, r.double("logit_dispersion"), rel: tol, peer: "R"))
    }

    @Test(arguments: TrendReference.names)
    func segmentedMatchesProfileSearchAndR(name: String) throws {
        let tol = TrendTolerance.segmented
        let ref = try #require(ref)
        let data = try ref.data(name)
        let want = ref.entry(name).dict("segmented")
        let span = data.times.last! - data.times.first!
        for policy in [DispersionPolicy.known, .estimated] {
            let tag = policy.rawValue
            let fit = try SegmentedTrend().fit(data, options: TrendOptions(dispersion: policy))
            let bp = try #require(fit.breakpoint)
            // ψ agrees to `tol` of the series' span (it is a time point, not a ratio-scale quantity).
            #expect(agrees(bp.time, want.double("psi"), rel: tol, scale: span), "\(name) psi \(bp.time)")
            #expect(within(fit.coefficients.prefix(3).map(\.estimate), want.doubles("params"), tol), "\(name) params")
            #expect(agrees(bp.timeSE ?? .nan, want.double("psi_se_\(tag)"), rel: tol), "\(name) psi se \(tag)")
            #expect(agrees(fit.slope?.estimate ?? .nan, want.double("slope"), rel: tol))
            #expect(agrees(fit.slope?.se ?? .nan, want.double("slope_se_\(tag)"), rel: tol), "\(name) slope se \(tag)")
            #expect(within(fit.fitted.map(\.se), want.doubles("fitted_se_\(tag)"), tol))
            let davies = want.dict("davies_\(tag)")
            #expect(agrees(bp.test.statistic, davies.double("statistic"), rel: tol), "\(name) davies stat \(tag)")
            #expect(agrees(bp.test.pValue, davies.double("p_value"), rel: tol), "\(name) davies p \(tag)")
        }
        // R segmented 1.6.2: ψ (its own iterative algorithm, tol 1e-12) and davies.test p-values.
        let r = ref.r[name] ?? [:]
        let est = try SegmentedTrend().fit(data, options: TrendOptions(dispersion: .estimated))
        let known = try SegmentedTrend().fit(data, options: TrendOptions(dispersion: .known))
        // segmented's iterations cannot settle on an optimum at a kink (ψ at a wave's date, as in
        // constructed-kz); there R stops at a worse local optimum and ours must have the lower RSS.
        let ours = try SegmentedTrend.regression(
            data, psi: est.breakpoint?.time ?? 0, centre: data.observedTimeCentre, policy: .known).weightedRSS
        if r.double("segmented_rss") <= ours * (1 + 1e-9) {
            #expect(agrees(est.breakpoint?.time ?? 0, r.double("segmented_psi"), rel: tol, scale: span, peer: "R"), "\(name) psi vs R")
            #expect(agrees(est.breakpoint?.timeSE ?? .nan, r.double("segmented_psi_se"), rel: 10 * tol, peer: "R (ψ SE)"), "\(name) psi se vs R")
        } else {
            #expect(ours < r.double("segmented_rss"), "\(name): R's local optimum should be worse")
        }
        #expect(agrees(est.breakpoint?.test.pValue ?? .nan, r.double("davies_t_p"), rel: tol, peer: "R"), "\(name) davies t vs R")
        #expect(agrees(known.breakpoint?.test.pValue ?? .nan, r.double("davies_z_p"), rel: tol, peer: "R"), "\(name) davies z vs R")
    }

    @Test(arguments: TrendReference.names)
    func levelShiftMatchesStatsmodelsWLS(name: String) throws {
        let tol = TrendTolerance.regression
        let ref = try #require(ref)
        let data = try ref.data(name)
        let want = ref.entry(name).dict("level_shift_2020")
        let known = try LevelShiftTrend(breakDate: "2020").fit(data, options: TrendOptions(dispersion: .known))
        let est = try LevelShiftTrend(breakDate: "2020").fit(data, options: TrendOptions(dispersion: .estimated))
        #expect(within(known.coefficients.map(\.estimate), want.doubles("params"), tol))
        #expect(within(known.coefficients.map(\.se), want.doubles("se_known"), tol))
        #expect(within(est.coefficients.map(\.se), want.doubles("se_estimated"), tol))
        #expect(within(known.fitted.map(\.se), want.doubles("fitted_se_known"), tol))
        #expect(agrees(known.breakpoint?.change.estimate ?? .nan, want.doubles("params")[2], rel: tol))
    }
}
