import Foundation
import Testing
@testable import barometer

/// Issue 12 item 4, "One number style": one interval notation, one minus sign, n per wave (not a
/// range), the same decimals for the same series in every command.
@Suite struct NumberStyleTests {
    /// `lo-hi` with a hyphen (reads as a range or a negative number) or `(lo, hi)`.
    static var oldInterval: Regex<(Substring, Substring)> { #/\(\s*-?[0-9]+\.[0-9]+(-|, )-?[0-9]+\.[0-9]+\)/# }

    /// Why: "intervals "18.7-32.2" and "(-10.6, -0.6)" in one column".
    @Test func oneIntervalNotation() throws {
        let runs = [
            ["overview"], ["table", "--dataset", "cab", "--country", "KZ,UZ", "--target", "China"],
            ["compare", "--dataset", "cab", "--country", "KZ", "--target", "China,Russia", "--from", "2020", "--to", "2022"],
            ["compare", "--dataset", "cab", "--country", "KZ,UZ", "--target", "China", "--wave", "2022", "--measure", "net"],
            ["trend", "--dataset", "cab", "--country", "KZ", "--target", "Russia", "--model", "segmented"],
        ]
        for args in runs {
            let out = OutputRun.run(args).output
            #expect(out.firstMatch(of: Self.oldInterval) == nil, "\(args.joined(separator: " ")): old notation")
            #expect(out.contains("["), "\(args.joined(separator: " ")): [lo, hi]")
        }
        // Net KZ China 2022 (datasets/cab: favorable 0.510801 − unfavorable 0.354…) is positive,
        // UZ's negative: the difference's interval has two negative bounds, printed [-a, -b].
        let net = OutputRun.run(["compare", "--dataset", "cab", "--country", "KZ,UZ", "--target", "China", "--wave", "2022", "--measure", "net"]).output
        #expect(net.contains(try Regex(#"-[0-9]+\.[0-9] \[-[0-9]+\.[0-9], -[0-9]+\.[0-9]\]"#)))
        // One minus sign in numbers: ASCII '-' (no U+2212 before a digit).
        #expect(net.firstMatch(of: #/−[0-9]/#) == nil)
    }

    /// Why: "an n cell "1500-1511" that reads like an interval"; and (a later sweep) a bare
    /// "1511; 1500" left the reader to guess whose n was whose: each is labelled with its column.
    @Test func nPerWaveNotARange() {
        // KZ 2022 n = 1511, UZ 2022 n = 1500 (datasets/cab/favorability.csv, column n).
        let out = OutputRun.run(["table", "--dataset", "cab", "--country", "KZ,UZ", "--target", "China"]).output
        let row = out.split(separator: "\n").first { $0.contains("2022-autumn") } ?? ""
        #expect(row.contains("KZ 1511; UZ 1500"), "\(row)")
        // Asked in the other order, the columns and the n follow it.
        let reversed = OutputRun.run(["table", "--dataset", "cab", "--country", "UZ,KZ", "--target", "China"]).output
        #expect(reversed.split(separator: "\n").first { $0.contains("2022-autumn") }?.contains("UZ 1500; KZ 1511") == true, "\(reversed)")
        #expect(!row.contains("1500-1511") && !row.contains("1511-1500"))
    }

    /// A sweep: at `--digits 0`, TM 2018 Russia unfavorable printed `0 [0, 0]`, as if certain; its
    /// upper bound is 0.246% (no respondent answered so, n = 1500: the Clopper-Pearson bound
    /// 1 − 0.025^(1/1500) = 0.002456, by hand), so it reads `<1`.
    @Test func boundThatIsNotZeroNeverPrintsAsZero() {
        let out = OutputRun.run(["table", "--dataset", "cab", "--country", "TM", "--target", "Russia", "--measure", "unfavorable",
                                 "--digits", "0"]).output
        let row = out.split(separator: "\n").first { $0.contains("2018-autumn") } ?? ""
        #expect(row.contains("0 [0, <1]"), "\(row)")
        let two = OutputRun.run(["table", "--dataset", "cab", "--country", "TM", "--target", "Russia", "--measure", "unfavorable",
                                 "--digits", "2"]).output
        #expect(two.split(separator: "\n").first { $0.contains("2018-autumn") }?.contains("[0.00, 0.25]") == true, "\(two)")
    }

    /// Why: "Gallup "55.0" in `table`, "55" in `overview`": Gallup publishes whole percents (KZ
    /// Russia 2021: 55%, source postsen-1), so both print 55; CAB's computed shares keep one
    /// decimal in both (KZ Russia favorable 2022: 0.470677 → 47.1).
    @Test func sameDecimalsInTableAndOverview() {
        let table = OutputRun.run(["table", "--dataset", "gallup", "--country", "KZ", "--target", "Russia"]).output
        let overview = OutputRun.run(["overview", "--width", "200"]).output
        #expect(table.contains("│ 2021 │          55 │") || table.contains(" 55 "), "\(table)")
        #expect(!table.contains("55.0"))
        #expect(overview.contains("55 (2021)"))
        let cab = OutputRun.run(["table", "--dataset", "cab", "--country", "KZ", "--target", "Russia"]).output
        #expect(cab.contains("47.1 [43.9, 50.3]"))
        #expect(overview.contains("47.1 [43.9, 50.3]"), "overview's KZ block keeps one decimal (before: whole percents)")
        #expect(!overview.contains("Whole percents"))
    }
}
