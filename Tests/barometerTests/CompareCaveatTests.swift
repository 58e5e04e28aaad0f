import Foundation
import Testing
@testable import barometer
import Survey

/// `barometer compare` must never hide an assumption: an assumed n (published toplines with no n)
/// and a crossed CAB mode break are printed as notes, and only the compared waves' sources are cited.
@Suite struct CompareCaveatTests {
    /// Gallup 2021 → 2022, Kazakhstan, Russia: no n is published, so `--assume-n` is the only way to
    /// get an SE; the output must say so.
    @Test func assumedNIsNoted() {
        let r = Barometer.execute(["compare", "--dataset", "gallup", "--country", "KZ", "--target", "Russia",
                                   "--from", "2021", "--to", "2022", "--assume-n", "1000"])
        #expect(r.exitCode == 0, "\(r.errors)")
        #expect(r.output.contains("flag n-assumed: KZ · Russia · approve 2021"))
        #expect(r.output.contains("SRS assumed"))
        // The 2025 figure (news-pravda) is not part of this comparison.
        #expect(!r.output.contains("news-pravda"))
    }

    /// CAB: 2018 (face-to-face) → 2022 (telephone) crosses the mode break, so it exits 1 unless
    /// --across-break, which prints the caveat under the title; 2020 → 2022 (both telephone) does not.
    @Test func modeBreakOnlyWhenCrossed() {
        let base = ["compare", "--dataset", "cab", "--country", "KZ", "--target", "China"]
        let crossing = Barometer.execute(base + ["--from", "2018", "--to", "2022"])
        #expect(crossing.exitCode == 1)
        #expect(crossing.errors.contains("face-to-face → telephone"))
        let allowed = Barometer.execute(base + ["--from", "2018", "--to", "2022", "--across-break"])
        #expect(allowed.exitCode == 0, "\(allowed.errors)")
        #expect(allowed.output.split(separator: "\n")[1].hasPrefix("Caution: across a series break (face-to-face → telephone)"))
        let within = Barometer.execute(base + ["--from", "2020", "--to", "2022"])
        #expect(within.exitCode == 0, "\(within.errors)")
        #expect(!within.output.contains("mode-break") && !within.output.contains("Caution"))
    }

    /// Issue 10 "Why": Turkmenistan has no 2020 wave; 2018 → 2022 printed −40.1 points with no
    /// caveat because the break was a flag on the (absent) 2020 wave. It is now derived from the
    /// two figures' modes.
    @Test func turkmenistanBreakIsDerivedFromTheEndpoints() {
        let base = ["compare", "--dataset", "cab", "--country", "TM", "--target", "US", "--from", "2018", "--to", "2022"]
        let refused = Barometer.execute(base)
        #expect(refused.exitCode == 1)
        #expect(refused.errors.contains("TM · United States · favorable 2018-autumn → 2022-autumn crosses a series break (face-to-face → telephone)"))
        let allowed = Barometer.execute(base + ["--across-break"])
        #expect(allowed.exitCode == 0)
        #expect(allowed.output.contains("Caution: across a series break (face-to-face → telephone)"))
        #expect(allowed.output.contains("flag mode-break: TM · United States · favorable 2022-autumn"))
        let json = Barometer.execute(base + ["--across-break", "--format", "json"])
        #expect(json.output.contains("\"mode-break\""))
    }

    /// Kazakhstan 2017 → 2018: both face-to-face, no break.
    @Test func sameModePairHasNoBreak() {
        let r = Barometer.execute(["compare", "--dataset", "cab", "--country", "KZ", "--target", "China", "--from", "2017", "--to", "2018"])
        #expect(r.exitCode == 0, "\(r.errors)")
        #expect(!r.output.contains("Caution"))
    }

    /// The footnote names the interval at the level asked for (it used to say 95% always).
    @Test func footnoteNamesTheLevel() throws {
        let base = ["compare", "--dataset", "cab", "--country", "KZ", "--target", "China", "--from", "2020", "--to", "2022"]
        let r90 = Barometer.execute(base + ["--level", "0.9"])
        #expect(r90.exitCode == 0, "\(r90.errors)")
        #expect(r90.output.contains("with its 90% CI"))
        #expect(!r90.output.contains("95% CI"))
        #expect(Barometer.execute(base).output.contains("with its 95% CI"))
    }
}

/// Issue 10 item 5: a wave compared with itself is refused (it used to print a change of 0.0
/// with an interval); two countries at one wave stays allowed.
@Suite struct CompareSameWaveTests {
    @Test func waveWithItselfExits2() {
        let r = Barometer.execute(["compare", "--dataset", "cab", "--country", "KZ", "--target", "China",
                                   "--from", "2018", "--to", "2018"])
        #expect(r.exitCode == 2)   // bad usage (DESIGN.md), as an unknown wave
        #expect(r.errors.contains("compared with itself"))
        #expect(r.output.isEmpty)
    }

    @Test func twoCountriesAtOneWaveStillWork() {
        let r = Barometer.execute(["compare", "--dataset", "cab", "--country", "KZ,UZ", "--target", "China",
                                   "--wave", "2018"])
        #expect(r.exitCode == 0, "\(r.errors)")
        #expect(r.output.contains("UZ−KZ"))
    }
}

/// A series file without a mode column whose break is flagged on wave 2: compare 1 → 3 crossed
/// it without a word (only the two compared figures were looked at).
@Suite struct CompareFlagBetweenTests {
    @Test func breakFlaggedOnAWaveBetweenIsCrossed() throws {
        let path = try SeriesFileFixture.write([
            "d,KZ,Russia,favorability,w1,2018,favorable,0.5,,,,1000,,,s,c,",
            "d,KZ,Russia,favorability,w2,2019,favorable,0.4,,,,1000,,mode-break,s,c,",
            "d,KZ,Russia,favorability,w3,2020,favorable,0.3,,,,1000,,,s,c,",
        ], name: "flagged")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let refused = Barometer.execute(["compare", "--series", path, "--from", "w1", "--to", "w3"])
        #expect(refused.exitCode == 1)
        #expect(refused.errors.contains("w1 → w3 crosses a series break (mode break)"), "\(refused.errors)")
        let allowed = Barometer.execute(["compare", "--series", path, "--from", "w1", "--to", "w3", "--across-break"])
        #expect(allowed.exitCode == 0, "\(allowed.errors)")
        #expect(allowed.output.contains("Caution: across a series break (mode break)"))
        let after = Barometer.execute(["compare", "--series", path, "--from", "w2", "--to", "w3"])
        #expect(after.exitCode == 0, "\(after.errors)")
        #expect(!after.output.contains("Caution"))
    }
}

/// A user's series file with a mode column: `table` footnoted its derived break with CAB's own
/// words ("CAB moved from face-to-face (2018) to telephone…"), true of no wave in the file.
@Suite struct UserModeBreakNoteTests {
    @Test func tableExplainsTheBreakWithoutCAB() throws {
        let path = try SeriesFileFixture.write([
            "mine,KZ,Russia,favorability,w1,2019,favorable,0.5,,,,1000,,,s,c,,face-to-face",
            "mine,KZ,Russia,favorability,w2,2021,favorable,0.4,,,,1000,,,s,c,,web",
        ], extra: ",mode", name: "modes")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = Barometer.execute(["table", "--series", path])
        #expect(r.exitCode == 0, "\(r.errors)")
        #expect(r.output.contains("mode-break: the interview mode changed at this wave (face-to-face → web)"), "\(r.output)")
        #expect(!r.output.contains("CAB moved"))
        // CAB's own table keeps CAB's words.
        let cab = Barometer.execute(["table", "--dataset", "cab", "--country", "KZ", "--target", "Russia"])
        #expect(cab.output.contains("mode-break: CAB moved from face-to-face (2018)"))
    }
}

/// Issue 10 item 6 through the CLI: a series CSV with a share of 5 is bad data (exit 1), and the
/// message names the file, line and column.
@Suite struct SeriesFileValidationCommandTests {
    @Test func shareOfFiveIsRefused() throws {
        let path = try SeriesFileFixture.write([
            "d,KZ,Russia,favorability,w1,2018,favorable,0.5,,,,1000,,,s,c,",
            "d,KZ,Russia,favorability,w2,2019,favorable,5,,,,1000,,,s,c,",
        ], name: "bad")
        defer { try? FileManager.default.removeItem(atPath: path) }
        for command in [["table"], ["compare", "--from", "w1", "--to", "w2"]] {
            let r = Barometer.execute(command + ["--series", path])
            #expect(r.exitCode == 1, "\(command)")
            #expect(r.errors.contains("\(path):3: column estimate"), "\(r.errors)")
            #expect(!r.output.contains("500.0"))
        }
    }
}

/// A series CSV with the given rows (after the header, plus `extra` header columns) in a
/// temporary file; the caller removes it.
enum SeriesFileFixture {
    static func write(_ rows: [String], extra: String = "", name: String = "series") throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString).csv").path
        try (SeriesFile.columns.joined(separator: ",") + extra + "\n" + rows.map { $0 + "\n" }.joined())
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

/// A sweep read "percentage points" in compare's note beside a CSV change of -0.048: CSV and JSON
/// hold shares as proportions (docs/csv-columns.md), and the note now says so. KZ China favorable,
/// datasets/cab/favorability.csv: 2020-autumn 0.399519, 2022-autumn 0.510801.
@Suite struct CompareCSVUnitsTests {
    @Test func csvChangeIsAProportionAndTheNoteSaysSo() throws {
        let r = Barometer.execute(["compare", "--dataset", "cab", "--country", "KZ", "--target", "China",
                                   "--from", "2020", "--to", "2022", "--format", "csv"])
        #expect(r.exitCode == 0, "\(r.errors)")
        let lines = r.output.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        let row = lines[1].split(separator: ",").map(String.init)
        let change = try #require(header.firstIndex(of: "change_estimate").flatMap { Double(row[$0]) })
        #expect(abs(change - (0.510801 - 0.399519)) < 1e-12)
        #expect(r.errors.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            .contains("Change = to − from in percentage points (in CSV and JSON, as a proportion)"))
    }
}
