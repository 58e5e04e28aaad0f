import Foundation
import Testing
import Survey
@testable import SurveyEstimation

/// Estimates undefined in some or all replicates of a replicate design, against R `survey` 4.1.1
/// (`Tests/Fixtures/rsurvey-extra/undefined.R` → `undefined.json`; apiclus1 JK1): a crosstab with
/// an empty cell (no school has awards without both targets), and county domains that are empty
/// in the replicate deleting their only district. R's `svyby` drops a replicate whose estimate is
/// NA for that domain only; before this fix barometer dropped it for every estimate (Los Angeles'
/// SE 81.96 instead of R's 84.35) and failed the crosstab's JSON and percentages outright.
@Suite struct UndefinedReplicateTests {
    static func design() throws -> (ReplicateDesign, Table) {
        let t = try CalibrationFixtures.data("apiclus1.csv")
        return (try DesignGLMTests.design("clus1", t).replicateDesign(.jk1), t)
    }

    static func close(_ got: Double, _ want: Any?, _ label: String) {
        guard let w = DesignFixtures.number(want) else { Issue.record("\(label): no reference"); return }
        #expect(CalibrationFixtures.agreement("undefined \(label)", got, w) < 1e-9, "\(label): \(got) vs R \(w)")
    }

    /// Counts, cell shares, row and column percentages with SEs and logit intervals; R's interval
    /// is null where the share is 0 or 1 (logit undefined; R's glm does not converge there), and
    /// barometer's is NaN (JSON null, "—"), as on a linearization design.
    @Test func crosstabWithAnEmptyCellMatchesR() throws {
        let (d, t) = try Self.design()
        let ref = try #require(try CalibrationFixtures.json("undefined.json")["crosstab_awards_both"] as? [String: Any])
        let x = try d.crosstabPercentages(row: t.column(named: "awards"), column: t.column(named: "both"))
        let nr = x.rowLevels.count, nc = x.columnLevels.count
        let cells = try #require(ref["cells"] as? [[String: Any]])
        #expect(cells.count == 4)
        for cell in cells {
            let r = try CrosstabReportTests.index(cell["row"], in: x.rowLevels)
            let c = try CrosstabReportTests.index(cell["col"], in: x.columnLevels)
            let label = "[\(x.rowLevels[r]), \(x.columnLevels[c])]"
            Self.close(x.counts.elements[r + c * nr].value, cell["count"], "\(label) count")
            Self.close(x.counts.elements[r + c * nr].standardError, cell["count_se"], "\(label) count SE")
            Self.close(x.cell.elements[r + c * nr].value, cell["cell"], "\(label) cell")
            Self.close(x.cell.elements[r + c * nr].standardError, cell["cell_se"], "\(label) cell SE")
            for (name, e, value, se, ci) in [
                ("row", x.row.elements[c + r * nc], cell["row_percent"], cell["row_se"], cell["row_ci"]),
                ("column", x.column.elements[r + c * nr], cell["col_percent"], cell["col_se"], cell["col_ci"]),
            ] {
                Self.close(e.value, value, "\(label) \(name) percent")
                Self.close(e.standardError, se, "\(label) \(name) SE")
                if let ci = ci as? [Double] {
                    Self.close(e.ciLower, ci[0], "\(label) \(name) CI lower")
                    Self.close(e.ciUpper, ci[1], "\(label) \(name) CI upper")
                } else {
                    #expect(e.ciLower.isNaN && e.ciUpper.isNaN, "\(label) \(name): p is 0 or 1, interval undefined")
                }
            }
        }
    }

    /// `svyby(~api00, ~cname, rd, svymean)` and `svyby(~stype, ~cname, ...)`: eight of the eleven
    /// counties are empty in one replicate each; every SE as R's per-domain `svrVar`.
    @Test(arguments: ["api00", "stype"])
    func domainsEmptyInSomeReplicatesMatchR(_ variable: String) throws {
        let (d, t) = try Self.design()
        let ref = try #require(try CalibrationFixtures.json("undefined.json")["by_cname_\(variable)"] as? [[String: Any]])
        let by = Domains(column: try t.column(named: "cname"))
        let est = variable == "api00"
            ? try d.means([t.column(named: "api00")], by: by)
            : try d.proportions(t.column(named: "stype"), by: by)
        #expect(est.elements.count == ref.count)
        for r in ref {
            let name = try #require(r["name"] as? String)
            let parts = name.split(separator: ":").map(String.init)
            let e = try #require(est.elements.first { e in
                e.domain?.value == parts[0] && (parts.count == 1 || "stype" + (e.level ?? "") == parts[1])
            })
            Self.close(e.value, r["estimate"], "\(name) estimate")
            Self.close(e.standardError, r["se"], "\(name) SE")
        }
    }

    /// Hand calculation (JK1, 4 replicates, scale (R−1)/R = 3/4): column a = (1, 2, NaN, 3) drops
    /// replicate 3: mean 2, Σ dev² = 2, variance ¾·2 = 1.5. Column b = (1, 1, 1, 5) keeps all four:
    /// mean 2, Σ dev² = 12, variance 9. Their covariance sums over replicates 1, 2, 4 with each
    /// column's own centre: ¾·((−1)(−1) + 0·(−1) + 1·3) = 3. Column c, NaN in every replicate, is
    /// undefined (NaN) without touching a and b.
    @Test func eachEstimateDropsOnlyItsOwnUndefinedReplicates() throws {
        let thetas = try Matrix(columns: [[1, 2, .nan, 3], [1, 1, 1, 5], [.nan, .nan, .nan, .nan]])
        let v = try ReplicateDesign.replicateVariance(thetas, full: [2, 2, .nan], scale: 0.75,
                                                      rscales: [1, 1, 1, 1], mse: false)
        #expect(abs(v[0, 0] - 1.5) < 1e-15)
        #expect(abs(v[1, 1] - 9) < 1e-15)
        #expect(abs(v[0, 1] - 3) < 1e-15 && abs(v[1, 0] - 3) < 1e-15)
        #expect(v[2, 2].isNaN && v[0, 2].isNaN && v[2, 1].isNaN)
    }
}
