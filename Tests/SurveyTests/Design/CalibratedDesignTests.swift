import Foundation
import Testing
import Survey

/// Estimators on a calibrated `SurveyDesign` against R `survey` 4.1.1 SEs after `rake`,
/// `postStratify` and `calibrate` (`Tests/Fixtures/rsurvey-extra/calibration.R` → `calibration.json`).
@Suite struct CalibratedDesignTests {
    @Test(arguments: CalibrationReferenceTests.caseNames)
    func meansAndTotalsMatchR(_ name: String) throws {
        let l = try CalibrationReferenceTests.load(name)
        let stratified = name.hasPrefix("strat")
        let t = l.table
        let base = try SurveyDesign(
            rows: t.rowCount, weights: t.column(named: "pw"), strata: stratified ? t.column(named: "stype") : nil,
            clusters: stratified ? [] : [t.column(named: "dnum")], fpc: [t.column(named: "fpc")])
        let design = try base.calibrated(weights: l.calibration.weights, adjustment: l.calibration.adjustment)
        let columns = [try t.column(named: "api00"), try t.column(named: "enroll")]
        for (key, est) in [("svymean", try design.means(columns)), ("svytotal", try design.totals(columns))] {
            let refs = try #require(l.reference[key] as? [String: Any])
            for e in est.elements {
                let r = try #require(refs[e.variable] as? [String: Any])
                let want = try #require(DesignFixtures.number(r["se"]))
                let tolerance = want < 1e-10 ? 1e-10 : 1e-9 * want
                #expect(abs(e.standardError - want) <= tolerance, "\(name) \(key) \(e.variable): \(e.standardError) vs R \(want)")
                let wantEstimate = try #require(DesignFixtures.number(r["estimate"]))
                #expect(abs(e.value - wantEstimate) <= 1e-9 * abs(wantEstimate))
            }
        }
    }
}
