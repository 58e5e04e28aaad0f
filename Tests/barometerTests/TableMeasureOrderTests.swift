import Testing
@testable import barometer

/// `barometer table --measure A,B,…` lays the measure columns out in the order given (a report
/// reads very favorable → very unfavorable → don't know), not alphabetically.
@Suite struct TableMeasureOrderTests {
    @Test func measureColumnsFollowTheRequestedOrder() throws {
        let r = Barometer.execute(["table", "--dataset", "cab", "--country", "KZ", "--target", "China",
                                   "--measure", "very favorable,somewhat-favorable,dont-know"])
        #expect(r.exitCode == 0, "\(r.errors)")
        let header = try #require(r.output.split(separator: "\n").first { $0.contains("Wave") })
        let very = try #require(header.range(of: "very-favorable")).lowerBound
        let somewhat = try #require(header.range(of: "somewhat-favorable")).lowerBound
        let dk = try #require(header.range(of: "dont-know")).lowerBound
        #expect(very < somewhat && somewhat < dk)
    }
}
