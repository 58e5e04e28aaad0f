/// The cells of the cross-classification of several calibration variables: every row's cell and
/// every cell's level of each variable. Raking scales all rows of a cell by the same factor, so
/// the iterations run over cells (a few hundred) instead of rows (millions).
struct CrossClassification: Sendable {
    /// Cell index of each row, `0..<cellCount`.
    let cellOfRow: [Int32]
    /// `levelOfCell[k][c]`: level of variable `k` in cell `c`.
    let levelOfCell: [[Int32]]

    var cellCount: Int { levelOfCell.first?.count ?? 0 }

    /// Cells in order of first appearance. Uses a dense mixed-radix key when the product of the
    /// level counts is at most 2^22, and a dictionary of keys otherwise.
    init(_ variables: [CalibrationVariable]) {
        let n = variables.first?.codes.count ?? 0
        var product = 1
        var dense = true
        for v in variables {
            let (p, overflow) = product.multipliedReportingOverflow(by: max(1, v.levels.count))
            if overflow || p > 1 << 22 { dense = false; break }
            product = p
        }
        var cellOfRow = [Int32](repeating: 0, count: n)
        var levelOfCell = [[Int32]](repeating: [], count: variables.count)
        var cellCount: Int32 = 0
        func key(_ i: Int) -> Int {
            var k = 0
            for v in variables { k = k * max(1, v.levels.count) + Int(v.codes[i]) }
            return k
        }
        func newCell(_ i: Int) -> Int32 {
            for (k, v) in variables.enumerated() { levelOfCell[k].append(v.codes[i]) }
            defer { cellCount += 1 }
            return cellCount
        }
        if dense {
            var slot = [Int32](repeating: -1, count: product)
            for i in 0..<n {
                let k = key(i)
                if slot[k] < 0 { slot[k] = newCell(i) }
                cellOfRow[i] = slot[k]
            }
        } else {
            var slot: [[Int32]: Int32] = [:]
            for i in 0..<n {
                let k = variables.map { $0.codes[i] }
                if let c = slot[k] {
                    cellOfRow[i] = c
                } else {
                    let c = newCell(i)
                    slot[k] = c
                    cellOfRow[i] = c
                }
            }
        }
        self.cellOfRow = cellOfRow
        self.levelOfCell = levelOfCell
    }

    /// Sum of `weights` in each cell.
    func cellSums(_ weights: [Double]) -> [Double] {
        var s = [Double](repeating: 0, count: cellCount)
        weights.withUnsafeBufferPointer { w in
            cellOfRow.withUnsafeBufferPointer { c in
                for i in 0..<w.count { s[Int(c[i])] += w[i] }
            }
        }
        return s
    }
}
