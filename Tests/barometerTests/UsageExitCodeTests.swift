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

    @Test("a first word that is no command is named, with the nearest command (it said 'Unknown option --mean')")
    func unknownCommand() {
        let typo = Self.run(["estimat", "examples/apistrat.csv", "--mean", "api00"])
        #expect(typo.exitCode == 2 && typo.errors.contains("unknown command 'estimat' (did you mean 'estimate'?)")
                && !typo.errors.contains("Unknown option"), "\(typo.errors)")
        // A word near no command (edit distance 3 or more from all 14) lists them, without a guess.
        let far = Self.run(["summarize", "x.csv"])
        #expect(far.exitCode == 2 && far.errors.contains("unknown command 'summarize'; the commands are overview, datasets,")
                && !far.errors.contains("did you mean"), "\(far.errors)")
        // Options first and `help` still go to the parser.
        #expect(Self.run(["--bogus"]).errors.contains("Unknown option '--bogus'"))
        #expect(Self.run(["help", "estimate"]).exitCode == 0)
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

    @Test("a replicate request that cannot fit the design is exit 2: jk1 on strata, jkn without scales, a wrong count of scales")
    func replicateRequestsThatCannotFit() throws {
        let strat = ExamplesRunTests.root.appendingPathComponent("examples/apistrat.csv").path
        let jk1 = Self.run(["estimate", strat, "--weights", "pw", "--strata", "stype", "--to-replicates", "jk1", "--mean", "api00"])
        #expect(jk1.exitCode == 2 && jk1.errors.contains("jk1 needs an unstratified design; use jkn"), "\(jk1.errors)")
        // Three JKn-like replicate columns (each drops rows 1–4, 5–8, 9–12 of 12).
        var csv = "w,rw1,rw2,rw3,y\n"
        for i in 0..<12 {
            let drop = i / 4
            csv += "1," + (0..<3).map { $0 == drop ? "0" : "1.5" }.joined(separator: ",") + ",\(Double(i) / 10)\n"
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("jkn-\(UUID().uuidString).csv").path
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let base = ["estimate", path, "--weights", "w", "--repweights", "^rw", "--rep-type", "jkn", "--mean", "y"]
        let noScales = Self.run(base)
        #expect(noScales.exitCode == 2 && noScales.errors.contains("--rep-type jkn needs --rscales"), "\(noScales.errors)")
        let twoScales = Self.run(base + ["--rscales", "0.5,0.5"])
        #expect(twoScales.exitCode == 2 && twoScales.errors.contains("gives 2 scales for 3 replicates"), "\(twoScales.errors)")
        #expect(Self.run(base + ["--rscales", "0.6667"]).exitCode == 0)
        // A scales file that is not there is named as such (it was read as a number, exit 1).
        let missing = Self.run(base + ["--rscales", "no-such-scales.txt"])
        #expect(missing.exitCode == 2 && missing.errors.contains("neither a list of numbers nor an existing file"), "\(missing.errors)")
    }

    @Test("an empty .dta, .sav or .xlsx file is said to be empty in its own format's terms, not as a CSV without a header")
    func emptyStatisticsFile() throws {
        for suffix in ["dta", "sav", "xlsx"] {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(UUID().uuidString).\(suffix)").path
            try Data().write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            let r = Self.run(["estimate", path, "--mean", "x"])
            #expect(r.exitCode == 1 && r.errors.contains("\(path): file is empty: a .\(suffix) file holds at least its format's header")
                    && !r.errors.contains("header line"), "\(r.errors)")
        }
    }
}
