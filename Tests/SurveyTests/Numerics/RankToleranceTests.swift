import Testing
import Survey
@testable import SurveyNumerics

/// docs/accuracy.md: "A column is dropped — and named in the error — when |R_kk| ≤ 1e-12·|R_00|"
/// (after column scaling by powers of two, so the test is scale-free).
@Suite struct RankToleranceTests {
    /// Intercept and x = (1, 1, 1, 1 + δ). Scaled by ½ each: a = (½, ½, ½, ½), b = (½, ½, ½, ½ + δ/2);
    /// b has the larger norm (≈ 1 + δ/4), so it is pivoted first: R_00 ≈ 1. The part of a
    /// orthogonal to b is (a − b) less its projection on b's direction: (0, 0, 0, −δ/2) + δ/8·(1, 1, 1, 1)
    /// = δ/8·(1, 1, 1, −3), of norm δ·√12/8 = 0.4330·δ = R_11. So the ratio crosses 1e-12 at
    /// δ = 1e-12/0.4330 = 2.31e-12: δ = 4e-12 (ratio 1.7e-12) is kept, δ = 1.5e-12 (6.5e-13) dropped.
    @Test func rankToleranceIsOneInATrillion() throws {
        #expect(LeastSquares.defaultRankTolerance == 1e-12)
        func model(_ delta: Double) -> LinearModel {
            LinearModel(response: [1, 2, 3, 4], terms: [.intercept, .variable("x", [1, 1, 1, 1 + delta])])
        }
        #expect(throws: Never.self) { _ = try model(4e-12).fit() }
        #expect { try model(1.5e-12).fit() } throws: { error in
            guard case LinearAlgebraError.rankDeficient(let columns) = error else { return false }
            return columns.count == 1
        }
        // Far on either side: 1e-9 kept, exact collinearity (δ = 0, ratio ≈ 1e-16) dropped.
        #expect(throws: Never.self) { _ = try model(1e-9).fit() }
        #expect(throws: LinearAlgebraError.self) { _ = try model(0).fit() }
    }
}
