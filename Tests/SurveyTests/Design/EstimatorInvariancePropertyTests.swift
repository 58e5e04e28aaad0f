import Foundation
import PropertyBased
import Testing
import Survey

/// Estimator invariants as properties (issue 11 item 8, x-sheep/swift-property-based), on random
/// stratified cluster samples (2 strata × up to 7 PSUs, 14–60 rows, weights 0.5–3):
/// - weights × c (any c in [0.001, 10⁴]) leave means, proportions and their SEs unchanged
///   (c cancels in Σwy/Σw and in the linearized variance) and multiply totals and their SEs by c;
/// - a permutation of the rows leaves every estimate and SE unchanged (sums are order-free up to
///   rounding).
/// Both within a relative 1e-12. `EstimatorInvarianceTests` keeps the seeded versions.
@Suite struct EstimatorInvariancePropertyTests {
    /// (x, weight, group) per row.
    static let samples = zip(Gen.double(in: -5...15), Gen.double(in: 0.5...3), Gen.int(in: 0...2)).array(of: 14...60)

    /// (mean of x, proportions of group) and (total of x) with SEs, under the design over `rows`.
    static func estimates(_ rows: [(Double, Double, Int)], weightScale: Double = 1)
        throws -> (ratios: [(Double, Double)], totals: [(Double, Double)]) {
        func col(_ n: String, _ v: [Double]) -> Column { Column(name: n, values: .numeric(v)) }
        // Stratum and PSU travel with the row (derived from x's bits), so a permutation moves them.
        let stratum = rows.map { Double($0.0.bitPattern % 2) }
        let psu = rows.map { Double($0.0.bitPattern % 2) * 100 + Double(($0.0.bitPattern / 2) % 7) }
        let design = try SurveyDesign(
            rows: rows.count, weights: col("w", rows.map { $0.1 * weightScale }), strata: col("h", stratum),
            clusters: [col("psu", psu)])
        let x = col("x", rows.map(\.0))
        let ratios = try design.means([x]).elements + design.proportions(col("g", rows.map { Double($0.2) })).elements
        return (ratios.map { ($0.value, $0.standardError) }, try design.totals([x]).elements.map { ($0.value, $0.standardError) })
    }

    static func close(_ a: [(Double, Double)], _ b: [(Double, Double)]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { p, q in
            abs(p.0 - q.0) <= 1e-12 * max(1, abs(p.0)) && abs(p.1 - q.1) <= 1e-12 * max(1, abs(p.1))
        }
    }

    /// Samples whose strata each hold at least two PSUs (a design the estimators accept).
    static func usable(_ rows: [(Double, Double, Int)]) -> Bool {
        let psus = Dictionary(grouping: rows) { $0.0.bitPattern % 2 }.mapValues { Set($0.map { ($0.0.bitPattern / 2) % 7 }) }
        return psus.count == 2 && psus.values.allSatisfy { $0.count >= 2 }
    }

    @Test func scalingWeightsLeavesRatiosUnchangedAndScalesTotals() async throws {
        await propertyCheck(count: 100, input: Self.samples, Gen.double(in: 0.001...10_000)) { rows, c in
            guard Self.usable(rows) else { return }
            let base = try Self.estimates(rows), scaled = try Self.estimates(rows, weightScale: c)
            #expect(Self.close(base.ratios, scaled.ratios), "c \(c)")
            #expect(Self.close(base.totals.map { ($0.0 * c, $0.1 * c) }, scaled.totals), "c \(c)")
        }
    }

    @Test func permutingRowsLeavesEverythingUnchanged() async throws {
        await propertyCheck(count: 100, input: Self.samples, Gen<UInt64>.value().array(of: 60)) { rows, keys in
            guard Self.usable(rows) else { return }
            let order = rows.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }
            let permuted = order.map { rows[$0] }
            let a = try Self.estimates(rows), b = try Self.estimates(permuted)
            #expect(Self.close(a.ratios, b.ratios))
            #expect(Self.close(a.totals, b.totals))
        }
    }
}
