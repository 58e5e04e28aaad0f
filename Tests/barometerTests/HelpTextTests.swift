import ArgumentParser
import Foundation
import Survey
import Testing
@testable import barometer

/// Issue 12 "Help and README are true": option help states each default once and names what the
/// option really accepts.
@Suite struct HelpTextTests {
    /// Every subcommand's `--help`, whitespace collapsed so wrapped lines read as one.
    private static func helps() -> [(String, String)] {
        Barometer.configuration.subcommands.map { sub in
            let name = sub._commandName
            let text = Barometer.execute([name, "--help"]).output
            return (name, text.split(whereSeparator: \.isWhitespace).joined(separator: " "))
        }
    }

    /// Every command's `--help` (subcommands' too) as printed, lines kept.
    private static func printedHelps() -> [(String, [String])] {
        func walk(_ type: ParsableCommand.Type, _ path: [String]) -> [(String, [String])] {
            let own = path.isEmpty ? [] : [(path.joined(separator: " "),
                                            Barometer.execute(path + ["--help"]).output.components(separatedBy: "\n"))]
            return own + type.configuration.subcommands.flatMap { walk($0, path + [$0._commandName]) }
        }
        return walk(Barometer.self, [])
    }

    /// A review found crosstab's help saying ".sav/.dta when the ReadStat reader is available"
    /// long after it was, estimate's leaving out .xlsx and regress's .zsav/.por/.xlsx, though all
    /// three read a file through `TableReader` (which detects each of these by content). Each
    /// help now names every format, and each ReadStat fixture reads whole (xlsx: XLSXReaderTests).
    @Test(arguments: ["estimate", "crosstab", "regress"])
    func microdataHelpNamesEveryFormat(_ command: String) throws {
        let help = Barometer.execute([command, "--help"]).output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for format in [".sav", ".zsav", ".por", ".dta", ".xlsx", "CSV"] { #expect(help.contains(format), "\(command): \(format)") }
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/statfiles")
        for name in ["survey.sav", "survey.zsav", "survey.por", "survey.dta"] {
            let table = try TableReader.read(path: fixtures.appendingPathComponent(name).path)
            #expect(table.rowCount == 6, "\(name)")   // six respondents (Fixtures/statfiles/make.py)
        }
    }

    /// A sweep found prose broken mid-sentence in `--help` ("prints to clean A4 PDF" / "from a
    /// browser"): a source line of a discussion longer than the 80 columns wraps, and its short
    /// rest stands alone before the next source line. Prose now flows (`\` continuations), and
    /// examples wrap as shell lines; so no line of under 40 characters that ends mid-sentence
    /// (not in `:`, `.`, `\`) is followed by a line that goes on in lower case.
    @Test func proseIsNotBrokenMidSentence() {
        let helps = Self.printedHelps()
        #expect(helps.count >= 18)
        for (name, lines) in helps {
            for (line, next) in zip(lines, lines.dropFirst()) {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                guard !trimmed.isEmpty, trimmed.count < 40, !line.hasPrefix(" "),
                      let last = trimmed.last, !":.\\".contains(last),
                      let first = next.first, first.isLowercase || first == "(" else { continue }
                Issue.record("\(name) --help: '\(trimmed)' / '\(next)'")
            }
        }
    }

    /// No option says its default twice (before: trend's "--level … (default 0.95). (default: 0.95)").
    @Test func noDefaultStatedTwice() throws {
        let helps = Self.helps()
        #expect(helps.count >= 10)
        let twice = try Regex(#"\(default[: ][^)]*\)\.? \(default: "#)
        for (name, text) in helps {
            #expect(!text.contains(twice), "\(name) --help states a default twice")
        }
        let trend = try #require(helps.first { $0.0 == "trend" }).1
        #expect(trend.contains("--level <level> Interval level. (default: 0.95)"))
    }

    /// `--ci-method` has no `wald` value, so its help must not call Wald a default value to pick.
    @Test func ciMethodNamesRealDefault() throws {
        let estimate = try #require(Self.helps().first { $0.0 == "estimate" }).1
        #expect(!estimate.contains("(default: Wald)"))
        #expect(estimate.contains("when omitted, the symmetric interval estimate ± t·SE (R's confint; a note says when one leaves [0, 1])"))
    }

    /// `--to-replicates` parses every ReplicateType (the values list shows `other`), so its text
    /// must say what happens to `other`; and `other` is refused with exit 2.
    @Test func toReplicatesExplainsOther() throws {
        let estimate = try #require(Self.helps().first { $0.0 == "estimate" }).1
        let start = try #require(estimate.range(of: "--to-replicates <to-replicates>"))
        let end = try #require(estimate.range(of: "(values:", range: start.upperBound..<estimate.endIndex))
        #expect(estimate[start.upperBound..<end.lowerBound].contains("other is refused"))
        let r = Barometer.execute(["estimate", EstimateTests.strat, "--weights", "pw",
                                   "--to-replicates", "other", "--mean", "api00"])
        #expect(r.exitCode == 2)
    }
}

/// Issue 12: notes name a weight column, never print its values.
@Suite struct RegressWeightNoteTests {
    /// apistrat.csv's pw column holds 44.209999084472656, 20.360000610351562 and 15.100000381469727
    /// (read from the file); no note may contain them, and the weights note names 'pw'.
    @Test func weightNoteNamesColumn() {
        let r = Barometer.execute(["regress", EstimateTests.strat, "--y", "api00",
                                   "--x", "ell", "--weights", "pw", "--strata", "stype"])
        #expect(r.exitCode == 0)
        let notes = r.output.split(separator: "\n").filter { $0.hasPrefix("Note:") }
        #expect(notes.contains { $0.contains("sampling weights 'pw'") })
        for value in ["44.2", "20.36", "15.1"] {
            #expect(!notes.contains { $0.contains(value) }, "a note prints weight value \(value)")
        }
    }
}
