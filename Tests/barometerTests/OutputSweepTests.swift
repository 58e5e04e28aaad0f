import Foundation
import Testing
@testable import barometer

/// Output cases from a review of every format on the built-in data (2026-12-06), each wrong
/// before as its comment says.
@Suite struct OutputSweepTests {
    /// `overview --format latex` wrote "weighted % of respondents" outside the tables: LaTeX reads
    /// `%` as a comment, so the rest of three lines was dropped. Every `%` is now escaped.
    @Test func overviewLatexEscapesEveryPercent() {
        let r = Barometer.execute(["overview", "--format", "latex"])
        #expect(r.exitCode == 0)
        let bare = r.output.split(separator: "\n").filter { line in
            line.indices.contains { i in line[i] == "%" && (i == line.startIndex || line[line.index(before: i)] != "\\") }
        }
        #expect(bare.isEmpty, "\(bare.prefix(3))")
        #expect(r.output.contains("weighted \\% of respondents, 95\\% CI"))
        // LaTeX leaves the sparkline column out, so its note does not mention one; text keeps it.
        #expect(!r.output.contains("sparkline"))
        #expect(Barometer.execute(["overview", "--width", "400"]).output.contains("The sparkline, where shown, leaves a gap there."))
    }

    /// Two countries at one wave were titled "Change between waves".
    @Test func countryComparisonIsTitledAsOne() {
        let r = Barometer.execute(["compare", "--dataset", "cab", "--country", "KZ,UZ", "--target", "China", "--wave", "2022",
                                   "--measure", "net"])
        #expect(r.exitCode == 0 && r.output.hasPrefix("Difference between countries at one wave"), "\(r.output.prefix(80))")
        let waves = Barometer.execute(["compare", "--dataset", "cab", "--country", "KZ", "--target", "China", "--from", "2020",
                                       "--to", "2022"])
        #expect(waves.output.contains("Change between waves"))
    }

    /// A net-share trend printed its endpoint as "21.5%" and advised `--model logit`, which
    /// refuses net shares.
    @Test func netTrendIsInPointsAndAdvisesNoLogit() {
        let r = Barometer.execute(["trend", "--dataset", "cab", "--country", "KZ", "--target", "Russia", "--measure", "net",
                                   "--model", "linear", "--across-break", "--width", "300"])
        #expect(r.exitCode == 0)
        #expect(r.output.contains("points (net)") && !r.output.contains("--model logit keeps it inside"), "\(r.output)")
    }

    /// TM 2018 Russia unfavorable is 0 of 1,500: `table` prints SE 0, while `compare` uses the
    /// continuity rule's SE (0.000471) — now with a note naming the figure.
    @Test func compareNamesTheContinuityRule() {
        let r = Barometer.execute(["compare", "--dataset", "cab", "--country", "TM", "--target", "Russia", "--from", "2018",
                                   "--to", "2022", "--measure", "unfavorable", "--across-break", "--width", "300"])
        #expect(r.exitCode == 0 && r.output.contains("continuity rule") && r.output.contains("TM · Russia · unfavorable 2018"),
                "\(r.output)")
    }

    /// Turkmenistan went from face-to-face (2018) to telephone (2022, no 2020 wave): `overview`
    /// starred 2020 (a wave TM never fielded) and `table` printed no mode-break note for TM.
    @Test func turkmenistanBreakIsItsOwn2022Wave() {
        let overview = Barometer.execute(["overview", "--country", "TM"])
        #expect(overview.output.contains("2022 tel*") && !overview.output.contains("2020 tel*"), "\(overview.output)")
        let table = Barometer.execute(["table", "--dataset", "cab", "--country", "TM", "--target", "Russia", "--measure", "unfavorable",
                                       "--width", "300"])
        #expect(table.output.contains("mode-break:"), "\(table.output)")
        let kz = Barometer.execute(["overview", "--country", "KZ"])
        #expect(kz.output.contains("2020 tel*"))
    }

    /// `report --country TJ` said "no data for this selection (Error: unknown country 'TJ')"
    /// where CAB did not ask the item in Tajikistan; and the Gallup values, published as whole
    /// percents (39), were printed as "39.0%".
    @Test func reportSaysNotAskedAndKeepsPublishedPrecision() throws {
        let tj = try Barometer.Report.report(country: "TJ")
        #expect(tj.contains("not asked in Tajikistan in CAB 2018, 2020, 2022") && !tj.contains("unknown country"))
        let kz = try Barometer.Report.report(country: "KZ")
        #expect(kz.contains("<td class=\"num\">39%</td>") && !kz.contains(">39.0%<"), "\(kz.count)")
        #expect(kz.range(of: #"<td class="num">\d+\.\d%</td>"#, options: .regularExpression) != nil)  // CAB keeps one decimal
    }

    /// Three trends printed "- - trend: linear (dotted: band)" three times, naming no series.
    @Test func severalTrendsNameTheirSeries() {
        let r = Barometer.execute(["chart", "--dataset", "cab", "--country", "KZ", "--target", "Russia,China,US", "--trend", "linear",
                                   "--across-break", "--ascii"])
        #expect(r.exitCode == 0)
        for name in ["China", "Russia", "United States"] { #expect(r.output.contains("\(name) trend: linear"), "\(name)") }
    }
}

