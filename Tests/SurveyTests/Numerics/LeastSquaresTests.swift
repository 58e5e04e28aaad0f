import Testing
import Survey

/// Error paths and small hand-checked fits of `LinearModel` (expected values derived in comments).
@Suite struct LeastSquaresTests {
    /// y = 1 + 2x exactly at x = 0…4: β = (1, 2), residuals 0, R² = 1.
    @Test func exactLineByHand() throws {
        let x: [Double] = [0, 1, 2, 3, 4]
        let fit = try LinearModel(response: x.map { 1 + 2 * $0 }, terms: [.intercept, .variable("x", x)]).fit()
        #expect(abs(fit.coefficients[0] - 1) < 1e-14 && abs(fit.coefficients[1] - 2) < 1e-14)
        #expect(fit.rSquared == 1)
        #expect(fit.dfResidual == 3)
    }

    /// Hand calculation: y = (1, 3, 2), x = (0, 1, 2): x̄ = 1, ȳ = 2, Sxy = (−1)(−1) + 0 + (1)(0) = 1,
    /// Sxx = 2 → slope 0.5, intercept 1.5; residuals (−0.5, 1, −0.5), RSS = 1.5, σ² = 1.5/1,
    /// Var(slope) = σ²/Sxx = 0.75, TSS = 2 → R² = 0.25.
    @Test func smallFitByHand() throws {
        let fit = try LinearModel(response: [1, 3, 2], terms: [.intercept, .variable("x", [0, 1, 2])]).fit()
        #expect(abs(fit.coefficients[1] - 0.5) < 1e-15 && abs(fit.coefficients[0] - 1.5) < 1e-15)
        #expect(abs(fit.standardErrors[1] - 0.75.squareRoot()) < 1e-15)
        #expect(abs(fit.rSquared - 0.25) < 1e-15)
    }

    /// x2 = 2·x1: the later-pivoted duplicate is named.
    @Test func collinearColumnIsNamed() {
        let x1: [Double] = [1, 2, 3, 4, 5, 7]
        let model = LinearModel(
            response: [1, 3, 2, 5, 4, 6],
            terms: [.intercept, .variable("x1", x1), .variable("x2", x1.map { 2 * $0 })])
        #expect { try model.fit() } throws: { error in
            guard case LinearAlgebraError.rankDeficient(let cols) = error else { return false }
            return cols.count == 1 && (cols[0] == "x1" || cols[0] == "x2")
        }
    }

    /// A constant predictor next to the intercept is named (not the intercept).
    @Test func constantPredictorIsNamed() {
        let model = LinearModel(
            response: [1, 3, 2, 5], terms: [.intercept, .variable("x", [1, 2, 3, 4]), .variable("c", [7, 7, 7, 7])])
        #expect(throws: LinearAlgebraError.rankDeficient(columns: ["c"])) { try model.fit() }
    }

    /// Degree-7 polynomial of x on 5 distinct points: x^5…x^7 are linear combinations of the lower powers.
    @Test func polynomialBeyondDistinctPointsNamesHighPowers() {
        let x: [Double] = [1, 2, 3, 4, 5, 1, 2, 3, 4, 5]
        let model = LinearModel(response: x.map { $0 * $0 + 1 }, terms: [.intercept] + DesignTerm.polynomial("x", x, degree: 7))
        #expect { try model.fit() } throws: { error in
            guard case LinearAlgebraError.rankDeficient(let cols) = error else { return false }
            return cols.count == 3 && cols.allSatisfy { $0.hasPrefix("x") }
        }
    }

    /// Exact quadratic in calendar years (the trend use case, where raw t and t² agree to 1e-5):
    /// y = 3 − 2t + t² at t = 2017…2025 must give β = (3, −2, 1). Fitted in the centred basis.
    @Test func quadraticInYearsIsExact() throws {
        let t = (2017...2025).map(Double.init)
        let fit = try LinearModel(response: t.map { 3 - 2 * $0 + $0 * $0 },
                                  terms: [.intercept] + DesignTerm.polynomial("year", t, degree: 2)).fit()
        #expect(abs(fit.coefficients[0] - 3) < 1e-6 && abs(fit.coefficients[1] + 2) < 1e-9)
        #expect(abs(fit.coefficients[2] - 1) < 1e-13)
        #expect(fit.termNames == ["(Intercept)", "year", "year^2"])
    }

    /// Centring applies only with an intercept and powers 1…K: y = t + t³ (no intercept, powers 1 and 3)
    /// at t = 1…6 is fitted in the raw basis and recovered exactly.
    @Test func polynomialWithoutInterceptOrGaps() throws {
        let t: [Double] = [1, 2, 3, 4, 5, 6]
        let fit = try LinearModel(response: t.map { $0 + $0 * $0 * $0 },
                                  terms: [.power("t", t, 1), .power("t", t, 3)]).fit()
        #expect(abs(fit.coefficients[0] - 1) < 1e-13 && abs(fit.coefficients[1] - 1) < 1e-14)
        #expect(fit.termNames == ["t", "t^3"])
    }

    @Test func tooFewObservations() {
        let model = LinearModel(response: [1, 2], terms: [.intercept, .variable("x", [1, 2])])
        #expect(throws: LinearAlgebraError.tooFewObservations(observations: 2, parameters: 2)) { try model.fit() }
    }

    @Test func zeroWeightsDropOutOfDF() throws {
        let model = LinearModel(
            response: [1, 3, 2, 100], terms: [.intercept, .variable("x", [0, 1, 2, 3])], weights: [1, 1, 1, 0])
        let fit = try model.fit()
        #expect(fit.dfResidual == 1 && fit.observations == 3)
        #expect(abs(fit.coefficients[1] - 0.5) < 1e-15)   // the hand fit above, row 4 ignored
        #expect(abs(fit.residuals[3] - (100 - 3)) < 1e-12)  // 100 − (1.5 + 0.5·3)
    }

    @Test func nonFiniteDataIsRejected() {
        let model = LinearModel(response: [1, 2, 3, 4], terms: [.intercept, .variable("x", [1, .nan, 3, 4])])
        #expect(throws: LinearAlgebraError.invalidData("x: observation 2 is nan; a finite number is required")) {
            try model.fit()
        }
        let weighted = LinearModel(response: [1, 2, 3, 4], terms: [.intercept, .variable("x", [1, 2, 3, 5])],
                                   weights: [1, -1, 1, 1])
        #expect(throws: LinearAlgebraError.self) { try weighted.fit() }
    }

    /// No intercept: R² is uncentred. y = (1, 2, 2) on x = (1, 1, 2): β = Σxy/Σx² = 7/6,
    /// RSS = Σy² − β·Σxy = 9 − 49/6 = 5/6, uncentred TSS = 9 → R² = 1 − 5/54.
    @Test func uncentredRSquaredWithoutIntercept() throws {
        let fit = try LinearModel(response: [1, 2, 2], terms: [.variable("x", [1, 1, 2])]).fit()
        #expect(abs(fit.coefficients[0] - 7.0 / 6) < 1e-15)
        #expect(abs(fit.rSquared - (1 - 5.0 / 54)) < 1e-15)
    }
}

@Suite struct CholeskyTests {
    /// A = [[4, 2], [2, 3]]: U = [[2, 1], [0, √2]]; A⁻¹ = [[3, −2], [−2, 4]]/8.
    @Test func factorSolveInverseByHand() throws {
        let a = try Matrix(rows: 2, columns: 2, storage: [4, 2, 2, 3])
        let c = try Cholesky(a)
        #expect(c.upper[0, 0] == 2 && c.upper[0, 1] == 1 && abs(c.upper[1, 1] - 2.0.squareRoot()) < 1e-15)
        #expect(c.upper[1, 0] == 0)
        let inv = try a.inversePositiveDefinite()
        #expect(abs(inv[0, 0] - 3.0 / 8) < 1e-15 && abs(inv[0, 1] + 0.25) < 1e-15 && abs(inv[1, 0] + 0.25) < 1e-15)
        let x = try c.solve([2, 1])   // A⁻¹(2, 1) = (6 − 2, −4 + 4)/8 = (0.5, 0)
        #expect(abs(x[0] - 0.5) < 1e-15 && abs(x[1]) < 1e-15)
    }

    @Test func indefiniteMatrixThrows() throws {
        let a = try Matrix(rows: 2, columns: 2, storage: [1, 2, 2, 1])
        #expect(throws: LinearAlgebraError.notPositiveDefinite(minor: 2)) { try Cholesky(a) }
    }
}
