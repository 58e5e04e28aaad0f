import Foundation
import Testing
@testable import barometer
import Survey

/// `estimate --calibrate/--calfun/--bounds/--trim` and `rake --method linear --calfun/--bounds/--trim`
/// end to end against R `survey` 4.1.1 (`Tests/Fixtures/rsurvey-extra/calibration2.R` →
/// `calibration2.json`), and the refusals of issue 11 item 5 (exit 1, nothing written).
@Suite struct CalibrationFlagsCommandTests {
    static let extra = RakeCommandTests.fixtures.appendingPathComponent("rsurvey-extra")
    static let clus1 = ["--weights", "pw", "--cluster", "dnum", "--fpc", "fpc"]

    static func reference(_ name: String) throws -> [String: Any] {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: extra.appendingPathComponent("calibration2.json")))
        return try #require(((json as? [String: Any])?["cases"] as? [String: Any])?[name] as? [String: Any])
    }

    /// Mean of api00 (estimate, SE) from `estimate … --format json`.
    static func mean(_ args: [String]) throws -> (Double, Double) {
        let r = Barometer.execute(["estimate"] + args + ["--mean", "api00", "--format", "json"])
        #expect(r.exitCode == 0, "\(r.errors)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any])
        let first = try #require((json["estimates"] as? [[String: Any]])?.first)
        return (try #require(first["estimate"] as? Double), try #require(first["se"] as? Double))
    }

    static func wantMean(_ name: String) throws -> (Double, Double) {
        let r = try #require(((try reference(name))["svymean"] as? [String: Any])?["api00"] as? [String: Any])
        return (try #require(r["estimate"] as? Double), try #require(r["se"] as? Double))
    }

    @Test(arguments: [
        ("clus1_linear_stu", ["--calibrate", "api_margins_stu.csv"]),
        ("clus1_logit_b", ["--calibrate", "api_margins.csv", "--calfun", "logit", "--bounds", "0.75,1.8"]),
        ("clus1_raking_b", ["--calibrate", "api_margins.csv", "--calfun", "raking", "--bounds", "0.75,1.8"]),
        ("clus1_linear_trim", ["--calibrate", "api_margins.csv", "--trim", "30,50", "--trim-strict"]),
    ])
    func estimateCalibrateMatchesR(_ name: String, _ flags: [String]) throws {
        let resolved = flags.map { $0.hasSuffix(".csv") ? Self.extra.appendingPathComponent($0).path : $0 }
        let (value, se) = try Self.mean([RakeCommandTests.data] + Self.clus1 + resolved + ["--rake-epsilon", "1e-13"])
        let (wantValue, wantSE) = try Self.wantMean(name)
        #expect(abs(value - wantValue) <= 1e-10 * wantValue, "\(name) mean \(value) vs R \(wantValue)")
        #expect(abs(se - wantSE) <= 1e-10 * wantSE, "\(name) SE \(se) vs R \(wantSE)")
    }

    /// `trimWeights(d, lower = 20, upper = 40)` on the stratified design, then svymean.
    @Test func estimateTrimMatchesR() throws {
        let strat = RakeCommandTests.fixtures.appendingPathComponent("rsurvey/data/apistrat.csv").path
        let (value, se) = try Self.mean([strat, "--weights", "pw", "--strata", "stype", "--fpc", "fpc", "--trim", "20,40"])
        let (wantValue, wantSE) = try Self.wantMean("strat_trim")
        #expect(abs(value - wantValue) <= 1e-10 * wantValue)
        #expect(abs(se - wantSE) <= 1e-10 * wantSE, "SE \(se) vs R \(wantSE)")
    }

    /// rake --method linear --calfun raking writes R's weights and reports R's diagnostics.
    @Test func rakeCalfunWritesRWeightsAndDiagnostics() throws {
        try RakeCommandTests.withDirectory { dir in
            let out = dir.appendingPathComponent("w.csv").path
            let r = Barometer.execute(["rake", RakeCommandTests.data] + Self.clus1 + [
                "--margins", RakeCommandTests.margins, "--method", "linear", "--calfun", "raking", "--bounds", "0.75,1.8",
                "--rake-epsilon", "1e-13", "--out", out, "--format", "json",
            ])
            #expect(r.exitCode == 0, "\(r.errors)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any])
            #expect(json["converged"] as? Bool == true)
            #expect(json["calfun"] as? String == "raking")
            let ref = try Self.reference("clus1_raking_b")
            let want = try #require(ref["weights"] as? [Double])
            let got = try CSVReader().read(path: out).numeric("pw_cal")
            #expect(zip(got, want).map { abs($0 - $1) / $1 }.max() ?? 1 < 1e-10)
            let after = try #require(json["weights_after"] as? [String: Any])
            let diag = try #require(ref["diagnostics"] as? [String: Any])
            for key in ["min", "max", "max_over_min", "kish_deff", "effective_n"] {
                let a = try #require(after[key] as? Double), b = try #require(diag[key] as? Double)
                #expect(abs(a - b) <= 1e-10 * abs(b), "\(key): \(a) vs R \(b)")
            }
        }
    }

    /// Issue 11 "Why": linear calibration with a zero margin wrote negative weights. Now exit 1 with
    /// the reason and no file; --allow-negative-weights writes them and says how many are negative.
    @Test func zeroMarginIsRefusedUnlessAllowed() throws {
        try RakeCommandTests.withDirectory { dir in
            let margins = dir.appendingPathComponent("zero.csv")
            try "variable,level,total\nstype,E,0\nstype,H,755\nstype,M,1018\n".write(to: margins, atomically: true, encoding: .utf8)
            let out = dir.appendingPathComponent("w.csv").path
            let args = ["rake", RakeCommandTests.data, "--weights", "pw", "--margins", margins.path, "--method", "linear", "--out", out]
            let r = Barometer.execute(args)
            #expect(r.exitCode == 1)
            #expect(r.errors.contains("margin level 'E' of 'stype' has population total 0 but occurs in"))
            #expect(!FileManager.default.fileExists(atPath: out))
            let ok = Barometer.execute(args + ["--allow-negative-weights", "--format", "json"])
            #expect(ok.exitCode == 0, "\(ok.errors)")
            #expect(FileManager.default.fileExists(atPath: out))
        }
    }

    /// Linear calibration to a numeric total far from the sample (R: 33 negative weights on apistrat)
    /// is refused with R's count; `"converged"` is false (exit 0) only when asked with
    /// --allow-not-converged, and raking that runs out of iterations is exit 1 otherwise.
    @Test func negativeWeightsAndNonConvergenceInTheCLI() throws {
        try RakeCommandTests.withDirectory { dir in
            let strat = RakeCommandTests.fixtures.appendingPathComponent("rsurvey/data/apistrat.csv").path
            let far = Self.extra.appendingPathComponent("api_margins_stu_far.csv").path
            let out = dir.appendingPathComponent("w.csv").path
            let negative = try #require(((try Self.reference("strat_linear_far"))["diagnostics"] as? [String: Any])?["negative"] as? Double)
            let r = Barometer.execute(["rake", strat, "--weights", "pw", "--margins", far, "--method", "linear", "--out", out])
            #expect(r.exitCode == 1)
            #expect(r.errors.contains("linear calibration gave unusable weights: \(Int(negative)) negative (minimum "))
            let rake = ["rake", strat, "--weights", "pw", "--margins", RakeCommandTests.margins, "--rake-maxit", "2", "--out", out]
            let stopped = Barometer.execute(rake)
            #expect(stopped.exitCode == 1)
            #expect(stopped.errors.contains("raking did not converge after 2 iterations"))
            let kept = Barometer.execute(rake + ["--allow-not-converged", "--format", "json"])
            #expect(kept.exitCode == 0, "\(kept.errors)")
            #expect(kept.output.contains("\"converged\": false"))
        }
    }

    @Test(arguments: [
        ["--calfun", "logit", "--calibrate", "m.csv"], ["--bounds", "1.2,2", "--calibrate", "m.csv"],
        ["--calibrate", "m.csv", "--rake", "m.csv"], ["--trim-strict"], ["--trim", "5,2"],
    ])
    func badCalibrationUsageExitsTwo(_ flags: [String]) {
        let r = Barometer.execute(["estimate", RakeCommandTests.data, "--weights", "pw", "--mean", "api00"] + flags)
        #expect(r.exitCode == 2, "\(flags): \(r.errors)")
    }
}
