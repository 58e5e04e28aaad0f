import Foundation
import Testing
@testable import barometer
import Survey

/// Issue 10 items 1-4 through the commands, each on the case its "Why" lists.
@Suite struct SeriesTrustCommandTests {
    /// README's tour commands matched CAB favorability and Gallup approval at once; a selector
    /// matching two datasets now exits 2, listing them and the flag that picks one.
    @Test func mixedDatasetsExit2() {
        for args in [["trend", "--country", "KZ", "--target", "Russia", "--model", "logit"],
                     ["compare", "--country", "KZ", "--target", "China", "--from", "2020-autumn", "--to", "2022-autumn"],
                     ["chart", "--country", "KZ", "--target", "China,Russia", "--band"]] {
            let r = Barometer.execute(args)
            #expect(r.exitCode == 2, "\(args)")
            #expect(r.errors.contains("cab (favorability · favorable); gallup (leadership-approval · approve)"), "\(r.errors)")
            #expect(r.errors.contains("--dataset cab or --dataset gallup"))
        }
    }

    /// Naming both datasets overlays them on a chart, each series labelled with its question.
    @Test func chartOverlaysNamedDatasetsWithQuestions() {
        let r = Barometer.execute(["chart", "--dataset", "cab,gallup", "--country", "KZ", "--target", "China", "--ascii",
                                   "--width", "80", "--height", "10"])
        #expect(r.exitCode == 0, "\(r.errors)")
        #expect(r.output.contains("cab - favorability") || r.output.contains("cab · favorability"))
        #expect(r.output.contains("gallup - leadership-approval") || r.output.contains("gallup · leadership-approval"))
    }

    /// A linear or logit trend through the mode break is refused (exit 1, naming it) unless
    /// --across-break, which prints the caveat; segmented fits the level shift at the break.
    @Test func trendAcrossTheBreak() {
        let base = ["trend", "--dataset", "cab", "--country", "KZ", "--target", "Russia"]
        let linear = Barometer.execute(base)
        #expect(linear.exitCode == 1)
        #expect(linear.errors.contains("face-to-face → telephone between 2018-autumn and 2020-autumn"))
        let allowed = Barometer.execute(base + ["--model", "logit", "--across-break"])
        #expect(allowed.exitCode == 0, "\(allowed.errors)")
        #expect(allowed.output.contains("Caution: fitted across a series break"))
        let shift = Barometer.execute(base + ["--model", "segmented"])
        #expect(shift.exitCode == 0, "\(shift.errors)")
        #expect(shift.output.contains("Level shift at 20"))
        #expect(shift.output.contains("face-to-face → telephone break (2020-autumn)"))
    }

    /// Issue 10 "Why": logit on three waves gave Russia 11-88% with one residual df and no word
    /// about it; three waves and two parameters leave 1 residual df (3 − 2), said in text and JSON.
    @Test func threeWaveTrendSaysItIsBarelyIdentified() {
        let base = ["trend", "--dataset", "cab", "--country", "KG", "--target", "Russia", "--model", "logit", "--across-break"]
        let text = Barometer.execute(base)
        #expect(text.exitCode == 0, "\(text.errors)")
        #expect(text.output.contains("3 waves, 1 residual df: the trend is barely identified"))
        #expect(Barometer.execute(base + ["--format", "json"]).output.contains("\"residual_df\": 1"))
    }

    /// Issue 10 "Why": the segmented Gallup trend printed an interval of −8.8% to 21.3%; every
    /// printed share interval now lies in [0, 100]%, with the truncation noted.
    @Test func segmentedGallupBandInsideShares() throws {
        let r = Barometer.execute(["trend", "--dataset", "gallup", "--country", "KZ", "--target", "US", "--measure", "approve",
                                   "--assume-n", "1000", "--model", "segmented", "--format", "json"])
        #expect(r.exitCode == 0, "\(r.errors)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any])
        let points = (json["fitted"] as? [[String: Any]] ?? []) + (json["grid"] as? [[String: Any]] ?? [])
            + [json["endpoint"] as? [String: Any] ?? [:]]
        #expect(points.count > 10)
        for p in points {
            let lo = p["ci_lower"] as? Double ?? .nan, hi = p["ci_upper"] as? Double ?? .nan
            #expect(lo >= 0 && hi <= 1 && lo <= hi, "\(p)")
        }
        #expect(r.output.contains("band truncated to [0%, 100%]"))
    }

    /// Turkmenistan 2018 Russia unfavorable (no respondent): `table`, `overview` and `trend`'s
    /// observed column print the one-sided interval [0, 0.25%] (1 − 0.025^(1/1500) = 0.2456%),
    /// never "0.0 (SE 0.0)".
    @Test func zeroCountRowHasAnInterval() {
        let table = Barometer.execute(["table", "--dataset", "cab", "--country", "TM", "--target", "Russia", "--measure", "unfavorable"])
        #expect(table.output.contains("0.0 [0.0, 0.2]"))
        #expect(!table.output.contains("SE 0.0"))
        let overview = Barometer.execute(["overview", "--country", "TM"])
        #expect(!overview.output.contains("SE 0.0"))
        #expect(overview.output.contains("0.0 [0.0, 0.2]"))
    }

    /// Chart: TM's face-to-face 2018 and telephone 2022 waves are not joined, and the break is
    /// labelled once on a two-country chart.
    @Test func chartBreakLabelledOnceAndNotJoined() throws {
        let r = Barometer.execute(["chart", "--dataset", "cab", "--country", "KZ,TM", "--target", "Russia",
                                   "--width", "100", "--height", "10"])
        #expect(r.exitCode == 0, "\(r.errors)")
        let flat = r.output.replacingOccurrences(of: "\n", with: " ")
        #expect(flat.components(separatedBy: "face-to-face → telephone").count == 2)
        #expect(flat.contains("2020-11 (KZ); 2022-11 (TM)"))
        let selected = try SeriesSelectors.parse(["--dataset", "cab", "--country", "TM", "--target", "Russia"]).resolve(defaultMeasures: ["favorable"])
        let svg = try #require(try Barometer.Chart.chart(
            selected: selected, options: LineChartOptions(width: 80, height: 10, style: .ascii, band: true),
            breaks: [], trend: nil, colored: false, svg: true).svg)
        #expect(!svg.contains("<polyline"))  // two waves, one on each side: no line
    }
}
