import Testing
import SurveyNumerics
@testable import SurveyEstimation

/// `CellSums` (C target `CCellSums`): each row's four weights go to its cell's four sums, rows in
/// four sets by row mod 4; the AVX2 path (four rows at a time) and the one-row path make the same
/// additions in the same order, so they agree bit for bit.
@Suite("Cell sums kernel")
struct CellSumsTests {
    /// Seeded weights of four units, values, and each row's cell in the lower half of `cells` and
    /// its value's cell in the upper half (byte offsets).
    static func block(rows n: Int, cells: Int, seed: UInt64) -> (columns: [[Double]], values: [Double], offsets: [Int32], valueOffsets: [Int32]) {
        var g = SplitMix64(seed: seed)
        let columns = (0..<4).map { _ in (0..<n).map { _ in Double(g.next() % 1_000_000) / 7.0 - 50_000 } }
        let values = (0..<n).map { _ in Double(g.next() % 10_000) / 3.0 }
        let half = cells / 2
        let offsets = (0..<n).map { _ in Int32(32 * Int(g.next() % UInt64(half))) }
        let valueOffsets = (0..<n).map { _ in Int32(32 * (half + Int(g.next() % UInt64(cells - half)))) }
        return (columns, values, offsets, valueOffsets)
    }

    /// Runs the three kernels on seeded weights, values and cells; returns the sums and squares.
    func run(rows n: Int, cells: Int, seed: UInt64) -> (sums: [Double], squares: [Double]) {
        let (columns, values, offsets, valueOffsets) = Self.block(rows: n, cells: cells, seed: seed)
        var sums = [Double](repeating: 0, count: 4 * CellSums.sets * cells), squares = [Double](repeating: 0, count: 4)
        columns[0].withUnsafeBufferPointer { x0 in columns[1].withUnsafeBufferPointer { x1 in
            columns[2].withUnsafeBufferPointer { x2 in columns[3].withUnsafeBufferPointer { x3 in
                values.withUnsafeBufferPointer { v in offsets.withUnsafeBufferPointer { o in
                    valueOffsets.withUnsafeBufferPointer { vo in sums.withUnsafeMutableBufferPointer { s in
                        squares.withUnsafeMutableBufferPointer { q in
                            let units = (x0.baseAddress!, x1.baseAddress!, x2.baseAddress!, x3.baseAddress!)
                            CellSums.addFirst(units, rows: n, offsets: o.baseAddress!, sums: s.baseAddress!, cells: cells,
                                              squares: q.baseAddress!,
                                              scaled: .init(values: v.baseAddress!, offsets: vo.baseAddress!, sums: s.baseAddress!))
                            CellSums.add(units, rows: n, offsets: vo.baseAddress!, sums: s.baseAddress!, cells: cells)
                            CellSums.addScaled(units, by: v.baseAddress!, rows: n, offsets: o.baseAddress!,
                                               sums: s.baseAddress!, cells: cells)
                        }
                    } }
                } }
            } }
        } }
        return (sums, squares)
    }

    @Test("the AVX2 and one-row paths agree bit for bit (block lengths with every remainder mod 4)",
          arguments: [1, 2, 3, 4, 5, 7, 4093, 4096])
    func pathsAgree(rows: Int) {
        let fast = run(rows: rows, cells: 10, seed: UInt64(rows))
        let was = CellSums.usesAVX2
        CellSums.usesAVX2 = false
        let plain = run(rows: rows, cells: 10, seed: UInt64(rows))
        CellSums.usesAVX2 = was
        #expect(fast.sums.map(\.bitPattern) == plain.sums.map(\.bitPattern))
        #expect(fast.squares.map(\.bitPattern) == plain.squares.map(\.bitPattern))
    }

    /// `run`, with the block added in parts that end at `cuts` (each part's weights and values
    /// copied to arrays of their own, as a block spanning streamed tables holds them).
    func runInParts(rows n: Int, cells: Int, seed: UInt64, cuts: [Int]) -> (sums: [Double], squares: [Double]) {
        let (columns, values, offsets, valueOffsets) = Self.block(rows: n, cells: cells, seed: seed)
        var sums = [Double](repeating: 0, count: 4 * CellSums.sets * cells), squares = [Double](repeating: 0, count: 4)
        var sets = [Double](repeating: 0, count: 16)
        let bounds = [0] + cuts + [n]
        let parts = (0..<(bounds.count - 1)).map { bounds[$0]..<bounds[$0 + 1] }
        offsets.withUnsafeBufferPointer { o in valueOffsets.withUnsafeBufferPointer { vo in
            sums.withUnsafeMutableBufferPointer { s in sets.withUnsafeMutableBufferPointer { q in
                // Pass by pass, each over the parts in order (as `StreamingEstimator.addGroups`:
                // the whole block's order of additions to any one cell).
                for pass in 0..<3 {
                    for rows in parts {
                        let x = columns.map { Array($0[rows]) }, v = Array(values[rows])
                        x[0].withUnsafeBufferPointer { x0 in x[1].withUnsafeBufferPointer { x1 in
                            x[2].withUnsafeBufferPointer { x2 in x[3].withUnsafeBufferPointer { x3 in v.withUnsafeBufferPointer { vp in
                                let units = (x0.baseAddress!, x1.baseAddress!, x2.baseAddress!, x3.baseAddress!)
                                switch pass {
                                case 0:
                                    CellSums.addFirst(units, rows: rows, offsets: o.baseAddress!, sums: s.baseAddress!, cells: cells,
                                                      squareSets: q.baseAddress!,
                                                      scaled: .init(values: vp.baseAddress!, offsets: vo.baseAddress!, sums: s.baseAddress!))
                                case 1:
                                    CellSums.add(units, rows: rows, offsets: vo.baseAddress!, sums: s.baseAddress!, cells: cells)
                                default:
                                    CellSums.addScaled(units, by: vp.baseAddress!, rows: rows, offsets: o.baseAddress!,
                                                       sums: s.baseAddress!, cells: cells)
                                }
                            } } }
                        } }
                    }
                }
            } }
        } }
        sets.withUnsafeBufferPointer { q in squares.withUnsafeMutableBufferPointer { CellSums.foldSquares(q.baseAddress!, into: $0.baseAddress!) } }
        return (sums, squares)
    }

    @Test("a block added in parts (cut anywhere, mod 4 included) gives the whole block's sums and squares bit for bit, on both paths",
          arguments: [[1], [3], [4], [1, 2, 3], [5, 6, 2001], [4090]])
    func partsEqualWhole(cuts: [Int]) {
        let was = CellSums.usesAVX2
        defer { CellSums.usesAVX2 = was }
        for avx2 in [was, false] {
            CellSums.usesAVX2 = avx2
            let whole = run(rows: 4096, cells: 10, seed: 9), parts = runInParts(rows: 4096, cells: 10, seed: 9, cuts: cuts)
            #expect(whole.sums.map(\.bitPattern) == parts.sums.map(\.bitPattern), "AVX2 \(avx2)")
            #expect(whole.squares.map(\.bitPattern) == parts.squares.map(\.bitPattern), "AVX2 \(avx2)")
        }
    }

    @Test("a hand-computed case: rows to their cells by row mod 4, squares summed set by set")
    func handComputed() {
        // Five rows, one cell, weights of unit 0: 1, 2, 3, 4, 5 (others 0). Rows 0 and 4 go to
        // set 0 (1 + 5 = 6), rows 1, 2, 3 to sets 1, 2, 3; squares 1 + 4 + 9 + 16 + 25 = 55.
        let x0: [Double] = [1, 2, 3, 4, 5], zero = [Double](repeating: 0, count: 5)
        let offsets = [Int32](repeating: 0, count: 5)
        var sums = [Double](repeating: 0, count: 4 * CellSums.sets), squares = [Double](repeating: 0, count: 4)
        x0.withUnsafeBufferPointer { x in zero.withUnsafeBufferPointer { z in offsets.withUnsafeBufferPointer { o in
            sums.withUnsafeMutableBufferPointer { s in squares.withUnsafeMutableBufferPointer { q in
                CellSums.addFirst((x.baseAddress!, z.baseAddress!, z.baseAddress!, z.baseAddress!), rows: 5,
                                  offsets: o.baseAddress!, sums: s.baseAddress!, cells: 1, squares: q.baseAddress!)
                #expect(CellSums.total(s.baseAddress!, cell: 0, lane: 0, cells: 1) == 15)
            } }
        } } }
        #expect([sums[0], sums[4], sums[8], sums[12]] == [6, 2, 3, 4])
        #expect(squares == [55, 0, 0, 0])
    }
}
