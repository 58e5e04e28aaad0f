import Testing
@testable import Survey

/// The design-time pass over replicate weights (`ReplicateScan`): a missing or infinite weight is
/// an error naming its replicate and row wherever it sits (inside the paired fast loop or its
/// tail, with R's rank df computed or given), and the rank df is R's `qr(weights)$rank − 1`.
@Suite("Replicate weight scan")
struct ReplicateScanTests {
    /// JK1 over n rows in n groups: replicate g drops row g and scales the rest by n/(n−1).
    func jk1Columns(_ n: Int) -> [[Double]] {
        (0..<n).map { g in (0..<n).map { i in i == g ? 0 : Double(n) / Double(n - 1) } }
    }

    @Test("a NaN or infinite replicate weight is named by replicate and row, with or without the rank df",
          arguments: [(Double.nan, 5, 2), (Double.infinity, 9, 6), (-Double.infinity, 2, 0), (Double.nan, 10, 4)])
    func nonFiniteIsNamed(value: Double, row: Int, replicate: Int) throws {
        let n = 11   // odd, so rows 8…10 fall in the scalar tail after the pairs-of-two loop
        var columns = jk1Columns(n)
        columns[replicate][row] = value
        let weights = [Double](repeating: 1, count: n)
        for df in [nil, 10] as [Int?] {
            do {
                _ = try ReplicateDesign(weights: weights, replicates: try ReplicateWeights(rows: n, columns: columns),
                                        type: .jk1, degreesOfFreedom: df)
                Issue.record("expected an error")
            } catch let DesignError.invalidReplicates(message) {
                #expect(message == "replicate \(replicate + 1) has a missing or infinite value at row \(row + 1)")
            }
        }
    }

    @Test("rank df of n-group JK1 weights is n − 1 (R: qr(diag-dropped matrix)$rank = n)")
    func jk1RankDF() throws {
        let n = 11
        let design = try ReplicateDesign(weights: [Double](repeating: 1, count: n),
                                         replicates: try ReplicateWeights(rows: n, columns: jk1Columns(n)), type: .jk1)
        #expect(design.degreesOfFreedom == n - 1)
    }
}
