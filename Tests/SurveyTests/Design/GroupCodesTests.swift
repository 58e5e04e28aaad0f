import Testing
import Survey
@testable import SurveyEstimation

/// `GroupCodes`: each row its own group keeps only the number of labels, and reads as the
/// labels "1"…"n" (R's `id = ~1` numbers PSUs by row); by hand for 3 rows.
@Suite struct GroupCodesTests {
    @Test func eachRowLabelsAreRowNumbers() {
        let groups = GroupCodes.eachRow(3)
        #expect(groups.codes == [0, 1, 2])
        #expect(groups.count == 3)
        #expect(groups.labels == ["1", "2", "3"])
        #expect(groups.label(0) == "1" && groups.label(2) == "3")
    }

    @Test func eachRowEqualsTheSameGroupsWithListedLabels() {
        #expect(GroupCodes.eachRow(3) == GroupCodes(codes: [0, 1, 2], labels: ["1", "2", "3"]))
        #expect(GroupCodes.eachRow(3) != GroupCodes(codes: [0, 1, 2], labels: ["a", "b", "c"]))
        #expect(GroupCodes.eachRow(3) != GroupCodes.eachRow(2))
    }

    @Test func crossingUsesEachRowLabels() {
        // Rows (stratum A, row 1), (A, 2), (B, 3): three groups labelled value.row.
        let strata = GroupCodes(codes: [0, 0, 1], labels: ["A", "B"])
        let crossed = strata.crossed(with: .eachRow(3))
        #expect(crossed.codes == [0, 1, 2])
        #expect(crossed.labels == ["A.1", "A.2", "B.3"])
    }
}
