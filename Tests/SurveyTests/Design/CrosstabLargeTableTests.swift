import Foundation
import Testing
import Survey

/// Issue 11 item 2: a crosstab of 300 rows with 300 × 100 levels needed 7.2 GB (the 30,000 ×
/// 30,000 cell covariance). Cells and SEs now come in chunks of occupied cells (memory
/// O(n + rows × cols)); the Rao–Scott tests, which need the full covariance, are omitted with a note.
@Suite struct CrosstabLargeTableTests {
    @Test func threeHundredRowsByThreeHundredTimesOneHundredLevels() throws {
        // Row i (0-based) has a = "r<i>" (300 levels, each once) and b = "c<i mod 100>" (100 levels).
        let n = 300
        let a = Column(name: "a", values: .categorical(codes: (0..<n).map { Int32($0) }, levels: (0..<n).map { "r\($0)" }))
        let b = Column(name: "b", values: .categorical(codes: (0..<n).map { Int32($0 % 100) }, levels: (0..<100).map { "c\($0)" }))
        let design = try SurveyDesign(rows: n, weights: Column(name: "w", values: .numeric(Array(repeating: 2, count: n))))
        let start = Date()
        let result = try design.crosstab(row: a, column: b)
        #expect(Date().timeIntervalSince(start) < 20)
        #expect(result.cells.count == 30_000)
        #expect(result.test == nil)
        #expect(result.testNote?.contains("30000 cells") == true)
        // Hand count: cell (r_i, c_{i mod 100}) holds one row of weight 2 (count 2, proportion 1/300);
        // every other cell is empty (0). Cells come row by row, 100 columns each.
        for i in 0..<n {
            for c in 0..<100 {
                let cell = result.cells[i * 100 + c]
                #expect(cell.row == "r\(i)" && cell.column == "c\(c)")
                let expected = c == i % 100 ? 2.0 : 0.0
                if abs(cell.weightedCount - expected) > 1e-12 { Issue.record("cell r\(i) c\(c): \(cell.weightedCount)") }
            }
        }
        // SRS with replacement (no fpc), weights 2: an occupied cell's proportion p = 1/300 has the
        // linearization variance Σ z_i²·n/(n−1) with z_i = w_i(I_i − p)/W, W = 600:
        // [ (2(1−p))² + 299 (2p)² ] / 600² · 300/299.
        let p = 1.0 / 300
        let v = (pow(2 * (1 - p), 2) + 299 * pow(2 * p, 2)) / (600.0 * 600.0) * 300 / 299
        let occupied = result.cells[0]
        #expect(abs(occupied.proportion - p) < 1e-15)
        #expect(abs(occupied.standardError - v.squareRoot()) / v.squareRoot() < 1e-10)
        #expect(result.cells[1].standardError == 0)
    }

    /// Two identifier-like columns of 4,000 rows would make 4,000 × 4,000 = 16,000,000 cells (by
    /// hand), above `cellLimit` (10,000,000): a clear error before any cell array is allocated,
    /// not a multi-gigabyte allocation.
    @Test func identifierByIdentifierIsRefused() throws {
        let n = 4_000
        let a = Column(name: "id", values: .categorical(codes: (0..<n).map { Int32($0) }, levels: (0..<n).map { "i\($0)" }))
        let b = Column(name: "key", values: .categorical(codes: (0..<n).map { Int32(($0 * 7) % n) }, levels: (0..<n).map { "k\($0)" }))
        let design = try SurveyDesign(rows: n, weights: Column(name: "w", values: .numeric(Array(repeating: 1, count: n))))
        #expect(CrosstabResult.cellLimit == 10_000_000)
        do {
            _ = try design.crosstab(row: a, column: b)
            Issue.record("a 16,000,000-cell crosstab was made")
        } catch {
            #expect("\(error)".contains("4000 × 4000 cells, more than 10000000"), "\(error)")
        }
    }

    /// Small tables keep the tests (the R-checked path, `CrosstabTests`).
    @Test func smallTableKeepsTheTests() throws {
        let n = 40
        let a = Column(name: "a", values: .categorical(codes: (0..<n).map { Int32($0 % 2) }, levels: ["x", "y"]))
        let b = Column(name: "b", values: .categorical(codes: (0..<n).map { Int32(($0 / 2) % 3) }, levels: ["p", "q", "s"]))
        let design = try SurveyDesign(rows: n, weights: Column(name: "w", values: .numeric(Array(repeating: 1, count: n))))
        let result = try design.crosstab(row: a, column: b)
        #expect(result.test != nil && result.testNote == nil)
    }
}
