#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText
import SurveyRender
import SurveySeries

/// One figure of a report: the chart (inline SVG), what it shows, the values it draws as a
/// table, and the exact commands that reproduce it.
public struct ReportFigure: Sendable {
    public var heading: String
    public var svg: String
    public var series: [Series]
    public var commands: [String]

    public init(heading: String, svg: String, series: [Series], commands: [String]) {
        self.heading = heading
        self.svg = svg
        self.series = series
        self.commands = commands
    }
}

/// A country or region report as one self-contained HTML page: figures with their tables and
/// commands, notes on every flag that occurs, the method in plain words, and every source with
/// its full citation. Formats values it is given; computes nothing.
public struct SeriesReport: Sendable {
    public var title: String
    public var lede: String
    public var figures: [ReportFigure]
    public var missing: [String]
    public var sources: [SourceReference]
    /// "Method in plain words": the built-in data's (CAB and published figures) by default.
    public var method: [String]

    public init(title: String, lede: String, figures: [ReportFigure], missing: [String] = [], sources: [SourceReference],
                method: [String] = ReportMethod.paragraphs) {
        self.title = title
        self.lede = lede
        self.figures = figures
        self.missing = missing
        self.sources = sources
        self.method = method
    }

    /// `0.7312` → `73.1%` (`digits` decimals); `nan` → `–`.
    static func percent(_ x: Double?, digits: Int = 1) -> String {
        guard let x, x.isFinite else { return "–" }
        return Printf.string("%.\(digits)f%%", x * 100)
    }

    /// Table rows: one per observation, in series order. Each series keeps its source's
    /// precision, as `table` prints it (`SeriesPrecision`): a published 39 is "39%", not "39.0%".
    static func rows(_ series: [Series]) -> [[String]] {
        series.flatMap { s in
            let digits = SeriesPrecision.decimals(s.observations, requested: 1)
            return s.observations.map { o in
                let ci = (o.ciLower != nil && o.ciUpper != nil)
                    ? percent(o.ciLower, digits: digits) + " – " + percent(o.ciUpper, digits: digits) : "not available"
                return [Countries.name(o.country), o.target, o.date, percent(o.estimate, digits: digits), ci,
                        o.n.map(ChartWords.grouped) ?? "–", o.flags.joined(separator: ", ")]
            }
        }
    }

    public func html() -> String {
        var body = ["<h1>\(HTMLText.escape(title))</h1>", "<p class=\"lede\">\(HTMLText.escape(lede))</p>"]
        for (i, f) in figures.enumerated() {
            body.append("<h2>Figure \(i + 1). \(HTMLText.escape(f.heading))</h2>")
            body.append("<figure>\n\(HTMLText.inlineSVG(f.svg))\n<figcaption>Figure \(i + 1). \(HTMLText.escape(f.heading)). Shaded: 95% confidence interval where the data carry one.</figcaption>\n</figure>")
            body.append("<div class=\"table-wrap\">" + HTMLText.table(
                header: ["Country", "Target", "Date", "Estimate", "95% CI", "n", "Flags"],
                rows: Self.rows(f.series), numeric: [2, 3, 4, 5], caption: "Values drawn in figure \(i + 1)") + "</div>")
            body.append("<p>Reproduce this figure and its table:</p>")
            body.append("<pre><code>" + HTMLText.escape(f.commands.joined(separator: "\n")) + "</code></pre>")
        }
        if !missing.isEmpty {
            body.append("<h2>Not shown</h2><ul>" + missing.map { "<li>\(HTMLText.escape($0))</li>" }.joined() + "</ul>")
        }
        var flagDatasets: [String: Set<String>] = [:]
        for s in figures.flatMap(\.series) {
            for f in s.observations.flatMap(\.flags) { flagDatasets[f, default: []].insert(s.key.dataset) }
        }
        let changes = Array(Set(figures.flatMap(\.series).flatMap(\.breaks).map(\.label).filter { $0 != "mode break" })).sorted()
        if !flagDatasets.isEmpty {
            body.append("<h2>Notes on the data</h2><ul>" + flagDatasets.keys.sorted().map { f in
                "<li>\(HTMLText.escape(SeriesFlag.note(f, datasets: flagDatasets[f] ?? [], modeChanges: changes)))</li>"
            }.joined() + "</ul>")
        }
        body.append("<h2>Method in plain words</h2>")
        body += method.map { "<p>\(HTMLText.escape($0))</p>" }
        body.append("<h2>Sources</h2><ol class=\"sources\">")
        for s in sources {
            let link = s.url.map { " <span>\(HTMLText.escape($0))</span>" } ?? ""
            body.append("<li><strong>\(HTMLText.escape(s.id))</strong>: \(HTMLText.escape(s.citation))\(link)</li>")
        }
        body.append("</ol>")
        body.append("<p class=\"lede\">Made with barometer; every number above comes from the commands shown with each figure.</p>")
        return HTMLPage(title: title, body: body).render()
    }
}

/// The method, for readers who are not statisticians.
/// The method of a report in plain words: the built-in data's, or a series file's.
public enum ReportMethod {
    /// A report of series files (`report --series`): it cannot say whose survey they are, only
    /// how barometer computed or read them.
    public static let seriesFiles = [
        "The figures are the shares in the series files named above: computed by barometer (`import cab`) from respondent-level files with the survey weights, or as the files give them. Their 95% confidence intervals come from design-based standard errors (the same method as R's survey package): if the survey were repeated many times, intervals made this way would contain the true share 95 times in 100.",
        "A mode break marks a change in how people were interviewed (the files' mode column). Answers can shift with the mode alone, so lines are not joined across a break and a change across it should not be read as a change of opinion without caution.",
        "Flags on a value (listed under Notes on the data) say what to keep in mind about it; the sources list says where each figure comes from.",
    ]

    public static let paragraphs = [
        "Central Asia Barometer (CAB) figures are shares of respondents giving an answer, computed by barometer from the survey's respondent-level files with the survey weights. Their 95% confidence intervals come from design-based standard errors (the same method as R's survey package): if the survey were repeated many times, intervals made this way would contain the true share 95 times in 100.",
        "Published figures (for example Gallup's) are shown as published. Where no sample size was published there is no standard error, so no interval is drawn: the line shows the published point only.",
        "A mode break marks a change in how people were interviewed (for CAB, face-to-face in 2018, telephone from 2020). Answers can shift with the mode alone, so lines are not joined across a break and a change across it should not be read as a change of opinion without caution.",
        "Flags on a value (listed under Notes on the data) say what to keep in mind about it: undocumented weights, an item mapping not yet checked against the questionnaire, or a sample with no design variables (then the interval assumes a simple random sample).",
    ]
}
