import Foundation
import Testing
import Survey

/// `Design.crosstab` (cells, SEs, Rao–Scott F, chi-square and saddlepoint) against R `svychisq` / `svymean` of
/// the interaction: `Tests/Fixtures/rsurvey-extra/chisq.R` → `chisq.json` (stratified, one- and
/// two-stage cluster, raked and JK1 replicate designs) and `../shared/reference/rsurvey/expected.json`
/// (`svychisq_sch.wide_stype` for the SRS, stratified and cluster designs). 1e-10 relative (`CalibrationFixtures.tolerance`).
@Suite struct CrosstabTests {
    static let cases = [
        "strat_sch.wide_stype", "strat_awards_both", "clus1_sch.wide_stype", "clus1_awards_both",
        "clus2_sch.wide_stype", "clus2_awards_both", "clus1_raked_sch.wide_stype", "clus1_raked_awards_both",
        "clus1_jk1_sch.wide_stype", "clus1_jk1_awards_both", "clus1_na20_sch.wide_stype",
    ]
    static func rel(_ a: Double, _ b: Double, _ what: String = "") -> Double {
        what.isEmpty ? CalibrationFixtures.relativeError(a, b) : CalibrationFixtures.agreement(what, a, b)
    }

    static func check(_ result: CrosstabResult, f: [String: Double], chisq: [String: Double], label: String) {
        guard let test = result.test else { Issue.record("\(label): no Rao–Scott test"); return }
        #expect(rel(test.f, f["statistic"] ?? .nan, "Rao-Scott F") < CalibrationFixtures.tolerance, "\(label) F")
        #expect(rel(test.numeratorDF, f["ndf"] ?? .nan, "Rao-Scott ndf") < CalibrationFixtures.tolerance, "\(label) ndf")
        #expect(rel(test.denominatorDF, f["ddf"] ?? .nan, "Rao-Scott ddf") < CalibrationFixtures.tolerance, "\(label) ddf")
        #expect(rel(test.fPValue, f["p_value"] ?? .nan, "Rao-Scott F p-value") < CalibrationFixtures.tolerance, "\(label) F p \(test.fPValue)")
        let pearson = chisq["pearson"] ?? chisq["statistic"] ?? .nan
        #expect(rel(test.pearson, pearson, "Pearson X2") < CalibrationFixtures.tolerance, "\(label) X²")
        #expect(test.chisqDF == chisq["df"])
        let p = chisq["p_value"] ?? .nan
        #expect((p > 0 && rel(test.chisqPValue, p, "Rao-Scott chisq p-value") < CalibrationFixtures.tolerance) || (p == 0 && test.chisqPValue < 1e-300), "\(label) chisq p")
    }

    @Test(arguments: cases)
    func matchesR(_ name: String) throws {
        let json = try CalibrationFixtures.json("chisq.json")
        let ref = try #require((json["cases"] as? [String: Any])?[name] as? [String: Any])
        let dataName = try #require(ref["data"] as? String)
        var t = try CalibrationFixtures.data(dataName)
        if let k = ref["missing_first_rows"] as? Int {   // R: sch.wide[1:k] <- NA
            let c = try t.column(named: "sch.wide")
            guard case .categorical(var codes, let levels) = c.values else { throw DataError("sch.wide not categorical") }
            for i in 0..<k { codes[i] = -1 }
            try t.setColumn(Column(name: c.name, values: .categorical(codes: codes, levels: levels)))
        }
        let d: any Design
        if name.hasPrefix("clus1_jk1") {
            d = try DesignGLMTests.design("clus1", t).replicateDesign(.jk1)
        } else {
            d = try DesignGLMTests.design(name.hasPrefix("clus1_raked") ? "clus1_raked" : String(name.prefix(while: { $0 != "_" })), t)
        }
        if ref["missing_first_rows"] != nil {
            let result = try d.crosstab(row: t.column(named: "sch.wide"), column: t.column(named: "stype"))
            #expect(result.missingRows == 20 && result.sampleSize == 183)
        }
        let rowName = try #require(ref["row"] as? String), colName = try #require(ref["col"] as? String)
        let result = try d.crosstab(row: t.column(named: rowName), column: t.column(named: colName))
        Self.check(
            result, f: try #require(ref["F"] as? [String: Double]), chisq: try #require(ref["Chisq"] as? [String: Double]),
            label: name)
        // R svychisq(statistic = "saddlepoint"): X² against the mixture of the design effects.
        let saddle = try #require(ref["saddlepoint"] as? [String: Double])
        let test = try #require(result.test)
        #expect(Self.rel(test.pearson, saddle["pearson"] ?? .nan) < CalibrationFixtures.tolerance)
        #expect(Self.rel(test.saddlepointPValue, saddle["p_value"] ?? .nan, "Rao-Scott saddlepoint p-value") < CalibrationFixtures.tolerance,
                "\(name) saddlepoint p \(test.saddlepointPValue) vs R \(saddle["p_value"] ?? .nan)")
        let cells = try #require(ref["cells"] as? [[String: Any]])
        for cell in cells {
            let r = try #require(cell["row"] as? String), c = try #require(cell["col"] as? String)
            let ours = try #require(result.cells.first { $0.row == r && $0.column == c })
            #expect(Self.rel(ours.proportion, cell["proportion"] as? Double ?? .nan, "crosstab cell proportion") < CalibrationFixtures.tolerance)
            let se = cell["se"] as? Double ?? .nan
            #expect(abs(ours.standardError - se) <= max(CalibrationFixtures.tolerance * se, 1e-12), "\(name) \(r)×\(c) se")
            if se > 1e-10 { _ = Self.rel(ours.standardError, se, "crosstab cell SE") }
        }
    }

    /// The three designs of the shared reference file.
    @Test(arguments: ["srs", "strat", "clus1"])
    func matchesSharedExpected(_ name: String) throws {
        let url = try #require(SharedData.reference("rsurvey/expected.json"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let ref = try #require(((json?["designs"] as? [String: Any])?[name] as? [String: Any])?["svychisq_sch.wide_stype"] as? [String: Any])
        let t: Table
        let d: SurveyDesign
        if name == "srs" {
            t = try CalibrationFixtures.data("apisrs.csv")
            d = try SurveyDesign(rows: t.rowCount, fpc: [t.column(named: "fpc")])
        } else {
            t = try CalibrationFixtures.data(name == "strat" ? "apistrat.csv" : "apiclus1.csv")
            d = try DesignGLMTests.design(name, t)
        }
        let result = try d.crosstab(row: t.column(named: "sch.wide"), column: t.column(named: "stype"))
        func numbers(_ any: Any?) -> [String: Double] {
            (any as? [String: Any] ?? [:]).compactMapValues { DesignFixtures.number($0) }
        }
        Self.check(result, f: numbers(ref["F"]), chisq: numbers(ref["Chisq"]), label: name)
    }
}
