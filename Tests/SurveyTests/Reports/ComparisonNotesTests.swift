import Testing
@testable import SurveySeries
@testable import SurveyReports

/// The notes under a `compare` table: every assumption and flag of a compared figure is said.
@Suite struct ComparisonNotesTests {
    static func figure(_ country: String, _ wave: String, se: Double? = nil, deff: Double? = nil, flags: [String] = []) -> Observation {
        Observation(dataset: "cab", country: country, target: "China", item: "favorability", wave: wave, date: wave,
                    measure: "favorable", estimate: 0.5, se: se, n: 1000, deff: deff, flags: flags, sourceID: "s")
    }

    @Test func aToplineWithoutDesignEffectSaysSRSWasAssumed() {
        let used = [Self.figure("KZ", "2019", se: 0.01), Self.figure("KZ", "2022")]
        #expect(ComparisonNotes.variance(used, assumedDeff: nil) == ["SRS assumed (deff = 1) where the source gives no design effect"])
    }

    @Test func anAssumedDesignEffectIsNamedOnlyWhereAFigureNeedsIt() {
        let needing = [Self.figure("KZ", "2019", se: 0.01), Self.figure("KZ", "2022", deff: 1.5)]
        #expect(ComparisonNotes.variance(needing, assumedDeff: 1.5) == ["design effect 1.5 assumed (--deff) where the source gives none"])
        let allWithSE = [Self.figure("KZ", "2019", se: 0.01), Self.figure("KZ", "2022", se: 0.02)]
        #expect(ComparisonNotes.variance(allWithSE, assumedDeff: 1.5).isEmpty)
    }

    @Test func eachFlagListsTheFiguresCarryingItInFirstSeenOrder() {
        let used = [
            Self.figure("KZ", "2019", se: 0.01, flags: ["n-assumed"]), Self.figure("KZ", "2022", se: 0.01, flags: ["mode-break", "n-assumed"]),
        ]
        // Two figures, both n-assumed: "every compared figure" is only said for more than two.
        #expect(ComparisonNotes.flags(used) == [
            "flag n-assumed: KZ · China · favorable 2019; KZ · China · favorable 2022",
            "flag mode-break: KZ · China · favorable 2022",
        ])
        let four = used + [Self.figure("UZ", "2019", se: 0.01, flags: ["n-assumed"]), Self.figure("UZ", "2022", se: 0.01, flags: ["n-assumed"])]
        #expect(ComparisonNotes.flags(four).first == "flag n-assumed: every compared figure")
    }

    @Test func leftOutSubgroupsAreCountedWithTheSuppressionRule() {
        let used = [Self.figure("KZ", "2019", se: 0.01), Self.figure("KZ", "2022", se: 0.01)]
        #expect(ComparisonNotes.notes(used, assumedDeff: nil, leftOut: 3)
            == ["3 subgroup series left out: suppressed (n < \(CABImporter.suppressBelow)) or absent in one of the two waves"])
    }
}
