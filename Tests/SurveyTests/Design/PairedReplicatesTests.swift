import Foundation
import Testing
import Survey
@testable import SurveyEstimation

/// Issue 11 item 2: BRR/Fay conversion keeps replicates as "pairs + Hadamard signs", so a design
/// of 4,000 strata × 2 PSUs (R = 4,004 replicates) converts without the 8,000 × 4,004 weight
/// matrix (256 MB, plus as much again for the old per-PSU factor table), and the SE equals the
/// closed-form BRR variance computed here in O(n).
@Suite struct PairedReplicatesTests {
    /// 4,000 strata of two one-row PSUs, weight 1, seeded synthetic y (labelled synthetic).
    static func design(strata: Int) throws -> (SurveyDesign, [Double]) {
        let n = 2 * strata
        let y = JackknifeReplicatesTests.values(n, seed: 29)
        let h = (0..<n).map { String(format: "s%05d", $0 / 2) }, p = (0..<n).map { "p\($0)" }
        let design = try SurveyDesign(
            rows: n, weights: Column(name: "w", values: .numeric(Array(repeating: 1, count: n))),
            strata: JackknifeReplicatesTests.factor("h", h), clusters: [JackknifeReplicatesTests.factor("p", p)])
        return (design, y)
    }

    /// Closed form: with one row of weight 1 per PSU every replicate's denominator is N, and a
    /// full Hadamard design gives v(ȳ) = Σ_s (y_s1 − y_s2)² / N² for BRR and for Fay (any ρ):
    /// replicate totals are T + (2−2ρ) Σ_s ε_sr d_s with d_s = (y_s1 − y_s2)/2, balanced ε = ±1
    /// rows orthogonal, so scale·Σ_r (…)² = 4 Σ_s d_s².
    @Test(arguments: [0.0, 0.3]) func fourThousandStrataGiveTheClosedFormStandardError(rho: Double) throws {
        let (design, y) = try Self.design(strata: 4_000)
        let n = y.count
        let converted = try rho == 0 ? design.replicateDesign(.brr) : design.replicateDesign(.fay, fayRho: rho)
        let estimate = try converted.means([Column(name: "y", values: .numeric(y))])
        var v = 0.0
        for s in 0..<(n / 2) { v += (y[2 * s] - y[2 * s + 1]) * (y[2 * s] - y[2 * s + 1]) }
        v /= Double(n) * Double(n)
        let se = try #require(estimate.elements.first).standardError
        #expect(abs(se - v.squareRoot()) / v.squareRoot() < 1e-9, "SE \(se) vs closed form \(v.squareRoot())")
        #expect(converted.replicateCount == 4_004)  // R's hadamard(4000): Paley, prime 4003
        #expect(converted.replicates.columns == 0)  // no n × R matrix was stored
        #expect(converted.degreesOfFreedom == 4_000)  // rank (1 + 4,000 independent Hadamard rows) − 1
    }

    /// The pattern df (used above 1,500 PSUs) equals the exact rank df on a small design, and
    /// each replicate's weights are the BRR pattern: one PSU of each pair 2−ρ, the other ρ.
    @Test func patternDegreesOfFreedomAndFactorsMatchTheExactRank() throws {
        let (design, _) = try Self.design(strata: 9)
        let fay = try design.replicateDesign(.fay, fayRho: 0.3)
        let paired = try #require(fay.described as? PairedReplicates)
        #expect(try paired.degreesOfFreedom(weights: fay.weights, exactLimit: 0, pattern: 9) == fay.degreesOfFreedom)
        #expect(fay.degreesOfFreedom == 9)
        for r in 0..<fay.replicateCount {
            let w = try fay.replicateWeights(r)
            for s in 0..<9 {
                #expect(Set([w[2 * s], w[2 * s + 1]]).map { ($0 * 10).rounded() } .sorted() == [3, 17])
            }
        }
    }
}
