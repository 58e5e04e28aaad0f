import Foundation
import Testing
import Survey

/// README "Accuracy": each sentence's bound is the tolerance the tests assert, and every row of
/// the generated doc tables (themselves checked by the tests that measure) lies within it.
@Suite struct ReadmeAccuracyClaimsTests {
    static func text(_ path: String) throws -> String {
        try String(contentsOf: GeneratedBlock.url(path), encoding: .utf8)
    }

    /// Rows of a generated agreement table: (statistic, comparisons, max error, asserted).
    static func rows(_ path: String, _ block: String) -> [(String, Int, Double, Double)] {
        AgreementTable.parse(GeneratedBlock.committed(path, block) ?? "")
    }

    /// Whitespace-insensitive containment (README sentences wrap).
    static func says(_ readme: String, _ sentence: String) -> Bool {
        func squash(_ s: String) -> String { s.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        return squash(readme).contains(squash(sentence))
    }

    @Test func designEstimation() throws {
        let readme = try Self.text("README.md")
        #expect(Self.says(readme, "agrees with R `survey` 4.1.1 (R 4.2.2) to ≤ 1e-10 relative"))
        #expect(Self.says(readme, "≤ 1e-8 for `svyciprop` logit and likelihood results, which R computes by IRLS"))
        #expect(AgreementLog.tolerance == 1e-10 && CalibrationFixtures.tolerance == 1e-10)
        #expect(AgreementLog.iteratedTolerance == 1e-8)
        let tables = Self.rows("docs/design-estimation.md", "agreement-expected")
            + Self.rows("docs/design-estimation.md", "agreement-extra") + Self.rows("docs/calibration.md", "agreement")
        #expect(tables.count > 100)
        for (statistic, count, error, asserted) in tables {
            let iterated = statistic.hasPrefix("ciprop logit") || statistic.hasPrefix("ciprop likelihood")
            #expect(count > 0 && error <= asserted, "\(statistic)")
            #expect(asserted <= (iterated ? 1e-8 : 1e-10), "\(statistic): asserted at \(asserted)")
        }
    }

    /// README "Survey models": every row of docs/models.md's generated table is within the bound
    /// README states for it — svyglm/regTermTest 1e-10, svypredmeans and ordinal 1e-8, ordinal JK1
    /// SEs 1e-7 (its estimates, against R's polr refits, 1e-6: README states no bound for them).
    @Test func surveyModels() throws {
        let readme = try Self.text("README.md")
        #expect(Self.says(readme, "odds/rate ratios and `regTermTest` Wald tests agree with R to ≤ 1e-10 relative, `svypredmeans` margins to ≤ 1e-8; the ordinal logit agrees with `svyolr` to ≤ 1e-8"))
        #expect(Self.says(readme, "its JK1 replicate SEs to ≤ 1e-7"))
        let rows = Self.rows("docs/models.md", "models-agreement")
        #expect(rows.count >= 20)
        for (statistic, _, error, asserted) in rows {
            let bound = statistic.contains("(JK1) coefficient") ? 1e-6 : statistic.contains("(JK1) SE") ? 1e-7
                : ["svyolr", "ordinal", "svypredmeans", "CAB synthetic"].contains { statistic.contains($0) } ? 1e-8 : 1e-10
            #expect(error <= asserted && asserted <= bound, "\(statistic): asserted \(asserted), bound \(bound)")
        }
    }

    @Test func distributions() throws {
        let readme = try Self.text("README.md")
        #expect(Self.says(readme, "within 1e-12 relative of R over df 1–1e6 and p 1e-12–1−1e-12"))
        #expect(DistributionTests.tolerance == 1e-12)   // range: DistributionTests.referenceSpansTheStatedRange
        let block = GeneratedBlock.committed("docs/distributions.md", "distribution-agreement") ?? ""
        let lines = block.split(separator: "\n").dropFirst(2)
        #expect(lines.count == DistributionTests.functions.count)
        for line in lines { #expect(line.hasSuffix("| 1e-12 |"), "\(line)") }
    }

    @Test func trends() throws {
        let readme = try Self.text("README.md")
        #expect(Self.says(readme, "agree with statsmodels and R `lm`/`glm` to ≤ 1e-10 relative"))
        #expect(Self.says(readme, "R `segmented` to ≤ 1e-6; ML state noise with statsmodels to ≤ 1e-6"))
        #expect(TrendTolerance.regression == 1e-10 && TrendTolerance.kalman == 1e-10)
        #expect(TrendTolerance.segmented == 1e-6 && TrendTolerance.maximumLikelihood == 1e-6)
        for (statistic, _, error, asserted) in Self.rows("docs/trends.md", "trend-agreement") {
            #expect(error <= asserted, "\(statistic)")
            let bound = statistic.contains("ψ SE") ? 1e-5 : statistic.hasPrefix("segmented") || statistic.contains("ML noise") ? 1e-6 : 1e-10
            #expect(asserted <= bound || statistic.contains("absolute"), "\(statistic): asserted at \(asserted)")
        }
    }

    /// "plain double-precision QR about 7.5": the generated ablation row for Filip.
    @Test func plainQROnFilip() throws {
        let readme = try Self.text("README.md")
        #expect(Self.says(readme, "numpy's `lstsq` gets 0 digits on Filip; plain double-precision QR about 7.5."))
        let block = GeneratedBlock.committed("docs/accuracy.md", "lre-table") ?? ""
        let filip = block.split(separator: "\n").filter { $0.hasPrefix("| Filip |") }
        #expect(filip.count == 2)
        let ablation = filip.last?.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } ?? []
        #expect(ablation.count == 5 && ablation[3] == "7.5", "\(ablation)")   // numpy: StRDTests.numpyOnFilip
    }
}
