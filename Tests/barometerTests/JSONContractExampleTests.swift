import Foundation
import Testing
@testable import barometer
import Survey

/// docs/json-contract.md's examples are what the binary prints: each example's command (named in
/// the doc's first paragraph) is run, every `"key": number` of the example must be found, in the
/// example's order, in the live output at the digits shown, and every key shown must be in the
/// live output. The main numbers are also checked against values computed independently here
/// (R's published output, hand formulas on the data).
@Suite struct JSONContractExampleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let strat = root.appendingPathComponent("examples/apistrat.csv").path

    /// Section heading (its first word in backticks) → the command its example shows.
    static let commands: [String: [String]] = [
        "estimate": ["estimate", strat, "--strata", "stype", "--weights", "pw", "--mean", "api00"],
        "crosstab": ["crosstab", strat, "--strata", "stype", "--weights", "pw", "--row", "sch.wide", "--col", "stype"],
        "table": ["table", "--dataset", "cab", "--country", "KZ", "--target", "Russia"],
        "compare": ["compare", "--dataset", "cab", "--country", "KZ", "--target", "Russia", "--from", "2018-autumn",
                    "--to", "2022-autumn", "--across-break"],
        "trend": ["trend", "--dataset", "cab", "--country", "KZ", "--target", "Russia", "--model", "linear", "--across-break"],
        "regress": ["regress", strat, "--y", "api00", "--x", "ell"],
    ]

    /// The first ```json block under each `## \`name\`` heading of docs/json-contract.md.
    static func examples() throws -> [String: String] {
        let text = try String(contentsOf: root.appendingPathComponent("docs/json-contract.md"), encoding: .utf8)
        var out: [String: String] = [:]
        for section in text.components(separatedBy: "\n## `").dropFirst() {
            let name = String(section.prefix { $0 != "`" })
            guard let open = section.range(of: "```json\n"), let close = section.range(of: "```", range: open.upperBound..<section.endIndex)
            else { continue }
            out[name] = String(section[open.upperBound..<close.lowerBound])
        }
        return out
    }

    /// `"key": number` pairs in text order.
    static func pairs(_ text: String) -> [(key: String, text: String, value: Double)] {
        text.matches(of: /"([a-z_]+)": (-?[0-9][0-9.]*(?:e-?[0-9]+)?)/).compactMap { m in
            Double(m.output.2).map { (String(m.output.1), String(m.output.2), $0) }
        }
    }

    /// Whether `live` rounds to `shown` at the digits shown (half a unit in the last place shown;
    /// for `1.5e-57` half a unit of the mantissa's last digit, relative).
    static func matches(_ live: Double, shown: String, value: Double) -> Bool {
        let parts = shown.lowercased().split(separator: "e")
        let mantissa = String(parts[0])
        let decimals = mantissa.split(separator: ".").dropFirst().first?.count ?? 0
        let scale = parts.count == 2 ? pow(10, Double(parts[1]) ?? 0) : 1
        return abs(live - value) <= 0.5 * pow(10, -Double(decimals)) * scale * (1 + 1e-9)
    }

    static func run(_ name: String) throws -> String {
        let command = try #require(commands[name])
        let r = Barometer.execute(command + ["--format", "json"])
        #expect(r.exitCode == 0, "\(name): \(r.errors)")
        return r.output
    }

    /// Every number of an example, in order, in its command's live output at the digits shown.
    static func checkNumbers(_ name: String) throws -> String {
        let example = try #require(try examples()[name], "docs/json-contract.md has no \(name) example")
        let live = try run(name)
        let livePairs = pairs(live)
        var cursor = 0
        for p in pairs(example) {
            guard let i = livePairs[cursor...].firstIndex(where: { $0.key == p.key && matches($0.value, shown: p.text, value: p.value) })
            else {
                Issue.record("\(name): \"\(p.key)\": \(p.text) not in the live output (after the previous match)")
                continue
            }
            cursor = i + 1
        }
        #expect(pairs(example).count >= 4, "\(name): example has numbers")
        return live
    }

    static func object(_ live: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(live.utf8)) as? [String: Any])
    }

    @Test func everyExampleKeyIsInTheLiveOutput() throws {
        let examples = try Self.examples()
        #expect(Set(examples.keys) == Set(Self.commands.keys), "\(examples.keys.sorted())")
        for (name, example) in examples {
            let live = try Self.run(name)
            for m in example.matches(of: /"([a-z_]+)":/) {
                #expect(live.contains("\"\(m.output.1)\":"), "\(name): key \(m.output.1) not in the live JSON")
            }
        }
    }

    /// Mean of api00 in apistrat: R `svymean(~api00, dstrat)` = 662.2873631593208 (expected.json;
    /// the mean does not depend on the fpc). SE without fpc by hand: stratified with-replacement
    /// variance Σ_h n_h/(n_h − 1) Σ_i (z_i − z̄_h)², z_i = w_i(y_i − ȳ)/Σw.
    @Test func estimateExampleIsTheLiveOutput() throws {
        let live = try Self.object(try Self.checkNumbers("estimate"))
        let e = try #require((live["estimates"] as? [[String: Any]])?.first)
        let mean = try #require(e["estimate"] as? Double), se = try #require(e["se"] as? Double)
        #expect(abs(mean - 662.2873631593208) < 1e-9)
        let t = try CSVReader().read(path: Self.strat)
        let y = try t.numeric("api00"), w = try t.numeric("pw"), stype = try t.column(named: "stype")
        let sw = w.reduce(0, +), ybar = zip(w, y).map(*).reduce(0, +) / sw
        var byStratum: [String: [Double]] = [:]
        for i in 0..<y.count { byStratum[stype.text(at: i) ?? "", default: []].append(w[i] * (y[i] - ybar) / sw) }
        var variance = 0.0
        for z in byStratum.values {
            let k = Double(z.count), m: Double = z.reduce(0, +) / k
            let ss: Double = z.map { ($0 - m) * ($0 - m) }.reduce(0, +)
            variance += k / (k - 1) * ss
        }
        #expect(abs(se - variance.squareRoot()) < 1e-9 * se, "\(se) vs \(variance.squareRoot())")
    }

    /// Cell (Yes, E): R `svychisq`/`svymean` on apistrat gives 0.6495172657316501 (chisq.json;
    /// a proportion does not depend on the fpc).
    @Test func crosstabExampleIsTheLiveOutput() throws {
        let live = try Self.object(try Self.checkNumbers("crosstab"))
        let cell = try #require((live["table"] as? [[String: Any]])?.first { $0["row"] as? String == "Yes" && $0["col"] as? String == "E" })
        #expect(abs((cell["proportion"] as? Double ?? .nan) - 0.6495172657316501) < 1e-12)
    }

    /// The 2018 row is R `survey`'s estimate for CAB_2018_KZ.xlsx, Russia, favorable
    /// (Tests/Fixtures/cab/r-survey-reference.csv), rounded to 6 decimals in the series file.
    @Test func tableExampleIsTheLiveOutput() throws {
        let live = try Self.object(try Self.checkNumbers("table"))
        let row = try #require((live["rows"] as? [[String: Any]])?.first { $0["wave"] as? String == "2018-autumn" })
        let reference = try String(contentsOf: Self.root.appendingPathComponent("Tests/Fixtures/cab/r-survey-reference.csv"), encoding: .utf8)
        let r = try #require(reference.split(separator: "\n").first { $0.hasPrefix("\"CAB_2018_KZ.xlsx\",\"Russia\",\"favorable\",") })
            .split(separator: ",")
        #expect(abs((row["estimate"] as? Double ?? .nan) - (Double(r[3]) ?? .nan)) < 5e-7)
        #expect(abs((row["se"] as? Double ?? .nan) - (Double(r[4]) ?? .nan)) < 5e-7)
    }

    /// Difference and SE of two independent estimates from the two committed rows:
    /// d = p₂ − p₁, SE = √(SE₁² + SE₂²), z = d/SE; `p_value` a JSON number.
    @Test func compareExampleIsTheLiveOutput() throws {
        let live = try Self.object(try Self.checkNumbers("compare"))
        let c = try #require((live["comparisons"] as? [[String: Any]])?.first)
        let from = try #require(c["from"] as? [String: Any]), to = try #require(c["to"] as? [String: Any])
        let (p1, s1) = (try #require(from["estimate"] as? Double), try #require(from["se"] as? Double))
        let (p2, s2) = (try #require(to["estimate"] as? Double), try #require(to["se"] as? Double))
        let se = (s1 * s1 + s2 * s2).squareRoot()
        #expect(abs((c["difference"] as? Double ?? .nan) - (p2 - p1)) < 1e-12)
        #expect(abs((c["se"] as? Double ?? .nan) - se) < 1e-12)
        #expect(abs((c["z"] as? Double ?? .nan) - (p2 - p1) / se) < 1e-9)
        #expect(c["p_value"] is Double)
    }

    /// Linear trend: the WLS slope with weights 1/SE² of the four committed KZ Russia favorable
    /// rows against decimal years (day of year − 1)/days, computed here in closed form.
    @Test func trendExampleIsTheLiveOutput() throws {
        let live = try Self.object(try Self.checkNumbers("trend"))
        let table = try Self.object(try Self.run("table"))
        let rows = try #require(table["rows"] as? [[String: Any]])
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        var t: [Double] = [], y: [Double] = [], w: [Double] = []
        for row in rows {
            let f = (row["date"] as? String ?? "").split(separator: "-").compactMap { Int($0) }
            let date = try #require(calendar.date(from: DateComponents(year: f[0], month: f[1], day: f[2])))
            let day = try #require(calendar.ordinality(of: .day, in: .year, for: date))
            let days = try #require(calendar.range(of: .day, in: .year, for: date)).count
            t.append(Double(f[0]) + Double(day - 1) / Double(days))
            y.append(try #require(row["estimate"] as? Double))
            let se = try #require(row["se"] as? Double)
            w.append(1 / (se * se))
        }
        #expect(t.count == 4)
        let sw = w.reduce(0, +)
        let tbar = zip(w, t).map(*).reduce(0, +) / sw, ybar = zip(w, y).map(*).reduce(0, +) / sw
        var sxy = 0.0, sxx = 0.0
        for i in 0..<t.count {
            sxy += w[i] * (t[i] - tbar) * (y[i] - ybar)
            sxx += w[i] * (t[i] - tbar) * (t[i] - tbar)
        }
        #expect(abs((live["slope_per_year"] as? Double ?? .nan) - sxy / sxx) < 1e-10)
        #expect(live["n_waves"] as? Int == 4 && live["df"] as? Int == 2)
    }

    /// OLS of api00 on ell in closed form: slope Sxy/Sxx, intercept ȳ − slope·x̄, residual SD
    /// √(RSS/(n − 2)), R² = 1 − RSS/TSS.
    @Test func regressExampleIsTheLiveOutput() throws {
        let live = try Self.object(try Self.checkNumbers("regress"))
        let t = try CSVReader().read(path: Self.strat)
        let x = try t.numeric("ell"), y = try t.numeric("api00")
        let n = Double(x.count), xbar = x.reduce(0, +) / n, ybar = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, tss = 0.0
        for i in 0..<x.count {
            sxy += (x[i] - xbar) * (y[i] - ybar)
            sxx += (x[i] - xbar) * (x[i] - xbar)
            tss += (y[i] - ybar) * (y[i] - ybar)
        }
        let slope = sxy / sxx, intercept = ybar - slope * xbar
        var rss = 0.0
        for i in 0..<x.count { let e = y[i] - intercept - slope * x[i]; rss += e * e }
        let coefficients = try #require(live["coefficients"] as? [[String: Any]])
        #expect(abs((coefficients.first?["estimate"] as? Double ?? .nan) - intercept) < 1e-9 * abs(intercept))
        #expect(abs((coefficients.last?["estimate"] as? Double ?? .nan) - slope) < 1e-9 * abs(slope))
        #expect(abs((live["residual_sd"] as? Double ?? .nan) - (rss / (n - 2)).squareRoot()) < 1e-9 * 100)
        #expect(abs((live["r_squared"] as? Double ?? .nan) - (1 - rss / tss)) < 1e-10)
    }
}
