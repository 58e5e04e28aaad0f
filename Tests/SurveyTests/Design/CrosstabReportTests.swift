import Foundation
import Testing
import Survey
@testable import SurveyEstimation

/// Crosstab for reports against R `survey` 4.1.1 (`Tests/Fixtures/rsurvey-extra/crosstab.R` →
/// `crosstab.json`; stratified, one-stage cluster and JK1 designs, three tables): weighted counts
/// with SEs (`svytotal`), cell, row and column percentages with SEs, df and logit intervals
/// (`svyciprop(method = "logit")` on the subset), margins, `svychisq(statistic = "Wald" |
/// "adjWald")`, and the banner's pairwise column differences (`svycontrast` on `svyby(covmat =
/// TRUE)`, t on the design df, `p.adjust` Holm and Bonferroni). 1e-10 relative.
@Suite struct CrosstabReportTests {
    static let cases = [
        "strat_sch.wide_stype", "strat_awards_stype", "strat_stype_awards", "clus1_sch.wide_stype",
        "clus1_awards_stype", "clus1_stype_awards", "clus1_jk1_sch.wide_stype", "clus1_jk1_awards_stype",
        "clus1_jk1_stype_awards",
    ]

    static func load(_ name: String) throws -> (any Design, Table, [String: Any]) {
        let json = try CalibrationFixtures.json("crosstab.json")
        let ref = try #require((json["cases"] as? [String: Any])?[name] as? [String: Any])
        let t = try CalibrationFixtures.data(try #require(ref["data"] as? String))
        let d: any Design = name.hasPrefix("clus1_jk1")
            ? try DesignGLMTests.design("clus1", t).replicateDesign(.jk1)
            : try DesignGLMTests.design(String(name.prefix(while: { $0 != "_" })), t)
        return (d, t, ref)
    }

    /// Index of the level named by a JSON string among `levels`.
    static func index(_ any: Any?, in levels: [String]) throws -> Int {
        guard let name = any as? String, let k = levels.firstIndex(of: name) else {
            throw DataError("level \(String(describing: any)) not among \(levels)")
        }
        return k
    }

    static func close(_ what: String, _ got: Double, _ want: Any?, _ label: String) {
        guard let w = DesignFixtures.number(want) else { Issue.record("\(label): no reference for \(what)"); return }
        let e = CalibrationFixtures.agreement("crosstab \(what)", got, w)
        #expect(e < CalibrationFixtures.tolerance, "\(label) \(what): \(got) vs R \(w)")
    }

    /// One percentage (estimate, SE, df, logit interval) against R's `prop()` record: the df is
    /// that of R's subset (for a replicate design, the rank of the subset's replicate weights − 1).
    static func checkPercent(_ kind: String, _ e: EstimateElement, _ ref: Any?, _ label: String) {
        guard let r = ref as? [String: Any], let ci = r["ci"] as? [Double] else {
            Issue.record("\(label) \(kind)"); return
        }
        close("\(kind) percent", e.value, r["estimate"], label)
        close("\(kind) percent SE", e.standardError, r["se"], label)
        close("\(kind) percent logit CI", e.ciLower, ci[0], label)
        close("\(kind) percent logit CI", e.ciUpper, ci[1], label)
        #expect(e.degreesOfFreedom == DesignFixtures.number(r["df"]), "\(label) \(kind) df")
    }

    @Test(arguments: cases)
    func percentagesCountsAndMarginsMatchR(_ name: String) throws {
        let (d, t, ref) = try Self.load(name)
        let rowName = try #require(ref["row"] as? String), colName = try #require(ref["col"] as? String)
        let x = try d.crosstabPercentages(row: t.column(named: rowName), column: t.column(named: colName))
        let nr = x.rowLevels.count, nc = x.columnLevels.count
        let cells = try #require(ref["cells"] as? [[String: Any]])
        #expect(cells.count == nr * nc)
        for cell in cells {
            let r = try Self.index(cell["row"], in: x.rowLevels)
            let c = try Self.index(cell["col"], in: x.columnLevels)
            let label = "\(name) [\(x.rowLevels[r]), \(x.columnLevels[c])]"
            Self.close("count", x.counts.elements[r + c * nr].value, cell["count"], label)
            Self.close("count SE", x.counts.elements[r + c * nr].standardError, cell["count_se"], label)
            Self.checkPercent("cell", x.cell.elements[r + c * nr], cell["cell"], label)
            Self.checkPercent("row", x.row.elements[c + r * nc], cell["row_percent"], label)
            Self.checkPercent("column", x.column.elements[r + c * nr], cell["col_percent"], label)
        }
        let margins = try #require(ref["margins"] as? [String: Any])
        for (key, levels, counts, percents) in [
            ("rows", x.rowLevels, x.rowMarginCounts, x.rowMargin), ("cols", x.columnLevels, x.columnMarginCounts, x.columnMargin),
        ] {
            for m in try #require(margins[key] as? [[String: Any]]) {
                let k = try Self.index(m["level"], in: levels)
                Self.close("margin count", counts.elements[k].value, m["count"], "\(name) \(key)")
                Self.close("margin count SE", counts.elements[k].standardError, m["count_se"], "\(name) \(key)")
                Self.checkPercent("margin", percents.elements[k], m["percent"], "\(name) \(key)")
            }
        }
    }

    @Test(arguments: cases)
    func waldTestsMatchR(_ name: String) throws {
        let (d, t, ref) = try Self.load(name)
        let result = try d.crosstab(
            row: t.column(named: ref["row"] as? String ?? ""), column: t.column(named: ref["col"] as? String ?? ""))
        let tests = try #require(result.wald)
        for (key, test) in [("Wald", tests.plain), ("adjWald", tests.adjusted)] {
            let r = try #require(ref[key] as? [String: Any])
            Self.close("\(key) F", test.f, r["statistic"], name)
            Self.close("\(key) ndf", test.numeratorDF, r["ndf"], name)
            Self.close("\(key) ddf", test.denominatorDF, r["ddf"], name)
            Self.close("\(key) p-value", test.pValue, r["p_value"], name)
        }
    }

    @Test(arguments: cases)
    func bannerPairsMatchR(_ name: String) throws {
        let (d, t, ref) = try Self.load(name)
        let x = try d.crosstabPercentages(
            row: t.column(named: ref["row"] as? String ?? ""), column: t.column(named: ref["col"] as? String ?? ""))
        let df = try #require(DesignFixtures.number(ref["design_df"]))
        let holm = BannerComparison(x, degreesOfFreedom: df, adjustment: .holm, alpha: 0.05)
        let bonferroni = BannerComparison(x, degreesOfFreedom: df, adjustment: .bonferroni, alpha: 0.05)
        let pairs = try #require(ref["banner"] as? [[String: Any]])
        #expect(pairs.count == holm.pairs.count)
        for p in pairs {
            let r = try Self.index(p["row"], in: x.rowLevels)
            let a = try Self.index(p["a"], in: x.columnLevels)
            let b = try Self.index(p["b"], in: x.columnLevels)
            let mine = try #require(holm.pairs.first { $0.row == r && $0.a == a && $0.b == b })
            let other = try #require(bonferroni.pairs.first { $0.row == r && $0.a == a && $0.b == b })
            let label = "\(name) \(x.rowLevels[r]) \(x.columnLevels[a])-\(x.columnLevels[b])"
            Self.close("banner difference", mine.difference, p["difference"], label)
            Self.close("banner SE", mine.standardError, p["se"], label)
            Self.close("banner t", mine.t, p["t"], label)
            Self.close("banner p-value", mine.p, p["p"], label)
            Self.close("banner Holm p-value", mine.adjustedP, p["holm"], label)
            Self.close("banner Bonferroni p-value", other.adjustedP, p["bonferroni"], label)
            // The letter is there exactly when R's adjusted p is below 0.05, on the higher column.
            let significant = (DesignFixtures.number(p["holm"]) ?? 1) < 0.05
            let higher = mine.difference > 0 ? a : b, lower = mine.difference > 0 ? b : a
            #expect(holm.marks[r][higher].contains(holm.letters[lower]) == significant, "\(label) letter")
        }
    }

    /// Holm and Bonferroni by hand (R: p.adjust(c(0.01, 0.04, 0.03), "holm") = 0.03, 0.06, 0.06).
    @Test func adjustmentsByHand() {
        #expect(PValueAdjustment.holm.adjust([0.01, 0.04, 0.03]) == [0.03, 0.06, 0.06])
        #expect(PValueAdjustment.bonferroni.adjust([0.01, 0.04, 0.5]).map { ($0 * 1e12).rounded() / 1e12 } == [0.03, 0.12, 1])
        #expect(BannerComparison.letter(0) == "A" && BannerComparison.letter(25) == "Z" && BannerComparison.letter(26) == "AA")
    }
}
