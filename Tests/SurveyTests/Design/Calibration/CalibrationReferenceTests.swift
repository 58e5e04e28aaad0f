import Foundation
import Testing
import Survey

/// Calibrated weights and post-calibration SEs against R `survey` 4.1.1
/// (`Tests/Fixtures/rsurvey-extra/calibration.R` → `calibration.json`): raking, post-stratification
/// and linear calibration of the stratified (`apistrat`) and one-stage cluster (`apiclus1`) designs.
/// SEs here use an independent one-stage Taylor variance (see `oneStageVariance`), so these tests
/// check the calibration and its residualisation alone.
@Suite struct CalibrationReferenceTests {
    static let caseNames = [
        "strat_rake", "strat_poststratify", "strat_linear", "clus1_rake", "clus1_poststratify", "clus1_linear",
    ]

    struct Loaded {
        let table: Table
        let calibration: Calibration
        let reference: [String: Any]
        let strata: [Int]
        let clusters: [Int]
        let population: [Double]
        let baseWeights: [Double]
    }

    static func load(_ name: String) throws -> Loaded {
        let json = try CalibrationFixtures.json("calibration.json")
        let cases = json["cases"] as? [String: Any] ?? [:]
        let ref = try #require(cases[name] as? [String: Any])
        let dataName = try #require(ref["data"] as? String)
        let marginsName = try #require(ref["margins"] as? String)
        let methodName = try #require(ref["method"] as? String)
        let table = try CalibrationFixtures.data(dataName)
        let margins = try CalibrationMargins(table: try CalibrationFixtures.loadCSV(CalibrationFixtures.extra(marginsName)))
        let method = try #require(CalibrationMethod(rawValue: methodName))
        let pw = try table.numeric("pw")
        let cal = try Calibration(table: table, weights: pw, margins: margins, method: method, epsilon: 1e-13)
        let stratified = name.hasPrefix("strat")
        let stype = try table.column(named: "stype")
        let strata = (0..<table.rowCount).map { stratified ? Int(stype.text(at: $0)?.unicodeScalars.first?.value ?? 0) : 0 }
        let clusters = stratified ? Array(0..<table.rowCount) : try table.numeric("dnum").map { Int($0) }
        return Loaded(
            table: table, calibration: cal, reference: ref, strata: strata, clusters: clusters,
            population: try table.numeric("fpc"), baseWeights: pw)
    }

    @Test(arguments: caseNames)
    func weightsMatchR(_ name: String) throws {
        let l = try Self.load(name)
        let want = try #require(l.reference["weights"] as? [Double])
        #expect(want.count == l.calibration.weights.count)
        let worst = zip(l.calibration.weights, want).map { CalibrationFixtures.agreement("weights \(l.calibration.method.rawValue)", $0, $1) }.max() ?? 0
        #expect(worst < CalibrationFixtures.tolerance, "\(name): max relative error of weights \(worst)")
        #expect(l.calibration.worstRelativeGap < CalibrationFixtures.tolerance)
    }

    @Test(arguments: caseNames)
    func standardErrorsMatchR(_ name: String) throws {
        let l = try Self.load(name)
        let w = l.calibration.weights
        let sumW = w.reduce(0, +)
        func check(_ label: String, _ y: [Double], total: Bool, reference: [String: Any]?) throws {
            let ref = try #require(reference, "\(name): no reference for \(label)")
            let estimate = zip(w, y).reduce(0) { $0 + $1.0 * $1.1 } / (total ? 1 : sumW)
            let z = total ? zip(w, y).map { $0 * $1 } : zip(w, y).map { $0 * ($1 - estimate) / sumW }
            let r = try l.calibration.adjustment.residualize(try Matrix(columns: [z]))
            let se = oneStageVariance(r.column(0), strata: l.strata, clusters: l.clusters, populationSize: l.population)
                .squareRoot()
            let wantEstimate = try #require(ref["estimate"] as? Double)
            let wantSE = try #require(ref["se"] as? Double)
            #expect(CalibrationFixtures.relativeError(estimate, wantEstimate) < CalibrationFixtures.tolerance, "\(name) \(label) estimate")
            let tolerance = wantSE < 1e-10 ? 1e-10 : CalibrationFixtures.tolerance * wantSE
            if wantSE >= 1e-10 { _ = CalibrationFixtures.agreement("SE after \(l.calibration.method.rawValue)", se, wantSE) }
            #expect(abs(se - wantSE) < tolerance, "\(name) \(label) SE \(se) vs R \(wantSE)")
        }
        let means = l.reference["svymean"] as? [String: Any]
        let totals = l.reference["svytotal"] as? [String: Any]
        for v in ["api00", "enroll"] {
            let y = try l.table.numeric(v)
            try check("mean \(v)", y, total: false, reference: means?[v] as? [String: Any])
            try check("total \(v)", y, total: true, reference: totals?[v] as? [String: Any])
        }
        let both = try l.table.column(named: "both")
        let props = l.reference["svymean_both"] as? [String: Any]
        for level in ["No", "Yes"] {
            let y = (0..<l.table.rowCount).map { both.text(at: $0) == level ? 1.0 : 0.0 }
            try check("proportion both=\(level)", y, total: false, reference: props?["both\(level)"] as? [String: Any])
        }
    }
}

/// A JK1 replicate design (R `as.svrepdesign(dclus1, type = "JK1")`) raked to the api margins:
/// every replicate is raked too; SEs against R (`calibration.json`, case `clus1_jk1_rake`).
@Suite struct ReplicateCalibrationTests {
    @Test func rakedJK1MatchesR() throws {
        let json = try CalibrationFixtures.json("calibration.json")
        let ref = try #require((json["cases"] as? [String: Any])?["clus1_jk1_rake"] as? [String: Any])
        let t = try CalibrationFixtures.data("apiclus1.csv")
        let base = try SurveyDesign(rows: t.rowCount, weights: t.column(named: "pw"), clusters: [t.column(named: "dnum")],
                                    fpc: [t.column(named: "fpc")])
        let jk1 = try base.replicateDesign(.jk1)
        let margins = try CalibrationMargins(table: CalibrationFixtures.loadCSV(CalibrationFixtures.extra("api_margins.csv")))
        let cal = try Calibration(table: t, weights: jk1.weights, margins: margins, method: .rake, epsilon: 1e-13)
        let raked = try jk1.calibrated(by: cal)
        let columns = [try t.column(named: "api00"), try t.column(named: "enroll")]
        for (key, est) in [("svymean", try raked.means(columns)), ("svytotal", try raked.totals(columns))] {
            let refs = try #require(ref[key] as? [String: [String: Double]])
            for e in est.elements {
                let want = try #require(refs[e.variable]?["se"])
                #expect(abs(e.standardError - want) <= CalibrationFixtures.tolerance * want, "\(key) \(e.variable): \(e.standardError) vs R \(want)")
                _ = CalibrationFixtures.agreement("SE after rake (JK1 replicates)", e.standardError, want)
            }
        }
    }
}
