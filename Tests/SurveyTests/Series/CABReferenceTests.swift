import Foundation
import Testing
@testable import Survey

/// `datasets/cab/favorability.csv` against R survey 4.1.1 (`scripts/cab-reference/run.sh`:
/// pandas/openpyxl extraction, then `svymean(deff = "replace")`, `svyciprop(method = "logit")`,
/// lonely.psu = "adjust"; output aggregates only in Tests/Fixtures/cab/r-survey-reference.csv).
/// Our file is rounded to 6 decimals (deff 4), hence the tolerances.
@Suite struct CABReferenceTests {
    @Test func matchesRSurvey() throws {
        let root = SharedData.packageRoot
        let ours = try SeriesFile.parse(
            try String(contentsOf: root.appendingPathComponent("datasets/cab/favorability.csv"), encoding: .utf8), file: nil)
        let refText = try String(contentsOf: root.appendingPathComponent("Tests/Fixtures/cab/r-survey-reference.csv"), encoding: .utf8)
        let records = try CSVRecords.parse(refText, file: nil)
        let h = try CSVHeader(records[0].fields, required: ["file", "target", "measure", "estimate", "se"], file: nil)
        let fileOf = Dictionary(uniqueKeysWithValues: ours.sources.compactMap { s -> (String, String)? in
            guard let r = s.citation.range(of: "from ") else { return nil }
            return (String(s.citation[r.upperBound...].dropLast()), s.id)
        })
        #expect(records.count - 1 == 297)  // 11 asked files × 3 targets × 9 measures
        var checked = 0
        for r in records.dropFirst() {
            let id = fileOf[h.field("file", in: r)]
            let o = try #require(ours.observations.first {
                $0.sourceID == id && $0.target == h.field("target", in: r) && $0.measure == h.field("measure", in: r)
            })
            func near(_ got: Double?, _ key: String, _ tol: Double) {
                let want = Double(h.field(key, in: r))
                if let want { #expect(got.map { abs($0 - want) <= tol } ?? false, "\(id ?? "") \(o.target) \(o.measure) \(key): \(String(describing: got)) vs R \(want)") }
                else { #expect(got == nil || key == "deff", "\(key) should be empty (R: NA)") }
            }
            near(o.estimate, "estimate", 5.1e-7)
            near(o.se, "se", 5.1e-7)
            near(o.ciLower, "ci_lower", 5.1e-7)
            near(o.ciUpper, "ci_upper", 5.1e-7)
            near(o.deff, "deff", 5.1e-5)
            #expect(o.n == Int(h.field("n", in: r)))
            checked += 1
        }
        #expect(checked == 297)
        // Tajikistan: not asked in every wave, recorded as such (27 rows per wave file).
        let tj = ours.observations.filter { $0.country == "TJ" }
        #expect(tj.count == 81 && tj.allSatisfy { $0.estimate.isNaN && $0.flags.contains("not-asked") })
    }
}
