import Foundation
import Testing
import Survey
@testable import SurveyEstimation

/// Issue 11 item 2: calibrating a converted design keeps the per-PSU description and recalibrates
/// one replicate at a time, so a 2,000-row SRS converted to jk1 (2,000 replicates) and
/// post-stratified holds no 2,000 × 2,000 matrix (32 MB; the old path also held a second copy for the df), and the SE equals the closed form.
@Suite struct RecalibratedReplicatesTests {
    /// Seeded synthetic SRS (labelled synthetic): y as in `JackknifeReplicatesTests`, cell g = i mod 3.
    static func design(_ n: Int) throws -> (SurveyDesign, Table, [Double], [Int]) {
        let y = JackknifeReplicatesTests.values(n, seed: 41), g = (0..<n).map { $0 % 3 }
        let table = try Table(columns: [
            Column(name: "g", values: .categorical(codes: g.map { Int32($0) }, levels: ["a", "b", "c"])),
            Column(name: "y", values: .numeric(y)),
        ])
        let design = try SurveyDesign(rows: n, weights: Column(name: "w", values: .numeric(Array(repeating: 1, count: n))))
        return (design, table, y, g)
    }

    /// Post-stratification targets N_c (synthetic): 10,000, 25,000, 5,000.
    static let targets: [Double] = [10_000, 25_000, 5_000]

    /// Closed form: dropping row i of cell c moves only ȳ_c, to (n_c ȳ_c − y_i)/(n_c − 1), so
    /// θ_i − θ = (N_c/N)(ȳ_c − y_i)/(n_c − 1), the replicates average to θ, and
    /// v = (n−1)/n Σ_c (N_c/N)² Σ_{i∈c} (y_i − ȳ_c)² / (n_c − 1)².
    @Test func twoThousandRowJK1PostStratifiedGivesTheClosedForm() throws {
        let n = 2_000
        let (design, table, y, g) = try Self.design(n)
        let jk1 = try design.replicateDesign(.jk1)
        let margins = try CalibrationMargins([.init(variable: "g", levels: ["a", "b", "c"], totals: Self.targets)])
        let calibration = try Calibration(table: table, weights: jk1.weights, margins: margins, method: .poststratify)
        let calibrated = try jk1.calibrated(by: calibration)
        #expect(calibrated.replicates.columns == 0)  // no n × R matrix was stored
        #expect(calibrated.recalibrated != nil)
        #expect(calibrated.replicateCount == n)
        let se = try #require(try calibrated.means([Column(name: "y", values: .numeric(y))]).elements.first).standardError
        let total = Self.targets.reduce(0, +)
        var v = 0.0
        for c in 0..<3 {
            let ys = zip(y, g).filter { $0.1 == c }.map(\.0)
            let m = ys.reduce(0, +) / Double(ys.count)
            let ss = ys.reduce(0.0) { $0 + ($1 - m) * ($1 - m) }
            let share = Self.targets[c] / total
            v += share * share * ss / (Double(ys.count - 1) * Double(ys.count - 1))
        }
        v *= Double(n - 1) / Double(n)
        #expect(abs(se - v.squareRoot()) / v.squareRoot() < 1e-9, "SE \(se) vs closed form \(v.squareRoot())")
    }

    /// The replicate-by-replicate path gives the dense path's SEs and df (both run here: the
    /// same converted replicates given as a weight matrix are calibrated as columns).
    @Test(arguments: [CalibrationMethod.poststratify, .rake])
    func replicateByReplicateEqualsTheDensePath(method: CalibrationMethod) throws {
        let n = 300
        let (design, table, y, _) = try Self.design(n)
        let jk1 = try design.replicateDesign(.jk1)
        var dense = Matrix(rows: n, columns: jk1.replicateCount)
        for r in 0..<jk1.replicateCount {
            let w = try jk1.replicateWeights(r)
            for i in 0..<n { dense[i, r] = w[i] }
        }
        let given = try ReplicateDesign(
            weights: jk1.weights, replicates: dense, type: .jk1, scale: jk1.scale, rscales: jk1.rscales)
        let margins = try CalibrationMargins([.init(variable: "g", levels: ["a", "b", "c"], totals: Self.targets)])
        let calibration = try Calibration(table: table, weights: jk1.weights, margins: margins, method: method)
        let a = try jk1.calibrated(by: calibration), b = try given.calibrated(by: calibration)
        #expect(a.recalibrated != nil && b.recalibrated == nil)
        let column = [Column(name: "y", values: .numeric(y))]
        let sa = try #require(try a.means(column).elements.first).standardError
        let sb = try #require(try b.means(column).elements.first).standardError
        #expect(abs(sa - sb) / sb < 1e-12, "\(sa) vs \(sb)")
        #expect(a.degreesOfFreedom == b.degreesOfFreedom)
    }
}
