import SurveyNumerics

/// The replicate totals of one block of rows by cells (`CellSums`, as the in-memory
/// `cellTotals` takes them): each unit weight is added, in place and in file order, to its row's
/// cell — (slot, level) for each proportion variable, the slot for the constant and, times the
/// row's value, for each numeric variable — four units at a time, rows into four sets by row mod 4.
/// No copy, no sort and no product of the block: one read of each weight, whose other passes
/// (a second quantity) find it in cache. A block's sums start at zero and are added to `totals`
/// once it is whole, so the totals do not depend on how the file was chunked; a block that spans
/// tables is added a part at a time (`BlockRows`), each row to the set and in the order the whole
/// block would give it.
extension StreamingEstimator {
    /// The block's columns, each at the block's first row: the unit weights (w, a₁…a_R), the
    /// numeric variables, the level ids of each proportion variable, the domain ids (nil: none).
    struct BlockColumns {
        var units: [UnsafePointer<Double>]
        var values: [UnsafePointer<Double>]
        var levels: [UnsafePointer<Int32>]
        var domain: UnsafePointer<Int32>?
    }

    /// Per block: where each quantity's cells start (cells are 4 sums of 32 bytes; per group of
    /// four units, `CellSums.sets` sets of cells, one per row mod 4), for the current slots and levels.
    struct CellPlan {
        /// Per proportion variable: its first cell (cells slot · levels + level).
        var levelBase: [Int]
        var levelCounts: [Int]
        /// The constant's first cell (slot), or nil when the first proportion's cells give it.
        var constantBase: Int?
        /// Per numeric variable: its first cell (slot).
        var valueBase: [Int]
        var cells: Int

        init(slots: Int, levelCounts: [Int], variables: Int) {
            var next = 0
            levelBase = levelCounts.map { l in defer { next += slots * l }; return next }
            self.levelCounts = levelCounts
            constantBase = levelCounts.isEmpty ? next : nil
            if constantBase != nil { next += slots }
            valueBase = (0..<variables).map { _ in defer { next += slots }; return next }
            cells = next
        }
    }

    /// A part of a block: its columns, each at the part's first row, the block rows it holds and
    /// the file row of its first.
    struct BlockPart {
        var columns: BlockColumns
        var rows: Range<Int>
        var firstRow: Int
        /// The replicate weights' columns (`columns.units` after the full-sample weights).
        let replicates: [UnsafePointer<Double>]

        init(columns: BlockColumns, rows: Range<Int>, firstRow: Int) {
            self.columns = columns
            self.rows = rows
            self.firstRow = firstRow
            replicates = Array(columns.units.dropFirst())
        }
    }

    /// Buffers of the block pass, kept between blocks.
    struct CellBuffers: Sendable {
        var sums: [Double] = []
        var squares: [Double] = []
        /// Each unit of a group's squares by row set, across a block's parts (`CellSums.addFirst`).
        var squareSets = [Double](repeating: 0, count: 16)
        /// Per pass: each row's cell byte offset (constant, each proportion, the slot for values).
        var offsets: [[Int32]] = []
        /// A column of zeros for the padded units of the last group.
        var zeros = [Double](repeating: 0, count: BlockRows.capacity)
        /// Rows of the replicate weights for the full Gram matrices (column-major, `capacity` a
        /// column), and their domain ids.
        var gramRows: [Double] = []
        var gramDomains: [Int32] = []
        /// Per unit: a quantity's all-rows total, then one slot's total (`foldCells`).
        var unitTotals: [Double] = []
    }

    /// Adds a block (at most `capacity` rows, rows `blocksAdded · capacity ..<` of the file), given
    /// as its parts in file order, to `totals`, `sumSquares` and the Gram matrices.
    mutating func addCells(_ block: [BlockRows]) throws {
        try withExtendedLifetime(block) {
            var parts: [BlockPart] = [], at = 0
            for p in block where !p.rows.isEmpty {
                parts.append(BlockPart(columns: p.columns(), rows: at..<(at + p.rows.count), firstRow: p.firstRow + p.rows.lowerBound))
                at += p.rows.count
            }
            guard at > 0 else { return }
            let groups = (width + 3) / 4
            let plan = CellPlan(slots: slots, levelCounts: levels.map(\.count), variables: variables.count)
            let sumCount = groups * 4 * CellSums.sets * plan.cells
            if cellBuffers.sums.count != sumCount { cellBuffers.sums = [Double](repeating: 0, count: sumCount) }
            if cellBuffers.squares.count != groups * 4 { cellBuffers.squares = [Double](repeating: 0, count: groups * 4) }
            cellBuffers.sums.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
            cellBuffers.squares.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
            fillOffsets(parts, plan: plan)
            addGroups(parts, plan: plan)
            foldCells(plan, groups: groups)
            try checkFinite(parts)
            try checkPattern(parts, rows: at)
            try addToGrams(parts, rows: at)
            blocksAdded += 1
        }
    }

    /// The first non-finite replicate weight of the block (first replicate, first row), reported
    /// when the block's sums of squares show there is one: NaN and ±∞ square to non-finite values.
    /// (Finite weights above 1.3e154 square to ∞ too; then none is found and nothing is said.)
    private func checkFinite(_ parts: [BlockPart]) throws {
        let r = width - 1
        guard !cellBuffers.squares[1...r].allSatisfy(\.isFinite), case .replicate(let spec) = design else { return }
        for j in 0..<r {
            for part in parts {
                let x = part.replicates[j]
                if let i = (0..<part.rows.count).first(where: { !x[$0].isFinite }) {
                    throw DesignError.invalidReplicates(
                        "replicate weight '\(spec.replicates[j])' is not a finite number at row \(part.firstRow + i + 1)")
                }
            }
        }
    }

    /// The replicate type's pattern checks on the block (`patternScan`): an off-pattern BRR/Fay
    /// weight stops the pass here; jackknife drops are judged once every row is in (`estimate`).
    private mutating func checkPattern(_ parts: [BlockPart], rows n: Int) throws {
        guard patternScan?.wantsPattern(0, width - 1) == true else { return }
        patternScan?.begin(start: blocksAdded * BlockRows.capacity, length: n, columns: [])
        patternScan?.scanPattern(0, parts: parts.map { part in
            ReplicateScan.PatternPart(replicates: part.replicates, weights: part.columns.units[0],
                                      start: part.firstRow, length: part.rows.count)
        })
        try patternScan?.checkFactors()
    }

    /// Each row's cell, as a byte offset (32 bytes a cell), for each pass: 0 the row's slot (the
    /// numeric variables' cells), 1 the constant's cell, 2 + p proportion p's cell; by block row.
    private mutating func fillOffsets(_ parts: [BlockPart], plan: CellPlan) {
        let passes = 2 + plan.levelCounts.count
        if cellBuffers.offsets.count < passes {
            cellBuffers.offsets = [[Int32]](repeating: [Int32](repeating: 0, count: BlockRows.capacity), count: passes)
        }
        for part in parts {
            let rows = part.rows, columns = part.columns
            cellBuffers.offsets[0].withUnsafeMutableBufferPointer { slot in
                if let domain = columns.domain {
                    for k in rows { slot[k] = 32 &* (domain[k - rows.lowerBound] &+ 1) }
                } else {
                    for k in rows { slot[k] = 0 }
                }
            }
            let slotOffsets = cellBuffers.offsets[0]
            slotOffsets.withUnsafeBufferPointer { slot in
                if let base = plan.constantBase {
                    cellBuffers.offsets[1].withUnsafeMutableBufferPointer { out in
                        for k in rows { out[k] = Int32(32 * base) &+ slot[k] }
                    }
                }
                for (p, ids) in columns.levels.enumerated() {
                    let base = Int32(plan.levelBase[p]), count = Int32(plan.levelCounts[p])
                    cellBuffers.offsets[2 + p].withUnsafeMutableBufferPointer { out in
                        for k in rows { out[k] = 32 &* (base &+ (slot[k] &>> 5) &* count &+ ids[k - rows.lowerBound]) }
                    }
                }
            }
        }
    }

    /// The kernel passes, four units at a time, each over the block's parts in order: the first
    /// reads the weights from memory, sums their squares and adds the constant (or the first
    /// proportion) and the first numeric variable; the other proportions and variables find the
    /// weights in cache.
    private mutating func addGroups(_ parts: [BlockPart], plan: CellPlan) {
        let width = self.width, cells = plan.cells
        cellBuffers.zeros.withUnsafeBufferPointer { zero in
            cellBuffers.sums.withUnsafeMutableBufferPointer { sumBuffer in
                cellBuffers.squares.withUnsafeMutableBufferPointer { squares in
                    cellBuffers.squareSets.withUnsafeMutableBufferPointer { sets in
                        guard let zeroBase = zero.baseAddress, let sumBase = sumBuffer.baseAddress,
                              let squareBase = squares.baseAddress, let setBase = sets.baseAddress else { return }
                        withBasePointers(cellBuffers.offsets) { offsets in
                            for u in stride(from: 0, to: width, by: 4) {
                                let group = sumBase + (u / 4) * 4 * CellSums.sets * cells
                                let first = plan.constantBase != nil ? offsets[1] : offsets[2]
                                setBase.update(repeating: 0, count: 16)
                                for part in parts {
                                    guard let units = CellSums.group(part.columns.units, from: u, zero: zeroBase) else { break }
                                    let scaled = plan.valueBase.first.map {
                                        CellSums.Scaled(values: part.columns.values[0], offsets: offsets[0], sums: group + 4 * $0)
                                    }
                                    CellSums.addFirst(units, rows: part.rows, offsets: first, sums: group, cells: cells,
                                                      squareSets: setBase, scaled: scaled,
                                                      next: CellSums.group(part.columns.units, from: u + 4, zero: zeroBase))
                                }
                                CellSums.foldSquares(setBase, into: squareBase + u)
                                for part in parts {
                                    guard let units = CellSums.group(part.columns.units, from: u, zero: zeroBase) else { break }
                                    for p in plan.levelCounts.indices.dropFirst() {
                                        CellSums.add(units, rows: part.rows, offsets: offsets[2 + p], sums: group, cells: cells)
                                    }
                                    for (v, base) in plan.valueBase.enumerated().dropFirst() {
                                        CellSums.addScaled(units, by: part.columns.values[v], rows: part.rows, offsets: offsets[0],
                                                           sums: group + 4 * base, cells: cells)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Adds the block's cell sums to `totals`: each group's sets folded into its first, then per
    /// quantity, slot and unit the cell (or, for the constant under proportions, the sum of the
    /// first proportion's cells of the slot); the all-rows slot takes every slot's total (the
    /// rows in no domain included), in slot order.
    private mutating func foldCells(_ plan: CellPlan, groups: Int) {
        let width = self.width, slots = self.slots, cells = plan.cells
        if cellBuffers.unitTotals.count != 2 * width { cellBuffers.unitTotals = [Double](repeating: 0, count: 2 * width) }
        cellBuffers.sums.withUnsafeMutableBufferPointer { sumBuffer in
            totals.withUnsafeMutableBufferPointer { totalBuffer in
                cellBuffers.unitTotals.withUnsafeMutableBufferPointer { unitBuffer in
                    guard let sums = sumBuffer.baseAddress, let t = totalBuffer.baseAddress,
                          let all = unitBuffer.baseAddress else { return }
                    let slotTotal = all + width
                    for g in 0..<groups {
                        let group = sums + g * 4 * CellSums.sets * cells
                        for c in 0..<cells {
                            for lane in 0..<4 { group[4 * c + lane] = CellSums.total(group, cell: c, lane: lane, cells: cells) }
                        }
                    }
                    /// Unit u's sum in cell c (its sets folded into the first above).
                    @inline(__always) func cell(_ c: Int, _ u: Int) -> Double {
                        sums[(u &>> 2) &* 4 &* CellSums.sets &* cells &+ 4 &* c &+ (u & 3)]
                    }
                    /// Adds quantity q's block totals: `fill(s)` puts slot s's into `slotTotal`.
                    @inline(__always) func add(quantity q: Int, _ fill: (Int) -> Void) {
                        all.update(repeating: 0, count: width)
                        for s in 0..<slots {
                            fill(s)
                            let row = t + (q * slots + s) * width
                            for u in 0..<width {
                                all[u] += slotTotal[u]
                                if s > 0 { row[u] += slotTotal[u] }
                            }
                        }
                        let row = t + q * slots * width
                        for u in 0..<width { row[u] += all[u] }
                    }
                    add(quantity: 0) { s in
                        if let base = plan.constantBase {
                            for u in 0..<width { slotTotal[u] = cell(base + s, u) }
                        } else {
                            let count = plan.levelCounts[0], first = plan.levelBase[0] + s * count
                            for u in 0..<width {
                                var total = 0.0
                                for l in 0..<count { total += cell(first + l, u) }
                                slotTotal[u] = total
                            }
                        }
                    }
                    for (v, base) in plan.valueBase.enumerated() {
                        add(quantity: 1 + v) { s in for u in 0..<width { slotTotal[u] = cell(base + s, u) } }
                    }
                    for (p, base) in plan.levelBase.enumerated() {
                        let count = plan.levelCounts[p]
                        for l in 0..<count {
                            add(quantity: levelQuantity[p][l]) { s in for u in 0..<width { slotTotal[u] = cell(base + s * count + l, u) } }
                        }
                    }
                }
            }
        }
        for r in 0..<sumSquares.count { sumSquares[r] += cellBuffers.squares[1 + r] }
    }
}
