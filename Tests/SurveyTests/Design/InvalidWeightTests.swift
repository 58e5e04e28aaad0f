import Testing
import Survey
@testable import SurveyEstimation

/// `ReplicateDesign.firstInvalidWeight`: the first row whose full-sample weight is missing,
/// negative or infinite (rows placed by hand, in both of the fixed row ranges and in the block
/// the bit test reads); −0 and +0 are valid weights, as `w >= 0` says.
struct InvalidWeightTests {
    @Test("valid weights, −0 among them: none")
    func valid() {
        var w = [Double](repeating: 2.5, count: 100_000)
        w[7] = -0.0
        w[99_999] = 0
        w[50_000] = .greatestFiniteMagnitude
        #expect(ReplicateDesign.firstInvalidWeight(w) == nil)
        #expect(ReplicateDesign.firstInvalidWeight([]) == nil)
    }

    @Test("NaN, −NaN, ±∞ and a negative weight: the earliest row", arguments: [
        Double.nan, -Double.nan, .infinity, -.infinity, -1e-300,
    ])
    func invalid(bad: Double) {
        var w = [Double](repeating: 1, count: 100_000)
        w[80_000] = bad                      // second range (rows 50,000…)
        #expect(ReplicateDesign.firstInvalidWeight(w) == 80_000)
        w[1_030] = bad                       // first range, second block of 1,024
        #expect(ReplicateDesign.firstInvalidWeight(w) == 1_030)
        #expect(ReplicateDesign.firstInvalidWeight([3, bad]) == 1)
    }
}
