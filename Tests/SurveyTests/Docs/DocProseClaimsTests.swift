import Foundation
import Testing
import Survey

/// More numbers typed in docs/*.md prose and tables (registered in docs/claims.md), each rebuilt
/// here from its source: R's committed output or the generated tables.
@Suite struct DocProseClaimsTests {
    /// 1234567.8 → "1,234,568".
    static func grouped(_ x: Double) -> String {
        let digits = String(Int(x.rounded()))
        var out = ""
        for (i, ch) in digits.reversed().enumerated() {
            if i > 0, i % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return String(out.reversed())
    }

    static func twoDecimals(_ x: Double) -> String { String(format: "%.2f", x) }

    /// docs/calibration.md's conversion table: every SE, ratio and "the same" is R survey 4.1.1's
    /// (`Tests/Fixtures/rsurvey-extra/parity.json`, section `conversion`), as printed; so is
    /// "195 instead of 197". (barometer's agreement with these at 1e-9: `ConversionCalibrationTests`.)
    @Test func calibrationConversionTableIsR() throws {
        let url = GeneratedBlock.url("Tests/Fixtures/rsurvey-extra/parity.json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let conversion = try #require(json["conversion"] as? [String: [String: Any]])
        func se(_ key: String, _ order: String, _ variable: String) throws -> Double {
            let c = try #require(conversion[key]?[order] as? [String: [String: Double]])
            return try #require(c[variable]?["se"])
        }
        func row(_ key: String, _ variable: String, _ format: (Double) -> String) throws -> String {
            let a = try se(key, "convert_then_calibrate", variable), b = try se(key, "calibrate_then_convert", variable)
            return "| \(format(a)) | \(format(b))" + (b / a > 1.5 ? " (\(Self.twoDecimals(b / a))×) |" : " |")
        }
        let text = try DocNumbersTests.doc("docs/calibration.md")
        let expected = [
            "| apiclus1 `id=~dnum`, JK1, post-stratify on stype | total enroll " + (try row("clus1_jk1_poststratify", "enroll", Self.grouped)),
            "| apiclus1, JK1, rake stype + sch.wide + awards | total enroll " + (try row("clus1_jk1_rake", "enroll", Self.grouped)),
            "| apiclus1, JK1, post-stratify on stype | mean api00 " + (try row("clus1_jk1_poststratify", "api00", Self.twoDecimals)),
            "| apistrat `strata=~stype`, JKn, rake | total enroll " + (try row("strat_jkn_rake", "enroll", Self.grouped)),
        ]
        for line in expected { #expect(text.contains(line), "docs/calibration.md lacks R's row: \(line)") }
        // Post-stratifying on the strata: both orders give the same SEs (the strata totals are met already).
        for variable in ["api00", "enroll"] {
            let a = try se("strat_jkn_poststratify", "convert_then_calibrate", variable)
            let b = try se("strat_jkn_poststratify", "calibrate_then_convert", variable)
            #expect(abs(a - b) / a < 1e-12, "\(variable): \(a) vs \(b)")
        }
        let strat = String(format: "%.3f", try se("strat_jkn_poststratify", "convert_then_calibrate", "api00"))
            + " / " + Self.grouped(try se("strat_jkn_poststratify", "convert_then_calibrate", "enroll"))
        #expect(text.contains("| both | \(strat) | the same |"), "\(strat)")
        #expect(conversion["strat_jkn_rake"]?["degf"] as? Int == 195 && conversion["strat_jkn_poststratify"]?["degf"] as? Int == 197)
        #expect(text.contains("195 instead of 197 for the raked apistrat JKn design"))
    }

    /// docs/accuracy.md: "a careful double-precision QR gets about 7.5 (our plain column above)" is
    /// the ablation's plain-QR Filip coefficient LRE.
    @Test func plainQROnFilipIsTheAblationCell() throws {
        let plain = try #require(DocNumbersTests.rows("docs/accuracy.md", "lre-table", "Filip").last)
        #expect(plain.count == 5 && plain[3] == "7.5", "\(plain)")
        #expect(try DocNumbersTests.doc("docs/accuracy.md").contains("a careful double-precision QR gets about \(plain[3])"))
    }

    /// docs/cab-waves.md compares respondents naming a country "(at least 30)" with the rest: every
    /// row of the generated evidence tables has n naming ≥ 30.
    @Test func evidenceRowsHaveAtLeastThirtyNaming() throws {
        let block = try #require(GeneratedBlock.committed("docs/cab-waves.md", "item-evidence"))
        var rows = 0
        for line in block.split(separator: "\n") where line.hasPrefix("| ") && !line.hasPrefix("| item") {
            let cells = ClaimsRegister.cellsOf(String(line))
            let n = try #require(Int(cells[2]), "\(line)")
            #expect(n >= 30, "\(line)")
            rows += 1
        }
        #expect(rows > 50, "\(rows) evidence rows")
    }

    /// docs/cab-waves.md's table of group variables (wave 1, 4 | wave 8 | wave 12) is the
    /// codebook's `group` rows (`datasets/cab/codebook.csv`).
    @Test func groupVariableTableIsTheCodebook() throws {
        let codebook = try String(contentsOf: GeneratedBlock.url("datasets/cab/codebook.csv"), encoding: .utf8)
        var variable: [String: [Int: String]] = [:]
        for line in codebook.split(separator: "\n") where line.hasPrefix("group,") {
            let f = line.split(separator: ",", maxSplits: 4).map(String.init)
            variable[f[2], default: [:]][Int(f[1]) ?? 0] = f[3]
        }
        #expect(variable.count == 5)
        let doc = try String(contentsOf: GeneratedBlock.url("docs/cab-waves.md"), encoding: .utf8)
        for (group, byWave) in variable {
            let row = try #require(doc.split(separator: "\n").first { $0.hasPrefix("| `\(group)` |") }, "no row for \(group)")
            let cells = ClaimsRegister.cellsOf(String(row))
            #expect(byWave[1] == byWave[4], "\(group): waves 1 and 4 share a column")
            for (column, wave) in [(1, 1), (2, 8), (3, 12)] {
                #expect(cells[column].hasPrefix("`\(byWave[wave] ?? "?")`"), "\(group) wave \(wave): \(cells[column])")
            }
        }
    }

    /// docs/hostile-input.md: "the ~350 lines with `repeating:` or `reserveCapacity` in `Sources`":
    /// counted here over every Swift file under Sources/ (≈ meaning within 15%).
    @Test func allocationSiteCount() throws {
        let root = GeneratedBlock.url("Sources")
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        var lines = 0
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            lines += text.split(separator: "\n").filter { $0.contains("repeating:") || $0.contains("reserveCapacity") }.count
        }
        let text = try DocNumbersTests.doc("docs/hostile-input.md")
        let stated = 350.0
        #expect(text.contains("the ~350 lines with `repeating:` or `reserveCapacity`"))
        #expect(abs(Double(lines) - stated) / stated <= 0.15, "\(lines) lines, the doc says ~\(Int(stated))")
    }

    /// docs/hostile-input.md's fuzz-run table (from `scripts/fuzz-summary` over logs that are not in
    /// the repository): what can be checked here is its arithmetic: exec/s = executions / seconds
    /// (±1) on every row, and "No crash, timeout, leak or out-of-memory" matches a 0 in every row.
    @Test func fuzzTableIsConsistent() throws {
        let text = try String(contentsOf: GeneratedBlock.url("docs/hostile-input.md"), encoding: .utf8)
        let start = try #require(text.range(of: "| target | chunks | executions | seconds | exec/s |"))
        var rows = 0
        for line in text[start.upperBound...].split(separator: "\n").dropFirst(2) {
            guard line.hasPrefix("|") else { break }
            let c = ClaimsRegister.cellsOf(String(line)).map { $0.replacingOccurrences(of: ",", with: "") }
            let executions = try #require(Double(c[2])), seconds = try #require(Double(c[3])), rate = try #require(Double(c[4]))
            #expect(abs(executions / seconds - rate) <= 1, "\(line)")
            #expect(c[9] == "0", "\(line)")
            rows += 1
        }
        #expect(rows == 5)
        #expect(text.contains("No crash, timeout, leak or out-of-memory in any target"))
    }

    /// docs/design-estimation.md: "R's `svyciprop` point estimate for logit/likelihood is its IRLS
    /// fit: 5e-10 from the exact p̂" — in `design.json`, the largest relative gap between R's
    /// logit/likelihood estimates and R's own `svymean` proportion of the same level (4.7e-10 when
    /// written) is below 5e-10 and of that order (above 1e-10).
    @Test func svycipropIRLSGapIsFiveTimesTenToTheMinusTen() throws {
        let url = GeneratedBlock.url("Tests/Fixtures/rsurvey-extra/design.json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let cases = try #require(json["cases"] as? [String: [String: Any]])
        func key(_ r: [String: Any]) -> String { "\(r["variable"] ?? "")|\(r["level"] ?? "")|\(r["domain"] ?? "")" }
        var worst = 0.0, compared = 0
        for (_, c) in cases {
            let records = c["records"] as? [[String: Any]] ?? []
            var plain: [String: Double] = [:]
            for r in records where r["statistic"] as? String == "proportion" && r["method"] == nil {
                plain[key(r)] = r["estimate"] as? Double
            }
            for r in records where ["logit", "likelihood"].contains(r["method"] as? String ?? "") {
                guard let p = plain[key(r)], let e = r["estimate"] as? Double else { continue }
                worst = max(worst, abs(e - p) / p)
                compared += 1
            }
        }
        #expect(compared >= 20, "\(compared) comparisons")
        #expect(worst < 5e-10 && worst > 1e-10, "\(worst)")
    }

    /// docs/accuracy.md: covariance refinement runs "when `dtrcon` says 1/cond < 1e-6 …; with
    /// centring it is no longer triggered on these data": every 1/cond of the generated table
    /// (centred basis) is ≥ 1e-6, while raw Filip's (≈ 1e-10, `DocNumbersTests.filipConditionNumbers`)
    /// is below it.
    @Test func covarianceRefinementNotTriggeredWhenCentred() throws {
        let block = try #require(GeneratedBlock.committed("docs/accuracy.md", "lre-table"))
        var checked = 0
        for line in block.split(separator: "\n") {
            let cells = ClaimsRegister.cellsOf(String(line))
            guard cells.count == 7, let rcond = Double(cells[6]) else { continue }
            #expect(rcond >= 1e-6, "\(cells[0]): 1/cond \(rcond)")
            checked += 1
        }
        #expect(checked == 11)
        let raw = 1 / (try StRDAccuracy.row(for: try StRDCase.load("Filip"), centre: false)).rcond
        #expect(1 / raw < 1e-6)
        #expect(try DocNumbersTests.doc("docs/accuracy.md").contains("with centring it is no longer triggered on these data"))
    }

    /// docs/hostile-input.md's "before" figures are the sizes of the allocations the old code made:
    /// a PSU × PSU matrix of doubles for 40,000 one-row PSUs (40,000² × 8 = 12.8·10⁹ bytes) and a
    /// cells × cells covariance for 300 × 100 levels (30,000² × 8 = 7.2·10⁹ bytes). The timings
    /// beside them were measured once on code that no longer exists and are not re-checked.
    @Test func beforeFiguresAreTheOldAllocations() throws {
        #expect(40_000.0 * 40_000 * 8 == 12.8e9)
        #expect(30_000.0 * 30_000 * 8 == 7.2e9)
        let text = try DocNumbersTests.doc("docs/hostile-input.md")
        #expect(text.contains("40,000 rows needed 12.8 GB") && text.contains("a 7.2 GB allocation aborted the process"))
    }
}
