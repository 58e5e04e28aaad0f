import Testing
import Survey
@testable import SurveySeries

/// Issue 10 item 1: comparability is data. Each CAB observation carries its wave's interview
/// mode (codebook: waves 1 and 4 face to face, waves 8 and 12 telephone — CAB's own method
/// notes), and breaks are derived from the observations used, not from a flag on one wave.
@Suite struct ComparabilityTests {
    static func series(_ country: String, _ target: String = "Russia") throws -> Series {
        let cab = try SeriesCatalog.builtIn().dataset(named: "cab")
        let obs = cab.observations.filter { $0.country == country && $0.target == target && $0.measure == "favorable" }
        return try Series(key: obs[0].key, observations: obs)
    }

    @Test func observationsCarryModeAndWeight() throws {
        let kz = try Self.series("KZ")
        #expect(kz.observations.map(\.wave) == ["2017-summer", "2018-autumn", "2020-autumn", "2022-autumn"])
        #expect(kz.observations.map(\.mode) == ["face-to-face", "face-to-face", "telephone", "telephone"])
        #expect(kz.observations.map(\.weight) == ["totwt", "totwt", "FinalWgt1", "FinalWgt1"])
    }

    /// Turkmenistan has no 2020 wave: 2018 (face-to-face) → 2022 (telephone) is still a break.
    @Test func turkmenistanBreakWithoutA2020Wave() throws {
        let tm = try Self.series("TM", "United States")
        #expect(tm.breaks == [SeriesBreak(beforeWave: "2018-autumn", afterWave: "2022-autumn", date: tm.observations[1].date,
                                          fromMode: "face-to-face", toMode: "telephone")])
        #expect(tm.breaks.first?.label == "face-to-face → telephone")
    }

    /// Kazakhstan: one break, between 2018 and 2020; 2017 → 2018 is a same-mode pair.
    @Test func kazakhstanBreakOnlyBetween2018And2020() throws {
        let kz = try Self.series("KZ")
        #expect(kz.breaks.map(\.afterWave) == ["2020-autumn"])
        #expect(Comparability.breaks(in: Array(kz.observations.prefix(2))).isEmpty)
        #expect(Comparability.breaks(in: [kz.observations[0], kz.observations[3]]).count == 1)
    }

    /// Unknown modes (published Gallup toplines) make no break, and modes read from a series CSV.
    @Test func modeFromSeriesFile() throws {
        let text = SeriesFile.columns.joined(separator: ",") + ",mode,weight\n"
            + "d,KZ,Russia,fav,w1,2018,favorable,0.5,,,,1000,,,s,c,,face to face,w\n"
            + "d,KZ,Russia,fav,w2,2019,favorable,0.5,,,,1000,,,s,c,,telephone,w\n"
            + "d,KZ,Russia,fav,w3,2020,favorable,0.5,,,,1000,,,s,c,,,\n"
        let file = try SeriesFile.parse(text, file: "f.csv")
        #expect(file.observations.map(\.mode) == ["face-to-face", "telephone", nil])
        #expect(Comparability.breaks(in: file.observations).map(\.afterWave) == ["w2"])
        #expect(try SeriesFile.parse(try file.csvText(), file: nil) == file)
    }

    /// Waves w1, w2, w3 (2018–2020) of one series: each `tail` is `estimate,se,ci_lower,ci_upper,n,deff,flags`,
    /// and `modes`, when given, fill a mode column.
    static func parse(_ tails: [String], modes: [String]? = nil) throws -> [Observation] {
        var text = SeriesFile.columns.joined(separator: ",") + (modes == nil ? "" : ",mode") + "\n"
        for (k, tail) in tails.enumerated() {
            text += "d,KZ,Russia,fav,w\(k + 1),\(2018 + k),favorable,\(tail),s,c," + (modes.map { "," + $0[k] } ?? "") + "\n"
        }
        return try SeriesFile.parse(text, file: "f.csv").observations
    }

    /// A series file without modes, its break flagged on wave 2: the change 1 → 3 crosses it
    /// (compare passed it without a word), 2 → 3 does not, and 1 → 2 does.
    @Test func flagOnAWaveBetweenTheComparedOnes() throws {
        let o = try Self.parse(["0.5,,,,1000,,", "0.4,,,,1000,,mode-break", "0.3,,,,1000,,"])
        let across = Comparability.breaks(from: o[0], to: o[2], in: o)
        #expect(across == [SeriesBreak(beforeWave: "w1", afterWave: "w3", date: "2020", fromMode: "", toMode: "")])
        #expect(across.first?.label == "mode break")
        #expect(Comparability.breaks(from: o[1], to: o[2], in: o).isEmpty)
        #expect(Comparability.breaks(from: o[0], to: o[1], in: o).map(\.afterWave) == ["w2"])
        // Given later wave first: the same break.
        #expect(Comparability.breaks(from: o[2], to: o[0], in: o) == across)
    }

    /// The flag on a wave without a value still marks the break between the waves around it
    /// (the series' breaks skipped the flag with the missing figure).
    @Test func flagOnAWaveWithoutAValue() throws {
        let o = try Self.parse(["0.5,,,,1000,,", ",,,,,,mode-break;not-asked", "0.3,,,,1000,,"])
        #expect(o[1].estimate.isNaN)
        #expect(Comparability.breaks(in: o).map { [$0.beforeWave, $0.afterWave] } == [["w1", "w3"]])
    }

    /// Known modes decide alone: face-to-face → telephone → face-to-face compares 1 with 3
    /// (same mode) without a break, whatever the flags between say.
    @Test func knownModesOfBothEndsDecide() throws {
        let o = try Self.parse(["0.5,,,,1000,,", "0.4,,,,1000,,mode-break", "0.3,,,,1000,,mode-break"],
                               modes: ["face-to-face", "telephone", "face-to-face"])
        #expect(Comparability.breaks(from: o[0], to: o[2], in: o).isEmpty)
        #expect(Comparability.breaks(from: o[0], to: o[1], in: o).map(\.label) == ["face-to-face → telephone"])
    }
}
