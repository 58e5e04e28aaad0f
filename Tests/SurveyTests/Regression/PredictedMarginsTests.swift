import Foundation
import Testing
import Survey

/// Predicted margins by group against R (`Tests/Fixtures/rsurvey-extra/models.R` → `models.json`):
/// `svypredmeans(svyglm(api00 ~ ell + meals, dstrat), ~stype)` and the quasibinomial
/// `sch.wide ~ ell + meals` on dclus1 (`predicted_margins`), and the ordinal model's predicted
/// category probabilities by stype (`ordinal_margins`, svypredmeans' construction written out in R).
@Suite struct PredictedMarginsTests {
    static func check(_ m: PredictedMargins, mean: [String: Double], se: [String: Double], tag: String) {
        #expect(m.rows.count == mean.count)
        for row in m.rows {
            #expect(CalibrationFixtures.agreement("svypredmeans \(tag)", row.estimate, mean[row.group] ?? .nan, tolerance: 1e-8) <= 1e-8,
                    "\(tag) \(row.group) mean \(row.estimate)")
            #expect(CalibrationFixtures.agreement("svypredmeans SE \(tag)", row.se, se[row.group] ?? .nan, tolerance: 1e-8) <= 1e-8,
                    "\(tag) \(row.group) se \(row.se)")
        }
    }

    static let glmCases = [("gaussian_strat", "apistrat.csv", "strat", "api00", GLMFamily.gaussian),
                           ("quasibinomial_clus1", "apiclus1.csv", "clus1", "sch.wide", GLMFamily.quasibinomial)]

    @Test(arguments: glmCases)
    func svypredmeansMatchesR(_ name: String, _ file: String, _ design: String, _ response: String, _ family: GLMFamily) throws {
        let ref = try #require((ModelReferenceTests.models()["predicted_margins"] as? [String: Any])?[name] as? [String: Any])
        let t = try CalibrationFixtures.data(file)
        let m = try predictedMargins(
            RegressionSpecification(response: response, predictors: ["ell", "meals"]), table: t,
            design: ModelReferenceTests.design(design, t), family: family, group: "stype")
        Self.check(m, mean: try #require(ref["mean"] as? [String: Double]), se: try #require(ref["se"] as? [String: Double]),
                   tag: family.rawValue)
    }

    @Test(arguments: ["strat", "clus1"])
    func ordinalCategoryProbabilitiesMatchR(_ design: String) throws {
        let ref = try #require((ModelReferenceTests.models()["ordinal_margins"] as? [String: Any])?["ordinal_\(design)"] as? [String: Any])
        let t = try CalibrationFixtures.loadCSV(CalibrationFixtures.extra("api\(design)_mealcat.csv"))
        let m = try predictedMargins(
            ordinal: OrdinalReferenceTests.spec, table: t, design: ModelReferenceTests.design(design, t), group: "stype")
        #expect(m.rows.count == 3 * 4)
        for row in m.rows {
            let r = try #require(ref[row.group] as? [String: [Double]])
            let c = try #require(row.category.flatMap { Int($0) }) - 1
            let (p, se) = (r["probability"]?[c] ?? .nan, r["se"]?[c] ?? .nan)
            // The probabilities rest on svyolr's coefficients (BFGS, ~1e-8; see README).
            #expect(CalibrationFixtures.agreement("ordinal margin", row.estimate, p, tolerance: 1e-8) <= 1e-8, "\(row.group) \(c) \(row.estimate)")
            #expect(CalibrationFixtures.agreement("ordinal margin SE", row.se, se, tolerance: 1e-8) <= 1e-8, "\(row.group) \(c) se \(row.se)")
        }
        // Each group's probabilities sum to 1.
        for g in ["E", "H", "M"] {
            #expect(abs(m.rows.filter { $0.group == g }.reduce(0) { $0 + $1.estimate } - 1) < 1e-14)
        }
    }
}
