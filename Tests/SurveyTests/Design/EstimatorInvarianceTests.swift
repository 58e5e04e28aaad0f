import Foundation
import Testing
import Survey
@testable import SurveyNumerics

/// Seeded property checks (20 random stratified cluster samples each, SplitMix64 seeds 1–20):
/// properties that hold by the algebra of the estimators, whatever the data.
/// - Scaling every weight by a constant c leaves means, proportions and their SEs unchanged
///   (ratio estimators: c cancels in Σwy/Σw and in the linearized variance).
/// - Reordering rows changes no estimate or SE (sums are order-free up to rounding).
/// - A table written as CSV reads back equal (numbers print in shortest round-trip form).
@Suite struct EstimatorInvarianceTests {
    struct Sample {
        var rows: Int
        var x: [Double], w: [Double], stratum: [Double], cluster: [Double], group: [Double]

        init(seed: UInt64) {
            var g = SplitMix64(seed: seed)
            rows = 20 + Int(g.next() % 41)
            x = []; w = []; stratum = []; cluster = []; group = []
            for i in 0..<rows {
                let h = Double(i % 2)
                stratum.append(h)
                cluster.append(h * 100 + Double(i % 7))  // 7 PSUs per stratum, ids unique across strata
                x.append((g.nextUnit() * 2000).rounded() / 100 - 5)
                w.append(0.5 + (g.nextUnit() * 250).rounded() / 100)
                group.append(Double(g.next() % 3))
            }
        }

        func permuted(seed: UInt64) -> Sample {
            var g = SplitMix64(seed: seed ^ 0x9E37)
            var order = Array(0..<rows)
            for i in stride(from: rows - 1, to: 0, by: -1) { order.swapAt(i, Int(g.next() % UInt64(i + 1))) }
            var s = self
            s.x = order.map { x[$0] }; s.w = order.map { w[$0] }; s.stratum = order.map { stratum[$0] }
            s.cluster = order.map { cluster[$0] }; s.group = order.map { group[$0] }
            return s
        }

        func estimates(weightScale: Double = 1) throws -> [(Double, Double)] {
            func col(_ n: String, _ v: [Double]) -> Column { Column(name: n, values: .numeric(v)) }
            let design = try SurveyDesign(
                rows: rows, weights: col("w", w.map { $0 * weightScale }), strata: col("h", stratum),
                clusters: [col("psu", cluster)])
            let mean = try design.means([col("x", x)])
            let props = try design.proportions(col("g", group))
            return (mean.elements + props.elements).map { ($0.value, $0.standardError) }
        }
    }

    static func close(_ a: [(Double, Double)], _ b: [(Double, Double)]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { p, q in
            abs(p.0 - q.0) <= 1e-12 * max(1, abs(p.0)) && abs(p.1 - q.1) <= 1e-12 * max(1, abs(p.1))
        }
    }

    @Test(arguments: 1...20)
    func scalingWeightsLeavesEstimatesAndSEsUnchanged(_ seed: Int) throws {
        let s = Sample(seed: UInt64(seed))
        let base = try s.estimates()
        for c in [0.001, 7.3, 12_345.0] {
            #expect(Self.close(base, try s.estimates(weightScale: c)), "seed \(seed), c \(c)")
        }
    }

    @Test(arguments: 1...20)
    func rowOrderLeavesEstimatesAndSEsUnchanged(_ seed: Int) throws {
        let s = Sample(seed: UInt64(seed))
        #expect(Self.close(try s.estimates(), try s.permuted(seed: UInt64(seed)).estimates()), "seed \(seed)")
    }

    @Test(arguments: 1...20)
    func csvWrittenThenReadIsEqual(_ seed: Int) throws {
        let s = Sample(seed: UInt64(seed))
        var g = SplitMix64(seed: UInt64(seed) &* 31)
        let words = ["a", "b c", "quote \"q\"", "comma, here", "line\nbreak", "été"]
        let codes = (0..<s.rows).map { _ in Int32(g.next() % UInt64(words.count + 1)) - 1 }  // -1 = missing
        var x = s.x
        x[0] = .nan  // a missing number
        let table = try Table(columns: [
            Column(name: "x", values: .numeric(x)),
            Column(name: "w", values: .numeric(s.w.map { $0 / 3 })),  // non-terminating decimals
            Column(name: "label", values: .categorical(codes: codes, levels: words)),
        ])
        let back = try CSVReader().read(bytes: [UInt8](table.csvData()), name: "round.csv")
        #expect(back.columnNames == ["x", "w", "label"])
        let bx = try back.numeric("x"), bw = try back.numeric("w")
        #expect(bx[0].isNaN && Array(bx.dropFirst()) == Array(x.dropFirst()))
        #expect(bw == s.w.map { $0 / 3 })
        let label = try back.column(named: "label")
        #expect((0..<s.rows).map { label.text(at: $0) } == codes.map { $0 < 0 ? nil : words[Int($0)] })
    }
}
