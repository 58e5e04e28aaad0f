import CCellSums

/// The replicate cell sums of a block of rows (C target `CCellSums`; AVX2 where the CPU has it,
/// the same additions in the same order elsewhere): four unit-weight columns at a time, each
/// row's four weights added to its cell's four sums. A group of four units keeps four sets of
/// sums, one per row mod 4, so neighbouring rows of one cell never wait on each other; a set is
/// `cells` cells of 32 bytes, and a row's cell is given as a byte offset into its set. Used by the
/// in-memory proportions (`cellTotals`) and the streamed replicate blocks (`addCells`).
enum CellSums {
    /// Sets of sums a group keeps (rows k ≡ 0, 1, 2, 3 mod 4).
    static let sets = 4

    /// Four columns of weights (a padded unit reads a column of zeros).
    typealias Units = (UnsafePointer<Double>, UnsafePointer<Double>, UnsafePointer<Double>, UnsafePointer<Double>)

    /// A numeric variable added on the same loads: each row's four weights times `values[k]` go
    /// to the cell at `offsets[k]` of `sums`.
    struct Scaled {
        let values: UnsafePointer<Double>
        let offsets: UnsafePointer<Int32>
        let sums: UnsafeMutablePointer<Double>
    }

    /// The group of four columns from `columns[first]`, each advanced by `offset` rows, padded with
    /// `zero` past the last column; nil when `first` is past it.
    static func group(_ columns: [UnsafePointer<Double>], from first: Int, offset: Int = 0,
                      zero: UnsafePointer<Double>) -> Units? {
        guard first < columns.count else { return nil }
        func column(_ j: Int) -> UnsafePointer<Double> { j < columns.count ? columns[j] + offset : zero }
        return (column(first), column(first + 1), column(first + 2), column(first + 3))
    }

    /// Adds rows `0..<rows` to the cells at `offsets` of `sums` (a group's four sets, `cells` apart);
    /// `next` as for `addFirst`.
    static func add(_ units: Units, rows: Int, offsets: UnsafePointer<Int32>, sums: UnsafeMutablePointer<Double>, cells: Int,
                    next: Units? = nil) {
        withUnits(units) { x in withOptionalUnits(next) { n in ccell_add(x, rows, offsets, sums, 32 * cells, n) } }
    }

    /// `add`, and each unit's sum of squared weights to `squares[0..<4]`, and `scaled` on the same
    /// loads: the first pass over a group's weights. `next`: the group read after this one, whose
    /// weights are prefetched alongside.
    static func addFirst(
        _ units: Units, rows: Int, offsets: UnsafePointer<Int32>, sums: UnsafeMutablePointer<Double>, cells: Int,
        squares: UnsafeMutablePointer<Double>, scaled: Scaled? = nil, next: Units? = nil
    ) {
        withUnits(units) { x in
            withOptionalUnits(next) { n in
                ccell_add_first(x, rows, offsets, sums, 32 * cells, squares, scaled?.values, scaled?.offsets, scaled?.sums, n)
            }
        }
    }

    /// `addFirst` for rows `rows` of a block held in parts (`StreamingEstimator.addCells`):
    /// `units`, `next` and `scaled.values` start at row `rows.lowerBound`, `offsets` (and
    /// `scaled.offsets`) are indexed by the block's row. Each unit's squares go to `squareSets`
    /// (16: unit i's rows ≡ s mod 4 at 4i + s, zero at the block's start) until `foldSquares`, so
    /// the parts give the sums of the whole block, bit for bit.
    static func addFirst(
        _ units: Units, rows: Range<Int>, offsets: UnsafePointer<Int32>, sums: UnsafeMutablePointer<Double>, cells: Int,
        squareSets: UnsafeMutablePointer<Double>, scaled: Scaled? = nil, next: Units? = nil
    ) {
        withUnits(units) { x in
            withOptionalUnits(next) { n in
                ccell_add_first_rows(x, rows.lowerBound, rows.upperBound, offsets, sums, 32 * cells, squareSets,
                                     scaled?.values, scaled?.offsets, scaled?.sums, n)
            }
        }
    }

    /// Adds each unit's squares by row set (`squareSets`, as `addFirst(_:rows:…)` keeps them) to
    /// `squares[0..<4]`, in set order.
    static func foldSquares(_ squareSets: UnsafePointer<Double>, into squares: UnsafeMutablePointer<Double>) {
        ccell_fold_squares(squareSets, squares)
    }

    /// `add` for rows `rows` of a block held in parts, as `addFirst(_:rows:…)` takes them.
    static func add(_ units: Units, rows: Range<Int>, offsets: UnsafePointer<Int32>, sums: UnsafeMutablePointer<Double>,
                    cells: Int, next: Units? = nil) {
        withUnits(units) { x in
            withOptionalUnits(next) { n in ccell_add_rows(x, rows.lowerBound, rows.upperBound, offsets, sums, 32 * cells, n) }
        }
    }

    /// `addScaled` for rows `rows` of a block held in parts, as `addFirst(_:rows:…)` takes them.
    static func addScaled(
        _ units: Units, by values: UnsafePointer<Double>, rows: Range<Int>, offsets: UnsafePointer<Int32>,
        sums: UnsafeMutablePointer<Double>, cells: Int
    ) {
        withUnits(units) { x in ccell_add_scaled_rows(x, values, rows.lowerBound, rows.upperBound, offsets, sums, 32 * cells) }
    }

    /// Adds each weight times its row's value `values[k]` to the cell at `offsets[k]`.
    static func addScaled(
        _ units: Units, by values: UnsafePointer<Double>, rows: Int, offsets: UnsafePointer<Int32>,
        sums: UnsafeMutablePointer<Double>, cells: Int
    ) {
        withUnits(units) { x in ccell_add_scaled(x, values, rows, offsets, sums, 32 * cells) }
    }

    /// Unit `lane` of cell `c` in a group's sums: its four sets added in set order.
    @inline(__always)
    static func total(_ group: UnsafePointer<Double>, cell c: Int, lane: Int, cells: Int) -> Double {
        let at = 4 * c + lane, set = 4 * cells
        return ((group[at] + group[at + set]) + group[at + 2 * set]) + group[at + 3 * set]
    }

    /// Whether the AVX2 path runs; tests turn it off to compare the two paths bit for bit.
    static var usesAVX2: Bool {
        get { ccell_avx2_active() != 0 }
        set { ccell_use_avx2(newValue ? 1 : 0) }
    }

    private static func withUnits<R>(_ units: Units, _ body: (UnsafePointer<UnsafePointer<Double>?>) -> R) -> R {
        var units = units
        return withUnsafeBytes(of: &units) { raw in
            body(raw.baseAddress!.assumingMemoryBound(to: UnsafePointer<Double>?.self))
        }
    }

    /// `withUnits`, or `body(nil)` without a group.
    private static func withOptionalUnits<R>(_ units: Units?, _ body: (UnsafePointer<UnsafePointer<Double>?>?) -> R) -> R {
        guard let units else { return body(nil) }
        return withUnits(units) { body($0) }
    }
}
