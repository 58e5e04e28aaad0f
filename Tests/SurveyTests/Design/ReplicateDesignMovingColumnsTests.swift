import Testing
@testable import SurveyData
@testable import SurveyEstimation

/// Replicate columns moved out of a table into a design: the design holds the same numbers, the
/// table keeps the rest, and bad columns are clear errors.
@Suite struct ReplicateDesignMovingColumnsTests {
    static func table() throws -> Table {
        try Table(columns: [
            Column(name: "y", values: .numeric([1, 2, 3, 4])),
            Column(name: "w", values: .numeric([1, 1, 1, 1])),
            Column(name: "r1", values: .numeric([0, 4.0 / 3, 4.0 / 3, 4.0 / 3])),
            Column(name: "r2", values: .numeric([4.0 / 3, 0, 4.0 / 3, 4.0 / 3])),
            Column(name: "r3", values: .numeric([4.0 / 3, 4.0 / 3, 0, 4.0 / 3])),
            Column(name: "r4", values: .numeric([4.0 / 3, 4.0 / 3, 4.0 / 3, 0])),
            Column(name: "label", values: .categorical(codes: [0, 1, 2, 3], levels: ["a", "b", "c", "d"])),
        ], source: "t.csv")
    }

    @Test func theReplicatesLeaveTheTableAndGiveTheJackknifeSE() throws {
        var t = try Self.table()
        let d = try ReplicateDesign(movingColumns: ["r1", "r2", "r3", "r4"], from: &t, weights: "w", type: .jk1)
        #expect(t.columnNames == ["y", "w", "label"])
        #expect(d.replicateCount == 4)
        // JK1 by hand: replicate means of y leaving one out are 3, 8/3, 7/3, 2; their mean is 2.5;
        // squared deviations sum to 0.25 + 1/36 + 1/36 + 0.25 = 5/9; times (R-1)/R = 3/4 gives 5/12,
        // so SE = sqrt(5/12) = 0.6454972243679028 (the SE of the mean of 1..4 with n = 4).
        let e = try d.means([t.column(named: "y")]).elements[0]
        #expect(abs(e.value - 2.5) < 1e-15)
        #expect(abs(e.standardError - (5.0 / 12).squareRoot()) < 1e-14)
    }

    @Test func aTextColumnOrTooFewColumnsAreDataErrors() throws {
        var t = try Self.table()
        #expect(throws: DataError.self) { try ReplicateDesign(movingColumns: ["r1", "label"], from: &t, weights: "w", type: .jk1) }
        #expect(throws: DataError.self) { try ReplicateDesign(movingColumns: ["r1"], from: &t, weights: "w", type: .jk1) }
    }

    /// A negative full-sample weight names its column ("w"), as the Taylor and streamed designs
    /// do — not "weights".
    @Test func aBadWeightNamesItsColumn() throws {
        var t = try Table(columns: [
            Column(name: "w", values: .numeric([1, -2, 1])),
            Column(name: "r1", values: .numeric([0, 1.5, 1.5])),
            Column(name: "r2", values: .numeric([1.5, 0, 1.5])),
        ], source: "t.csv")
        #expect(throws: DesignError.invalidWeight(variable: "w", row: 1, value: -2, reason: "negative or infinite")) {
            try ReplicateDesign(movingColumns: ["r1", "r2"], from: &t, weights: "w", type: .jk1)
        }
    }

    @Test func rscalesReadCommasSpacesLinesAndAHeader() throws {
        #expect(try ReplicateDesign.parseRScales("rscales\n0.5\n0.25") == [0.5, 0.25])
        #expect(try ReplicateDesign.parseRScales("1, 2 3") == [1, 2, 3])
        #expect(throws: DataError.self) { try ReplicateDesign.parseRScales("1,-2") }
    }
}
