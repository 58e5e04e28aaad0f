import Testing
import Survey
@testable import SurveyEstimation

/// docs/design-estimation.md: "BRR conversion for 24–27 and 32–35 strata needs R's stored 28/36
/// Hadamard matrices (throws)". R's `hadamard(n)` takes its stored 28 × 28 matrix for n = 24–27
/// and 36 × 36 for n = 32–35; every other size up to 40 is a Sylvester or Paley matrix.
@Suite struct HadamardSizesTests {
    @Test func storedSizesThrowOthersAreBuilt() throws {
        for n in Array(24...27) + Array(32...35) {
            #expect(throws: DesignError.self, "\(n) strata") { _ = try Hadamard.matrix(n) }
        }
        for n in Array(1...23) + Array(28...31) + Array(36...40) {
            let h = try Hadamard.matrix(n)
            #expect(h.count > n && h.allSatisfy { $0.count == h.count }, "\(n) strata: \(h.count)")
            // Rows of a Hadamard matrix (±1 form) are orthogonal: in 0/1 form any two rows agree
            // in exactly half the columns.
            for i in 0..<min(h.count, 6) {
                for j in (i + 1)..<min(h.count, 6) {
                    #expect(zip(h[i], h[j]).filter { $0 == $1 }.count * 2 == h.count, "\(n): rows \(i), \(j)")
                }
            }
        }
    }
}
