import Foundation
import Testing
import Survey
@testable import SurveyEstimation

/// Issue 11 item 2: jackknife conversion keeps replicates as "PSU dropped + group factor", so a
/// 40,000-row SRS converts to jk1 without a 40,000 × 40,000 weight matrix (12.8 GB), and the SE
/// equals the closed-form JK1 variance computed here in O(n).
@Suite struct JackknifeReplicatesTests {
    /// Seeded synthetic normal-ish values (sum of 4 uniforms), labelled synthetic.
    static func values(_ n: Int, seed: UInt64) -> [Double] {
        var g = SplitMix64(seed: seed)
        return (0..<n).map { _ in
            (0..<4).reduce(0.0) { acc, _ in acc + Double(g.next() >> 11) / 9_007_199_254_740_992.0 } * 10 + 40
        }
    }

    @Test func fortyThousandRowSRSGivesTheClosedFormJK1StandardError() throws {
        let n = 40_000
        let y = Self.values(n, seed: 11)
        let design = try SurveyDesign(rows: n, weights: Column(name: "w", values: .numeric(Array(repeating: 1, count: n))))
        let start = Date()
        let jk1 = try design.replicateDesign(.jk1)
        let estimate = try jk1.means([Column(name: "y", values: .numeric(y))])
        let seconds = Date().timeIntervalSince(start)
        // Independent JK1 variance: mean_(i) = (S − y_i)/(n − 1); v = (n−1)/n Σ (mean_(i) − mean)²
        // (R centres at the mean of the replicates, which equals the full mean for the jackknife).
        let s = y.reduce(0, +), mean = s / Double(n)
        let v = y.reduce(0.0) { acc, yi in
            let d = (s - yi) / Double(n - 1) - mean
            return acc + d * d
        } * Double(n - 1) / Double(n)
        let se = try #require(estimate.elements.first).standardError
        #expect(abs(se - v.squareRoot()) / v.squareRoot() < 1e-9, "SE \(se) vs closed form \(v.squareRoot())")
        #expect(jk1.replicateCount == n)
        #expect(jk1.replicates.columns == 0)  // no n × R matrix was stored
        #expect(jk1.degreesOfFreedom == n - 1)  // R: rank(n × n jk1 weights) − 1
        #expect(seconds < 30, "jk1 on 40,000 rows took \(seconds) s")
    }

    /// A categorical column of `labels` (levels in order of first appearance).
    static func factor(_ name: String, _ labels: [String]) -> Column {
        var levels: [String] = [], index: [String: Int32] = [:]
        let codes = labels.map { l -> Int32 in
            if let k = index[l] { return k }
            index[l] = Int32(levels.count); levels.append(l); return Int32(levels.count - 1)
        }
        return Column(name: name, values: .categorical(codes: codes, levels: levels))
    }

    /// The pattern df (used above 1,500 PSUs) equals the exact rank df on small designs:
    /// jk1, jkn with strata of 2–5 PSUs, and jkn with a lonely PSU under `adjust`.
    @Test(arguments: [false, true]) func patternDegreesOfFreedomMatchTheExactRank(lonely: Bool) throws {
        var strata: [String] = [], psus: [String] = []
        for h in 0..<4 {
            let size = lonely && h == 3 ? 1 : h + 2
            for k in 0..<size { strata += ["s\(h)", "s\(h)"]; psus += ["s\(h)p\(k)", "s\(h)p\(k)"] }
        }
        let rows = psus.count
        let w = Column(name: "w", values: .numeric((0..<rows).map { 1 + Double($0 % 3) }))
        let design = try SurveyDesign(
            rows: rows, weights: w, strata: Self.factor("h", strata),
            clusters: [Self.factor("p", psus)], lonelyPSU: lonely ? .adjust : .fail)
        let jkn = try design.replicateDesign(.jkn)
        let jackknife = try #require(jkn.jackknife)
        #expect(try jackknife.degreesOfFreedom(weights: jkn.weights, exactLimit: 0) == jkn.degreesOfFreedom)
        let unstratified = try SurveyDesign(rows: rows, weights: w, clusters: [Self.factor("p", psus)])
        let jk1 = try unstratified.replicateDesign(.jk1)
        #expect(try #require(jk1.jackknife).degreesOfFreedom(weights: jk1.weights, exactLimit: 0) == jk1.degreesOfFreedom)
    }
}
