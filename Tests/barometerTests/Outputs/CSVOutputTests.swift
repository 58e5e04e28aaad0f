import Foundation
import Survey
import Testing
@testable import barometer

/// Issue 12 item 1, "CSV is data": every command with `--format csv` writes one header and one
/// row per estimate, with identifying columns, unique names, numbers as numbers and no prose
/// rows. Each test reads the CSV back with the project's `CSVReader` (which refuses ragged
/// records and repeated names) and checks a value from an independent source.
@Suite struct CSVOutputTests {
    /// No record is prose (before: `Note: …` and `Source: …` rows after the data).
    static func noProse(_ text: String) {
        for line in text.split(separator: "\r\n") {
            #expect(!line.hasPrefix("Note:") && !line.hasPrefix("\"Note:") && !line.hasPrefix("Source:")
                    && !line.hasPrefix("\"Source:"), "prose record: \(line.prefix(60))")
        }
    }

    /// Why: "`overview --format csv` repeats the header per country block and has no country
    /// column (pandas: Expected 3 fields in line 4, saw 17)".
    @Test func overviewIsOneTidyTable() throws {
        let (table, text) = try OutputRun.csv(["overview"])
        Self.noProse(text)
        #expect(text.components(separatedBy: "dataset,country,").count == 2, "one header")
        for name in ["dataset", "country", "target", "item", "measure", "wave", "estimate", "se", "ci_lower", "ci_upper", "n", "flags", "source_id", "source"] {
            #expect(table.columnNames.contains(name), "missing \(name)")
        }
        // Gallup, Kyrgyzstan, China's leadership, 2009: 38% approve (source gallup-extract-china-7,
        // verbatim row `"Kyrgyzstan","2009",0.38,0.29`).
        let kg = try #require(try OutputRun.row(table, where: [("dataset", "gallup"), ("country", "KG"), ("target", "China"), ("wave", "2009"), ("measure", "approve")]))
        #expect(try OutputRun.number(table, "estimate", kg) == 0.38)
        // CAB Kazakhstan, Russia favorable, autumn 2022, as committed in datasets/cab/favorability.csv
        // (read here with the CSV reader, not through the command).
        let committed = try CSVReader().read(path: OutputRun.root.appendingPathComponent("datasets/cab/favorability.csv").path)
        let c = try #require(try OutputRun.row(committed, where: [("country", "KZ"), ("target", "Russia"), ("wave", "2022-autumn"), ("measure", "favorable")]))
        let o = try #require(try OutputRun.row(table, where: [("dataset", "cab"), ("country", "KZ"), ("target", "Russia"), ("wave", "2022-autumn"), ("measure", "favorable")]))
        #expect(try OutputRun.number(table, "estimate", o) == OutputRun.number(committed, "estimate", c))
        #expect(try OutputRun.number(table, "n", o) == 1511)
        // One row per (dataset, country, target, measure, wave).
        let keys = try (0..<table.rowCount).map { i in
            try ["dataset", "country", "target", "measure", "wave"].map { try OutputRun.texts(table, $0)[i] }.joined(separator: "|")
        }
        #expect(Set(keys).count == keys.count)
    }

    /// Why: "`estimate`, `compare` and `table` CSVs append `Note:` and `Source:` lines as data rows".
    @Test func tableIsTidy() throws {
        let (table, text) = try OutputRun.csv(["table", "--country", "KZ", "--target", "Russia"])
        Self.noProse(text)
        // Gallup KZ Russia 2021: 55% approve (postsen-1; datasets/published/series.csv).
        let g = try #require(try OutputRun.row(table, where: [("dataset", "gallup"), ("wave", "2021")]))
        #expect(try OutputRun.number(table, "estimate", g) == 0.55)
        #expect(try OutputRun.texts(table, "flags")[g].split(separator: ";").contains("n-unknown"))
        #expect(try OutputRun.texts(table, "source_id")[g] == "postsen-1")
    }

    /// Why: "`compare` CSV has three columns named `estimate`, `p` written as the string `<0.001`
    /// and `df` as `14.0`".
    @Test func compareHasUniqueNamesAndNumericP() throws {
        let (table, text) = try OutputRun.csv(["compare", "--dataset", "cab", "--country", "KZ", "--target", "Russia",
                                               "--from", "2020", "--to", "2022"])
        Self.noProse(text)
        #expect(Set(table.columnNames).count == table.columnNames.count)
        for name in ["dataset", "country", "target", "measure", "from", "to", "from_estimate", "to_estimate", "change_estimate", "change_se", "z", "p"] {
            #expect(table.columnNames.contains(name), "missing \(name)")
        }
        #expect(try table.column(named: "p").isNumeric)
        // Hand check: change = 0.470677 − 0.731114 (datasets/cab/favorability.csv, KZ Russia
        // favorable, waves 12 and 8); SE = √(0.01637² + 0.012834²); z = change / SE; p two-sided.
        let change = 0.470677 - 0.731114, se = (0.01637 * 0.01637 + 0.012834 * 0.012834).squareRoot()
        #expect(abs(try #require(try OutputRun.number(table, "change_estimate", 0)) - change) < 1e-12)
        #expect(abs(try #require(try OutputRun.number(table, "change_se", 0)) - se) < 1e-12)
        let p = try #require(try OutputRun.number(table, "p", 0))
        #expect(p > 0 && p < 1e-20, "p is the number (z ≈ \(change / se)), not '<0.001'")
    }

    /// `estimate`: df an integer, notes on stderr, R survey's stratified mean.
    @Test func estimateIsTidy() throws {
        let (table, text) = try OutputRun.csv(["estimate", "examples/apistrat.csv", "--strata", "stype", "--weights", "pw",
                                               "--fpc", "fpc", "--mean", "api00"])
        Self.noProse(text)
        #expect(text.split(separator: "\r\n").count == 2)
        // R survey 4.1.1, svymean(~api00, svydesign(id=~1, strata=~stype, weights=~pw, fpc=~fpc,
        // data=apistrat)): 662.2873631593208, SE 9.40894080278458; df = 200 − 3 = 197.
        #expect(abs(try #require(try OutputRun.number(table, "estimate", 0)) - 662.2873631593208) < 1e-9)
        #expect(abs(try #require(try OutputRun.number(table, "se", 0)) - 9.40894080278458) < 1e-9)
        #expect(text.contains(",197,"), "df written as an integer")
        #expect(!text.contains("197.0"))
        let r = OutputRun.run(["estimate", "examples/apistrat.csv", "--strata", "stype", "--weights", "pw", "--mean", "api00", "--format", "csv"])
        #expect(r.errors.contains("Note: Design:"), "the notes go to stderr")
    }

    /// `regress`: one row per term; R survey's svyglm coefficients.
    @Test func regressIsTidy() throws {
        let (table, text) = try OutputRun.csv(["regress", "examples/apistrat.csv", "--y", "api00", "--x", "ell,meals,mobility",
                                               "--weights", "pw", "--strata", "stype", "--fpc", "fpc"])
        Self.noProse(text)
        #expect(try OutputRun.texts(table, "term") == ["(Intercept)", "ell", "meals", "mobility"])
        // R survey 4.1.1: svyglm(api00 ~ ell + meals + mobility, dstrat) meals −3.14153530998455 (SE 0.28394650641650576).
        #expect(abs(try #require(try OutputRun.number(table, "estimate", 2)) + 3.14153530998455) < 1e-8)
        #expect(abs(try #require(try OutputRun.number(table, "se", 2)) - 0.28394650641650576) < 1e-8)
        #expect(try table.column(named: "p_value").isNumeric)
    }

    /// `crosstab`: one row per cell; cell proportions and SEs are R survey's svymean of the interaction.
    @Test func crosstabIsData() throws {
        let (table, text) = try OutputRun.csv(["crosstab", "examples/apistrat.csv", "--strata", "stype", "--weights", "pw",
                                               "--fpc", "fpc", "--row", "sch.wide", "--col", "stype"])
        Self.noProse(text)
        #expect(Set(table.columnNames).count == table.columnNames.count)
        #expect(table.rowCount == 6)
        // R survey 4.1.1: svymean(~interaction(sch.wide, stype), svydesign(id=~1, strata=~stype,
        // weights=~pw, fpc=~fpc, data=apistrat)) gives Yes.E 0.64951726573165014 (SE 0.020295770209343603)
        // and No.H 0.058508235649075986 (SE 0.0084066138254657915).
        for (row, col, p, se) in [("Yes", "E", 0.64951726573165014, 0.020295770209343603),
                                  ("No", "H", 0.058508235649075986, 0.0084066138254657915)] {
            let r = try #require(try OutputRun.row(table, where: [("row", row), ("col", col)]))
            let proportion = try #require(try OutputRun.number(table, "proportion", r))
            let standardError = try #require(try OutputRun.number(table, "se", r))
            #expect(abs(proportion - p) <= 1e-9 * p)
            #expect(abs(standardError - se) <= 1e-9 * se)
        }
    }

    /// `trend`: identifying columns and observed/trend parts, no prose.
    @Test func trendIsTidy() throws {
        let (table, text) = try OutputRun.csv(["trend", "--dataset", "cab", "--country", "KZ", "--target", "Russia", "--model", "segmented"])
        Self.noProse(text)
        for name in ["dataset", "country", "target", "measure", "model", "wave", "observed_estimate", "trend_estimate", "trend_ci_lower"] {
            #expect(table.columnNames.contains(name), "missing \(name)")
        }
        // Observed KZ Russia favorable, autumn 2018: 0.830425 (datasets/cab/favorability.csv).
        let w = try #require(try OutputRun.row(table, where: [("wave", "2018-autumn")]))
        #expect(try OutputRun.number(table, "observed_estimate", w) == 0.830425)
    }

    /// `datasets`: the wave span as data; no note rows.
    @Test func datasetsIsTidy() throws {
        let (table, text) = try OutputRun.csv(["datasets"])
        Self.noProse(text)
        let cab = try #require(try OutputRun.row(table, where: [("name", "cab")]))
        #expect(try OutputRun.texts(table, "first_wave")[cab] == "2017-summer")
        #expect(try OutputRun.number(table, "wave_count", cab) == 4)
    }

    /// `rake`: achieved margins as numbers (R survey's `rake` example margins, examples/).
    @Test func rakeIsTidy() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("outputs-rake-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let (table, text) = try OutputRun.csv(["rake", "examples/apistrat.csv", "--weights", "pw",
                                               "--margins", "examples/margins-stype.csv", "--out", out])
        Self.noProse(text)
        // examples/margins-stype.csv: E 4421 (apipop counts, R survey's postStratify example).
        let e = try #require(try OutputRun.row(table, where: [("level", "E")]))
        #expect(abs(try #require(try OutputRun.number(table, "achieved", e)) - 4421) < 1e-6)
    }
}
