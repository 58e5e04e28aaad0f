import ArgumentParser
import Foundation
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
