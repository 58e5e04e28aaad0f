import Foundation
import Survey
import Testing
@testable import barometer

/// Issue 12 item 2, "Tables fit the terminal": at `--width 80` and `--width 60` no line of any
/// command's text output is wider than the width, except an unbreakable token (a URL) longer
/// than the width, which stays whole on its own line; a DOI is never split.
@Suite struct WidthOutputTests {
    static let doi = "10.48320/1AFC5235-EB1F-4A23-80B6-036515CE1916"

    /// Why: "`table`, `trend`, `compare`, `estimate`, `crosstab`, `regress` and `datasets` print
    /// 100–240 columns".
    static let commands: [[String]] = [
        ["overview"], ["datasets"], ["table"], ["table", "--country", "KZ", "--target", "Russia"],
        ["trend", "--dataset", "cab", "--country", "KZ", "--target", "China,Russia", "--model", "segmented"],
        ["compare", "--dataset", "cab", "--country", "KZ,UZ", "--target", "China,Russia", "--from", "2020", "--to", "2022"],
        ["compare", "--dataset", "cab", "--country", "KZ,UZ", "--target", "China", "--wave", "2022", "--measure", "net"],
        ["estimate", "examples/apistrat.csv", "--strata", "stype", "--weights", "pw", "--mean", "api00,enroll",
         "--proportion", "awards", "--by", "stype", "--deff"],
        ["crosstab", "examples/apistrat.csv", "--strata", "stype", "--weights", "pw", "--row", "sch.wide", "--col", "stype"],
        ["regress", "examples/apistrat.csv", "--y", "api00", "--x", "ell,meals,mobility", "--weights", "pw", "--strata", "stype"],
    ]

    /// Lines wider than `width` that are not one whole token (after the hanging indent).
    static func overlong(_ text: String, width: Int) -> [String] {
        text.split(separator: "\n").map(String.init).filter { line in
            DisplayWidth.of(line) > width && line.trimmingCharacters(in: .whitespaces).contains(" ")
        }
    }

    @Test(arguments: [80, 60]) func everyCommandFits(width: Int) throws {
        for args in Self.commands {
            let r = OutputRun.run(args + ["--width", String(width)])
            #expect(r.exitCode == 0, "\(args): \(r.errors)")
            let bad = Self.overlong(r.output, width: width)
            #expect(bad.isEmpty, "\(args.joined(separator: " ")) at \(width): \(bad.first ?? "")")
            // A DOI prefix is always followed by the whole DOI (never broken across lines).
            for line in r.output.split(separator: "\n") where line.contains("10.48320/") {
                #expect(line.contains(Self.doi), "\(args): DOI split in '\(line)'")
            }
        }
    }

    /// The chart's footer wraps at spaces too (before: "wrapping breaks the DOI URL across two lines").
    @Test(arguments: [80, 60]) func chartFooterKeepsDOI(width: Int) throws {
        let r = OutputRun.run(["chart", "--dataset", "cab", "--country", "KZ", "--target", "Russia,China",
                               "--width", String(width), "--sources", "full"])
        #expect(r.exitCode == 0, "\(r.errors)")
        #expect(Self.overlong(r.output, width: width).isEmpty)
        for line in r.output.split(separator: "\n") where line.contains("10.48320/") {
            #expect(line.contains(Self.doi))
        }
    }

    /// Without --width, captured runs (tests, notebooks: never a terminal) get 80 columns.
    @Test func defaultIs80OffTerminal() {
        let r = OutputRun.run(["table", "--dataset", "cab", "--country", "KZ,UZ", "--target", "China,Russia"])
        #expect(Self.overlong(r.output, width: 80).isEmpty)
        #expect(r.output.split(separator: "\n").contains { DisplayWidth.of($0) > 60 })
    }

    /// `--width` below 20 is bad usage (exit 2).
    @Test func tinyWidthRefused() {
        #expect(OutputRun.run(["table", "--width", "5"]).exitCode == 2)
    }
}
