import Testing
@testable import barometer

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

    /// CAB: the mode break is flagged on 2020-autumn (face-to-face → telephone). 2018 → 2022 crosses
    /// it; 2020 → 2022 does not.
    @Test func modeBreakOnlyWhenCrossed() {
        let base = ["compare", "--dataset", "cab", "--country", "KZ", "--target", "China"]
        let crossing = Barometer.execute(base + ["--from", "2018", "--to", "2022"])
        #expect(crossing.exitCode == 0, "\(crossing.errors)")
        #expect(crossing.output.contains("flag mode-break"))
        let within = Barometer.execute(base + ["--from", "2020", "--to", "2022"])
        #expect(within.exitCode == 0, "\(within.errors)")
        #expect(!within.output.contains("mode-break"))
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
