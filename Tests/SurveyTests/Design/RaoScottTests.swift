import Foundation
import Testing
import Survey

/// Rao–Scott statistics against R `svychisq` (`Tests/Fixtures/rsurvey-extra/chisq.R` →
/// `chisq.json`; the strat/clus1 sch.wide × stype cases are also in
/// `../shared/reference/rsurvey/expected.json`). The cell covariance comes from the independent
/// one-stage Taylor variance in the test support, so this checks `raoScott` alone.
@Suite struct RaoScottTests {
    static let caseNames = ["strat_sch.wide_stype", "strat_awards_both", "clus1_sch.wide_stype", "clus1_awards_both"]

    @Test(arguments: caseNames)
    func matchesR(_ name: String) throws {
        let json = try CalibrationFixtures.json("chisq.json")
        let ref = try #require((json["cases"] as? [String: Any])?[name] as? [String: Any])
        let dataName = try #require(ref["data"] as? String)
        let table = try CalibrationFixtures.data(dataName)
        let rowName = try #require(ref["row"] as? String), colName = try #require(ref["col"] as? String)
        let row = try table.column(named: rowName), col = try table.column(named: colName)
        let rowLevels = Array(Set((0..<table.rowCount).compactMap { row.text(at: $0) })).sorted()
        let colLevels = Array(Set((0..<table.rowCount).compactMap { col.text(at: $0) })).sorted()
        let (nr, nc, n) = (rowLevels.count, colLevels.count, table.rowCount)
        let w = try table.numeric("pw")
        let sumW = w.reduce(0, +)
        var z = Matrix(rows: n, columns: nr * nc)
        var p = [Double](repeating: 0, count: nr * nc)
        for i in 0..<n {
            let r = try #require(rowLevels.firstIndex(of: row.text(at: i) ?? "")), c = try #require(colLevels.firstIndex(of: col.text(at: i) ?? ""))
            p[r + c * nr] += w[i] / sumW
        }
        for i in 0..<n {
            let cell = (rowLevels.firstIndex(of: row.text(at: i) ?? "") ?? 0) + (colLevels.firstIndex(of: col.text(at: i) ?? "") ?? 0) * nr
            for k in 0..<(nr * nc) { z[i, k] = w[i] * ((k == cell ? 1 : 0) - p[k]) / sumW }
        }
        let stratified = name.hasPrefix("strat")
        let stype = try table.column(named: "stype")
        let strata = (0..<n).map { stratified ? (stype.text(at: $0) == "E" ? 0 : stype.text(at: $0) == "H" ? 1 : 2) : 0 }
        let clusters = stratified ? Array(0..<n) : try table.numeric("dnum").map { Int($0) }
        let v = oneStageCovariance(z, strata: strata, clusters: clusters, populationSize: try table.numeric("fpc"))
        let nu = Double(Set(clusters).count - Set(strata).count)
        let result = try raoScott(proportions: p, covariance: v, rows: nr, columns: nc, sampleSize: Double(n), designDF: nu)
        let f = try #require(ref["F"] as? [String: Double]), chisq = try #require(ref["Chisq"] as? [String: Double])
        let rel = CalibrationFixtures.relativeError
        #expect(rel(result.f, f["statistic"] ?? .nan) < 1e-9)
        #expect(rel(result.numeratorDF, f["ndf"] ?? .nan) < 1e-9)
        #expect(rel(result.denominatorDF, f["ddf"] ?? .nan) < 1e-9)
        #expect(rel(result.pearson, chisq["pearson"] ?? .nan) < 1e-9)
        #expect(result.chisqDF == chisq["df"])
        #expect(rel(result.fPValue, f["p_value"] ?? .nan) < 1e-9, "F p \(result.fPValue)")
        #expect(rel(result.chisqPValue, chisq["p_value"] ?? .nan) < 1e-9 || (chisq["p_value"] == 0 && result.chisqPValue < 1e-300), "chisq p \(result.chisqPValue)")
        let saddle = try #require(ref["saddlepoint"] as? [String: Double])
        #expect(rel(result.saddlepointPValue, saddle["p_value"] ?? .nan) < 1e-9, "saddlepoint p \(result.saddlepointPValue)")
        // Cell proportions and SEs (svymean of the interaction, rows fastest).
        let cells = try #require(ref["cells"] as? [[String: Any]])
        for (k, cell) in cells.enumerated() {
            #expect(rel(p[k], cell["proportion"] as? Double ?? .nan) < 1e-9)
            #expect(abs(v[k, k].squareRoot() - (cell["se"] as? Double ?? .nan)) < 1e-9 * max(1e-3, v[k, k].squareRoot()))
        }
    }
}
