import Testing
@testable import barometer

/// docs/cab-waves.md: "Tables print `n<30` for a suppressed cell" and the level keeps its n. Kazakhstan 2022's Ulytau region
/// has 9 respondents (CODEBOOK.md), so its cell is suppressed.
@Suite struct GroupSmallCellCommandTests {
    @Test func suppressedCellPrintsNBelowThirty() {
        let run = Barometer.execute(["table", "--dataset", "cab", "--country", "KZ", "--target", "Russia",
                                     "--group", "region=Ulytau region"])
        #expect(run.exitCode == 0)
        #expect(run.output.contains("2022-autumn") && run.output.contains("n<30"), "\(run.output)")
        #expect(run.output.contains("fewer than 30 respondents"))
        // "keeps its rows (so the level is visible, with its n)": the n column shows the 9.
        let row = run.output.split(separator: "\n").first { $0.contains("2022-autumn") && $0.contains("n<30") } ?? ""
        #expect(row.contains("│ 9 │") || row.contains("| 9 |"), "\(row)")
    }
}
