import Foundation
import Testing
@testable import barometer

/// `barometer estimate` end to end: JSON contract values against R `survey` 4.1.1
/// (`Tests/Fixtures/rsurvey/expected.json`, clus1 = `svydesign(id=~dnum, weights=~pw, fpc=~fpc)`),
/// replicate flags, and every error path's exit code (1 bad data, 2 bad usage).
@Suite struct EstimateTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let clus1 = root.appendingPathComponent("Tests/Fixtures/rsurvey/data/apiclus1.csv").path
    static let strat = root.appendingPathComponent("Tests/Fixtures/rsurvey/data/apistrat.csv").path
    static let jk1 = root.appendingPathComponent("Tests/Fixtures/rsurvey-extra/clus1_jk1.csv").path

    static func json(_ args: [String]) throws -> [String: Any] {
        let r = Barometer.execute(["estimate"] + args + ["--format", "json"])
        #expect(r.exitCode == 0, "\(r.errors)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any])
    }

    static func close(_ a: Any?, _ b: Double) -> Bool {
        guard let x = (a as? NSNumber)?.doubleValue else { return false }
        return abs(x - b) <= 1e-9 * abs(b)
    }

    /// R: svymean(~api00, dclus1, deff=TRUE) = 644.1693989071039, SE 23.54224069378104, deff 9.34586945059095.
    @Test func meanJSONMatchesR() throws {
        let j = try Self.json([Self.clus1, "--weights", "pw", "--cluster", "dnum", "--fpc", "fpc", "--mean", "api00", "--deff"])
        let design = try #require(j["design"] as? [String: Any])
        #expect(design["kind"] as? String == "linearization")
        #expect(design["n"] as? Int == 183 && design["degf"] as? Int == 14 && design["strata"] as? Int == 1 && design["psus"] as? Int == 15)
        let e = try #require((j["estimates"] as? [[String: Any]])?.first)
        #expect(e["statistic"] as? String == "mean" && e["variable"] as? String == "api00")
        #expect(e["level"] is NSNull && e["domain"] is NSNull)
        #expect(Self.close(e["estimate"], 644.1693989071039))
        #expect(Self.close(e["se"], 23.54224069378104))
        #expect(Self.close(e["deff"], 9.34586945059095))
        #expect(e["ci_method"] as? String == "wald" && e["df"] as? Int == 14)
    }

    /// R: svyciprop(~I(awards=="Yes"), dclus1, method="beta") = (0.6334368390614713, 0.7793385361782997).
    @Test func proportionIntervalAndDomains() throws {
        let j = try Self.json([Self.clus1, "--weights", "pw", "--cluster", "dnum", "--fpc", "fpc",
                               "--proportion", "awards", "--ci-method", "beta"])
        let yes = try #require((j["estimates"] as? [[String: Any]])?.first { $0["level"] as? String == "Yes" })
        #expect(Self.close(yes["ci_lower"], 0.6334368390614713) && Self.close(yes["ci_upper"], 0.7793385361782997))
        #expect(yes["ci_method"] as? String == "beta")
        // R: svyby(~api00, ~stype, dclus1, svymean): E 648.8680555555555 (SE 22.36240889383189).
        let by = try Self.json([Self.clus1, "--weights", "pw", "--cluster", "dnum", "--fpc", "fpc", "--mean", "api00", "--by", "stype"])
        let e = try #require((by["estimates"] as? [[String: Any]])?.first {
            ($0["domain"] as? [String: Any])?["value"] as? String == "E" })
        #expect((e["domain"] as? [String: Any])?["var"] as? String == "stype")
        #expect(Self.close(e["estimate"], 648.8680555555555) && Self.close(e["se"], 22.36240889383189))
    }

    /// R: svyquantile(~api00, dclus1, 0.5) = 652 (561, 714), SE 35.66788269945275; svyratio(~api.stu, ~enroll) 0.8497087417244875.
    @Test func quantileAndRatio() throws {
        let j = try Self.json([Self.clus1, "--weights", "pw", "--cluster", "dnum", "--fpc", "fpc",
                               "--quantile", "api00:0.5", "--ratio", "api.stu/enroll"])
        let items = try #require(j["estimates"] as? [[String: Any]])
        let r = try #require(items.first { $0["statistic"] as? String == "ratio" })
        #expect(r["variable"] as? String == "api.stu/enroll" && Self.close(r["estimate"], 0.8497087417244875))
        let q = try #require(items.first { $0["statistic"] as? String == "quantile" })
        #expect(Self.close(q["estimate"], 652) && Self.close(q["ci_lower"], 561) && Self.close(q["ci_upper"], 714))
        #expect(Self.close(q["se"], 35.66788269945275) && q["qrule"] as? String == "math" && Self.close(q["p"], 0.5))
    }

    /// Given JK1 replicate weights (R: svrepdesign(type="JK1") on clus1_jk1.csv; scale (R−1)/R) and
    /// conversion (R: as.svrepdesign(dclus1) SE of mean api00 = SE by JK1 = design.json clus1_jk1).
    @Test func replicateFlags() throws {
        let cases = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.root.appendingPathComponent(
            "Tests/Fixtures/rsurvey-extra/design.json"))) as? [String: Any])["cases"] as? [String: Any]
        func reference(_ name: String) throws -> [String: Any] {
            let records = try #require((cases?[name] as? [String: Any])?["records"] as? [[String: Any]])
            return try #require(records.first { $0["statistic"] as? String == "mean" && $0["variable"] as? String == "api00" })
        }
        let given = try Self.json([Self.jk1, "--weights", "pw", "--repweights", "^rw[0-9]+$", "--rep-type", "jk1", "--mean", "api00"])
        #expect((given["design"] as? [String: Any])?["kind"] as? String == "replicate")
        let g = try #require((given["estimates"] as? [[String: Any]])?.first)
        #expect(Self.close(g["se"], try #require((try reference("given_jk1")["se"] as? NSNumber)?.doubleValue)))
        let converted = try Self.json([Self.clus1, "--weights", "pw", "--cluster", "dnum", "--fpc", "fpc",
                                       "--to-replicates", "jk1", "--mean", "api00"])
        let c = try #require((converted["estimates"] as? [[String: Any]])?.first)
        #expect(Self.close(c["se"], try #require((try reference("clus1_jk1")["se"] as? NSNumber)?.doubleValue)))
    }

    @Test func textMarkdownCSVRender() {
        for format in ["text", "markdown", "csv"] {
            let r = Barometer.execute(["estimate", Self.strat, "--weights", "pw", "--strata", "stype", "--mean", "api00",
                                       "--format", format])
            #expect(r.exitCode == 0 && r.output.contains("api00"), "\(format): \(r.errors)")
        }
    }

    // MARK: - Errors

    static func write(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("estimate-\(UUID().uuidString).csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test(arguments: [
        // (csv, flags, message fragment) — bad data, exit 1
        ("h,p,w,y\nA,1,1,2\nA,2,-1,3\nB,3,1,4\nB,4,1,5\n", ["--strata", "h", "--cluster", "p", "--weights", "w"], "negative"),
        ("h,p,w,y\nA,1,1,2\nA,2,NA,3\nB,3,1,4\nB,4,1,5\n", ["--strata", "h", "--cluster", "p", "--weights", "w"], "missing"),
        ("h,p,w,y\nA,1,1,2\nA,2,1,3\nB,3,1,4\n", ["--strata", "h", "--cluster", "p", "--weights", "w"], "Stratum (B) has only one PSU at stage 1"),
        ("h,p,w,y\nA,1,1,2\nA,2,1,3\nB,2,1,4\nB,3,1,5\n", ["--strata", "h", "--cluster", "p", "--weights", "w"], "appears in strata"),
        ("h,p,w,y\nA,1,1,NA\nA,2,1,NA\nB,3,1,NA\nB,4,1,NA\n", ["--strata", "h", "--cluster", "p", "--weights", "w", "--na-rm"], "no rows with both a value and a non-zero weight"),
        ("h,p,w,y\nA,1,1,NA\nA,2,1,3\nB,3,1,4\nB,4,1,5\n", ["--strata", "h", "--cluster", "p", "--weights", "w"], "--na-rm"),
        ("h,p,w,y\nA,1,1,2\nA,2,1,3\nB,3,1,4\nB,4,1,5\n", ["--strata", "h", "--cluster", "nope", "--weights", "w"], "no column named 'nope'"),
        ("h,p,w,y,r1\nA,1,1,2,1\nA,2,1,3,1\nB,3,1,4,1\nB,4,1,5,1\n", ["--weights", "w", "--repweights", "^r[0-9]", "--rep-type", "jk1"], "matches 1 column"),
    ])
    func badDataExitsOne(_ csv: String, _ flags: [String], _ fragment: String) throws {
        let path = try Self.write(csv)
        let r = Barometer.execute(["estimate", path] + flags + ["--mean", "y"])
        #expect(r.exitCode == 1, "\(flags): \(r.errors)")
        #expect(r.errors.contains(fragment), "\(r.errors)")
    }

    @Test(arguments: [
        [] as [String],                                                    // no statistic
        ["--mean", "api00", "--fay-rho", "0.3"],                           // rho without fay
        ["--mean", "api00", "--repweights", "^rw"],                        // no rep type
        ["--mean", "api00", "--rep-type", "jk1"],                          // no repweights
        ["--mean", "api00", "--weights", "pw", "--probs", "pw"],           // both weights and probs
        ["--mean", "api00", "--ci-method", "beta"],                        // ci method without proportion
        ["--quantile", "api00:1.5"],                                       // bad probability
        ["--mean", "api00", "--lonely-psu", "sometimes"],                  // bad enum
        ["--mean", "api00", "--fpc", "a,b"],                               // more fpc than stages
        ["--mean", "api00", "--rake", "m.csv", "--poststratify", "m.csv"], // two calibrations
        ["--mean", "api00", "--mse"],                                      // mse without replicates
    ])
    func badUsageExitsTwo(_ flags: [String]) {
        let r = Barometer.execute(["estimate", Self.clus1] + flags)
        #expect(r.exitCode == 2, "\(flags): \(r.errors)")
    }
}

extension EstimateTests {
    /// Replicate weights that cannot be of the stated type are rejected (exit 1): JK1 weights
    /// called BRR (ratios n/(n−1), not 0 or 2), and Fay weights (ρ = 0.3) called JK1 (no replicate drops a row).
    @Test func replicateTypeMismatchExitsOne() throws {
        let r = Barometer.execute(["estimate", Self.jk1, "--weights", "pw", "--repweights", "^rw[0-9]+$", "--rep-type", "brr",
                                   "--mean", "api00"])
        #expect(r.exitCode == 1 && r.errors.contains("check --rep-type"), "\(r.errors)")
        let paired = Self.root.appendingPathComponent("Tests/Fixtures/rsurvey-extra/paired9_reps.csv").path
        let b = Barometer.execute(["estimate", paired, "--weights", "wt", "--repweights", "^fay[0-9]+$", "--rep-type", "jk1",
                                   "--mean", "y"])
        #expect(b.exitCode == 1 && b.errors.contains("jackknife"), "\(b.errors)")
        let ok = Barometer.execute(["estimate", paired, "--weights", "wt", "--repweights", "^brr[0-9]+$", "--rep-type", "brr",
                                    "--mean", "y"])
        #expect(ok.exitCode == 0, "\(ok.errors)")
    }
}

extension EstimateTests {
    /// A rare level (one row of 200) under the default symmetric interval: the interval leaves
    /// [0, 1], as R's confint gives it, and a note says so and names the methods that stay inside;
    /// with --ci-method beta there is no note. By hand: weights 1, 2, 3 repeating over 200 rows sum
    /// to 66 · 6 + 1 + 2 = 399, and the one row with q = 1 (row 6) weighs 3: p = 3/399 = 0.0075.
    @Test func aProportionIntervalOutsideZeroOneIsNoted() throws {
        var text = "w,q\n"
        for i in 0..<200 { text += "\(1 + i % 3),\(i == 5 ? 1 : 0)\n" }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rare-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("rare.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let wald = Barometer.execute(["estimate", path, "--weights", "w", "--proportion", "q", "--width", "200"])
        #expect(wald.exitCode == 0 && wald.output.contains("0.0075"), "\(wald.output)")
        #expect(wald.output.contains("2 proportion interval(s) leave [0, 1] (q=0: 0.9777 to 1.0073)"), "\(wald.output)")
        #expect(wald.output.contains("--ci-method beta, logit or wilson"))
        let beta = Barometer.execute(["estimate", path, "--weights", "w", "--proportion", "q", "--ci-method", "beta", "--width", "200"])
        #expect(beta.exitCode == 0 && !beta.output.contains("leave [0, 1]"), "\(beta.output)")
    }
}
