import Foundation
import Testing
import Survey

/// The streaming path against R survey 4.x directly: Tests/Fixtures/streaming/expected.csv is the
/// output of streaming.R there (svrepdesign type "other", scale 0.05, mse — ACS's successive-
/// difference constants — and svydesign with strata, nested PSUs) on small.csv (SYNTHETIC,
/// seeded, 400 rows × 8 replicates). Values and SEs agree to ≤ 1e-9 relative (R's CSV keeps 15
/// digits), and the design df to R's `degf` exactly; the file is read in 777-byte chunks.
@Suite("Streaming vs R survey")
struct StreamingRTests {
    let fixtures = SharedData.packageRoot.appendingPathComponent("Tests/Fixtures/streaming")

    /// R's rows: (design, statistic, variable, level, domain) → (estimate, se).
    func expected() throws -> [String: (Double, Double)] {
        let table = try CSVReader().read(path: fixtures.appendingPathComponent("expected.csv").path)
        var out: [String: (Double, Double)] = [:]
        for i in 0..<table.rowCount {
            let key = try ["design", "statistic", "variable", "level", "domain"].map { try table.column(named: $0).text(at: i) ?? "" }
            out[key.joined(separator: "|")] = (try table.numeric("estimate")[i], try table.numeric("se")[i])
        }
        return out
    }

    @Test("replicate (ACS constants) and Taylor strata/PSU: means, total, proportions, ratio, by domain = R to 1e-9",
          arguments: ["replicate", "taylor"])
    func matchesR(designName: String) throws {
        let reference = try expected()
        let request = StreamingRequest(means: ["inc", "age"], totals: ["inc"], proportions: ["sex"],
                                       ratios: [StreamingRatio(numerator: "inc", denominator: "age")])
        let design: StreamingDesign = designName == "replicate"
            ? .replicate(StreamingReplicates(weights: "w", replicates: (1...8).map { "rw\($0)" }, type: .other, scale: 0.05, mse: true))
            : .taylor(weights: "w", strata: "stratum", cluster: "psu", nested: true)
        let path = fixtures.appendingPathComponent("small.csv").path
        var compared = 0
        for by in [nil, "dom"] as [String?] {
            var req = request
            req.by = by
            if by != nil { req.totals = []; req.ratios = []; req.means = ["inc"] }
            let got = try StreamingFixture.stream(path, request: req, design: design, chunkBytes: 777)
            for e in got.estimate.elements {
                let key = [designName, e.statistic.rawValue, e.variable, e.level ?? "", e.domain.map { "dom=\($0.value)" } ?? ""]
                    .joined(separator: "|")
                guard let (value, se) = reference[key] else { Issue.record("no R value for \(key)"); continue }
                #expect(StreamingFixture.relative(e.value, value) <= 1e-9, "\(key) value \(e.value) vs R \(value)")
                #expect(StreamingFixture.relative(e.standardError, se) <= 1e-9, "\(key) SE \(e.standardError) vs R \(se)")
                compared += 1
            }
            #expect(Double(got.summary.degreesOfFreedom) == reference["\(designName)|df|||"]?.0)
        }
        #expect(compared == 6 + 9 * 3)   // 2 means, total, 2 proportions, ratio; 9 domains × (mean + 2 proportions)
    }
}
