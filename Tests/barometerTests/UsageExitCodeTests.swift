import Foundation
import Testing
@testable import barometer

/// What the user asked for that the data do not hold is bad usage, exit 2 (DESIGN.md), like an
/// unknown --country: a sweep found these exiting 1, and the missing-wave message naming no
/// series when only one of two countries lacked the wave.
@Suite struct UsageExitCodeTests {
    static func run(_ args: [String]) -> CommandResult { Barometer.execute(args) }

    @Test("compare: an unknown wave names the series that lacks it and lists its waves; exit 2")
    func unknownWaveNamesTheSeries() {
        let r = Self.run(["compare", "--dataset", "cab", "--country", "KZ", "--target", "China", "--from", "2030", "--to", "2022"])
        #expect(r.exitCode == 2)
        #expect(r.errors.contains("no wave '2030' in KZ · China · favorable; its waves: 2017-summer, 2018-autumn, 2020-autumn, 2022-autumn"),
                "\(r.errors)")
        // KZ has a 2020 wave; Turkmenistan's CAB waves are 2018 and 2022 (datasets/cab/favorability.csv).
        let tm = Self.run(["compare", "--dataset", "cab", "--country", "KZ,TM", "--target", "China", "--wave", "2020"])
        #expect(tm.exitCode == 2 && tm.errors.contains("in TM · China · favorable"), "\(tm.errors)")
    }

    @Test("compare: --from and --to the same wave, and --wave with one country, are exit 2")
    func sameWaveAndOneCountry() {
        let same = Self.run(["compare", "--dataset", "cab", "--country", "KZ", "--target", "China", "--from", "2022", "--to", "2022"])
        #expect(same.exitCode == 2 && same.errors.contains("compared with itself"))
        let one = Self.run(["compare", "--dataset", "cab", "--country", "KZ", "--target", "China", "--wave", "2022"])
        #expect(one.exitCode == 2 && one.errors.contains("--wave compares two countries"))
    }

    @Test("import cab --groups with a name the wave lacks: exit 2, listing the wave's groups")
    func unknownGroupIsUsage() throws {
        let file = ExamplesRunTests.root.appendingPathComponent("examples/synthetic-cab-w8.xlsx").path
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("never-\(UUID().uuidString).csv").path
        let r = Self.run(["import", "cab", file, "--dataset", "SYNTHETIC", "--out", out, "--groups", "gendr"])
        #expect(r.exitCode == 2 && r.errors.contains("unknown group 'gendr'") && r.errors.contains("gender"), "\(r.errors)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("an option given a negative number says so (it said 'Missing value'), and the = form reaches the range check")
    func negativeNumberAfterAnOption() {
        let r = Self.run(["table", "--digits", "-1"])
        #expect(r.exitCode == 2 && r.errors.contains("--digits was given -1, which reads as an option") && !r.errors.contains("Missing value"),
                "\(r.errors)")
        let equals = Self.run(["table", "--digits=-1"])
        #expect(equals.exitCode == 2 && equals.errors.contains("--digits must be between 0 and 4 (got -1)"), "\(equals.errors)")
        // A truly missing value is still said to be missing.
        #expect(Self.run(["table", "--digits"]).errors.contains("Missing value"))
    }
}
