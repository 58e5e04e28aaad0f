import CCSVScan

/// What one chunk of a file says about a column.
enum ChunkColumnKind: Equatable {
    /// Only missing cells so far.
    case empty
    /// Numbers (and missing cells).
    case numeric
    /// Text: every non-missing cell is a level (codes stored as doubles until the merge).
    case text
}

/// The outcome of parsing one chunk on the fast path.
struct ChunkResult {
    /// Records parsed (written to rows `firstRow ..< firstRow + rows`).
    var rows = 0
    var kinds: [ChunkColumnKind]
    /// Levels of text columns, in first-seen order within the chunk.
    var levels: [LevelTable]
    /// First text cell of each text column (line, text), for `Column.firstNonNumeric`.
    var firstText: [CellLocation?]
    /// The chunk holds something only the general reader handles (quoted line breaks, `""`
    /// escapes, a field-count error, a column mixing numbers and text, NaN/Inf words…).
    var needsGeneralReader = false
    /// File lines the chunk spans (records and blank lines), so the next chunk knows its first line.
    var lines = 0

    init(columns: Int) {
        kinds = [ChunkColumnKind](repeating: .empty, count: columns)
        levels = [LevelTable](repeating: LevelTable(), count: columns)
        firstText = [CellLocation?](repeating: nil, count: columns)
    }
}

/// Parses one chunk of a mapped delimited file — a run of whole records — straight into typed
/// column storage. Runs of numeric cells of the usual shape (`[-+]digits[.digits]`, 1–15 digits,
/// followed by the delimiter or the line end) are parsed where they stand by the C target
/// `CCSVScan` (with SIMD where the CPU has AVX2: 64-byte blocks on runs of 8 columns or more,
/// else a cell per 16-byte load); any other cell has its end found
/// eight bytes at a time (SWAR: a word compared against the delimiter, LF, CR and `"` at once) and
/// is trimmed, parsed (`fastDecimal`, else `parseNumber`) or interned as text. Columns known to be
/// text from the first record get their codes as `Int32`, the others doubles (text codes found
/// later are kept as doubles until the merge). No allocation per cell. Anything unusual stops the
/// chunk with `needsGeneralReader`, and the caller reads the whole file with the general reader.
struct CSVChunkParser {
    let file: MappedFile
    let delimiter: UInt8
    /// Row-0 pointers of the output columns: `Int32` codes where `text[j]`, else doubles.
    let outputs: [UnsafeMutableRawPointer]
    /// Columns known to be text before parsing (from the first record).
    let text: [Bool]

    private static let lf: UInt8 = 0x0A, cr: UInt8 = 0x0D, quote: UInt8 = 0x22
    /// Bytes parsed between releases of the parsed pages (8 MB: the file's share of the resident
    /// set is at most this per thread).
    private let window = 1 << 23
    /// Rows whose output pages are populated at once (`prefaultRows`): 32K rows, 256 KB of a
    /// numeric column, so at most that much is resident ahead of the rows written.
    private static let prefaultBatch = 1 << 15

    /// Parses `range` (starting at a record boundary), writing at most `capacity` rows from
    /// `firstRow`; `line` is the file line `range` starts on.
    func parse(_ range: Range<Int>, firstRow: Int, capacity: Int, line firstLine: Int) -> ChunkResult {
        let state = ChunkState(outputs: outputs, text: text)
        defer { state.deallocate() }
        let outcome = parseRecords(range, firstRow: firstRow, capacity: capacity, line: firstLine, state)
        var result = state.result()
        result.rows = outcome?.rows ?? 0
        result.lines = outcome?.lines ?? 0
        result.needsGeneralReader = outcome == nil
        return result
    }

    /// The records of `range` into the columns: the number of rows and of lines passed, or nil if
    /// the general reader must read the file.
    private func parseRecords(_ range: Range<Int>, firstRow: Int, capacity: Int, line firstLine: Int,
                              _ state: ChunkState) -> (rows: Int, lines: Int)? {
        let columns = outputs.count
        let data = file.base, end = range.upperBound
        let d = delimiter, lf = Self.lf, cr = Self.cr, quote = Self.quote
        let kinds = state.kinds, runEnds = state.runEnds
        // The column pointers as C sees them (`double *const *`: optional pointers, same layout).
        let outputBase = state.doubles.baseAddress.map {
            UnsafeRawPointer($0).assumingMemoryBound(to: UnsafeMutablePointer<Double>?.self)
        }
        // The C run parses a cell in place while 16 bytes past its start are mapped.
        let scanLimit = file.count - 16
        let columnCount = Int32(truncatingIfNeeded: columns)
        // Index and row arithmetic in the loop wraps (`&+`): indices stay below the mapped file's
        // size and rows below `capacity`, and the overflow checks cost ~3% of the parse.
        var i = range.lowerBound, row = 0, line = firstLine
        var released = i, prefaulted = 0
        while i < end {
            if row == prefaulted {
                prefaulted = min(capacity, row + Self.prefaultBatch)
                prefaultRows((firstRow + row)..<(firstRow + prefaulted), outputs: outputs, text: text)
            }
            let c0 = data[i]
            if c0 == lf { i += 1; line += 1; continue }
            if c0 == cr && i + 1 < end && data[i + 1] == lf { i += 2; line += 1; continue }
            guard row < capacity else { return nil }
            let at = firstRow &+ row
            var j = 0
            while true {
                if j < columns, runEnds[j] != Int32(truncatingIfNeeded: j), i < scanLimit {
                    // The run of plain numeric cells from here, parsed in C (SIMD where the CPU
                    // has it); it stops before any other cell, which the code below takes.
                    var pos = i
                    let reached = Int(ccsv_numeric_run(data, &pos, file.count, d, Int32(truncatingIfNeeded: j),
                                                       runEnds[j], columnCount, outputBase, at))
                    if reached != j {
                        for c in j..<reached { kinds[c] = .numeric }
                        i = pos
                        j = reached
                        if j == columns { break }
                    }
                }
                var start = i, stop: Int, quoted = false
                if i < end && data[i] == quote {
                    // The closing quote; a line feed before it is a quoted line break.
                    let k = firstOf(quote, lf, quote, lf, from: i + 1, end: end)
                    if k >= end || data[k] == lf || (k + 1 < end && data[k + 1] == quote) { return nil }
                    start = i + 1
                    stop = k
                    quoted = true
                    i = k + 1
                } else {
                    i = firstOf(d, lf, cr, quote, from: i, end: end)
                    stop = i
                    if i < end {
                        let c = data[i]
                        if c == quote || (c == cr && !(i + 1 < end && data[i + 1] == lf)) { return nil }
                    }
                }
                guard j < columns, store(column: j, row: at, start, stop, quoted: quoted, line: line, state) else {
                    return nil
                }
                j &+= 1
                if i >= end { break }
                let c = data[i]
                if c == d { i &+= 1; continue }
                if c == lf { i &+= 1; break }
                if c == cr && i + 1 < end && data[i + 1] == lf { i += 2; break }
                return nil
            }
            guard j == columns else { return nil }
            row &+= 1
            line &+= 1
            if i &- released >= window {
                file.release(released..<i)
                released = i
            }
        }
        file.release(released..<i)
        return (row, line &- firstLine)
    }

    /// The index of the first byte in `from..<end` equal to one of `t0`…`t3` (or `end`), eight
    /// bytes at a time: a byte b of word x equals t exactly where the high bit of
    /// `(x ^ t·0x0101…) − 0x0101… & ~(x ^ t·0x0101…) & 0x8080…` is set, for its lowest set bit.
    @inline(__always)
    private func firstOf(_ t0: UInt8, _ t1: UInt8, _ t2: UInt8, _ t3: UInt8, from: Int, end: Int) -> Int {
        let data = file.base
        var k = from
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let w0 = UInt64(t0) &* ones, w1 = UInt64(t1) &* ones, w2 = UInt64(t2) &* ones, w3 = UInt64(t3) &* ones
        let limit = min(end, file.count - 8)
        while k < limit {
            let x = UInt64(littleEndian: UnsafeRawPointer(data + k).loadUnaligned(as: UInt64.self))
            let a = x ^ w0, b = x ^ w1, c = x ^ w2, q = x ^ w3
            let hits = ((a &- ones) & ~a | (b &- ones) & ~b | (c &- ones) & ~c | (q &- ones) & ~q) & highs
            if hits != 0 { return min(k &+ hits.trailingZeroBitCount &>> 3, end) }
            k &+= 8
        }
        while k < end {
            let c = data[k]
            if c == t0 || c == t1 || c == t2 || c == t3 { return k }
            k += 1
        }
        return end
    }

    /// Stores one cell; false if the chunk must go to the general reader.
    @inline(__always)
    private func store(column j: Int, row: Int, _ from: Int, _ to: Int, quoted: Bool, line: Int,
                       _ state: ChunkState) -> Bool {
        let data = file.base
        var s = from, e = to
        if !quoted {
            while s < e && (data[s] == 0x20 || data[s] == 0x09) { s += 1 }
            while e > s && (data[e - 1] == 0x20 || data[e - 1] == 0x09) { e -= 1 }
        }
        let n = e - s
        let missing = n == 0 || (n == 2 && data[s] == 0x4E && data[s + 1] == 0x41)
        let cell = UnsafeBufferPointer(start: data + s, count: n)
        // 24 bytes from the cell's start are mapped: it may be interned with word loads.
        let padded = s + 24 <= file.count
        if let codes = state.codes[j] {
            if missing { codes[row] = -1; return true }
            if !state.found[j], parseNumber(cell) == .text { state.setFirstText(j, line: line, cell) }
            codes[row] = padded ? state.levels[j].internPadded(data + s, n) : state.levels[j].intern(cell)
            return true
        }
        let out = state.doubles[j] + row
        if missing {
            out.pointee = .nan
            return true
        }
        if state.kinds[j] == .text {
            out.pointee = Double(padded ? state.levels[j].internPadded(data + s, n) : state.levels[j].intern(cell))
            return true
        }
        if let v = fastDecimal(data + s, n) {
            out.pointee = v
            state.kinds[j] = .numeric
            return true
        }
        switch parseNumber(cell) {
        case .number(let v):
            out.pointee = v
            state.kinds[j] = .numeric
            return true
        case .nonFinite:
            return false
        case .text:
            guard state.kinds[j] == .empty else { return false }
            state.markText(j)
            state.setFirstText(j, line: line, cell)
            out.pointee = Double(state.levels[j].intern(cell))
            return true
        }
    }
}

/// The per-column state of one chunk's parse, in buffers the hot loop indexes directly (no
/// copy-on-write checks or reference counting per cell); `result()` hands it back as arrays.
private struct ChunkState {
    /// Output columns as doubles (rows of text columns known in advance are not written here).
    let doubles: UnsafeMutableBufferPointer<UnsafeMutablePointer<Double>>
    /// Output columns of `Int32` codes, for the columns known to be text in advance.
    let codes: UnsafeMutableBufferPointer<UnsafeMutablePointer<Int32>?>
    let kinds: UnsafeMutableBufferPointer<ChunkColumnKind>
    /// The first text column at or after column j, or the column count: where a C numeric run
    /// from column j stops (column j is text where it is j).
    let runEnds: UnsafeMutableBufferPointer<Int32>
    let levels: UnsafeMutableBufferPointer<LevelTable>
    /// Whether column j's first text cell is recorded.
    let found: UnsafeMutableBufferPointer<Bool>
    /// First text cell per column; a class box so the struct stays immutable.
    private let first: FirstTexts

    init(outputs: [UnsafeMutableRawPointer], text: [Bool]) {
        let n = outputs.count
        doubles = .allocate(capacity: n)
        codes = .allocate(capacity: n)
        kinds = .allocate(capacity: n)
        runEnds = .allocate(capacity: n)
        levels = .allocate(capacity: n)
        found = .allocate(capacity: n)
        found.initialize(repeating: false)
        for j in 0..<n {
            doubles.initializeElement(at: j, to: outputs[j].assumingMemoryBound(to: Double.self))
            codes.initializeElement(at: j, to: text[j] ? outputs[j].assumingMemoryBound(to: Int32.self) : nil)
            kinds.initializeElement(at: j, to: text[j] ? .text : .empty)
        }
        levels.initialize(repeating: LevelTable())
        first = FirstTexts(count: n)
        runEnds.initialize(repeating: 0)
        setRunEnds()
    }

    /// Column j holds text from now on.
    func markText(_ j: Int) {
        kinds[j] = .text
        setRunEnds()
    }

    /// `runEnds` from `kinds` (once, and again when a column turns to text).
    private func setRunEnds() {
        var end = Int32(truncatingIfNeeded: kinds.count)
        for j in kinds.indices.reversed() {
            if kinds[j] == .text { end = Int32(truncatingIfNeeded: j) }
            runEnds[j] = end
        }
    }

    /// Records the first text cell of column `j`.
    func setFirstText(_ j: Int, line: Int, _ cell: UnsafeBufferPointer<UInt8>) {
        first.cells[j] = CellLocation(line: line, text: String(decoding: cell, as: UTF8.self))
        found[j] = true
    }

    /// The state as a `ChunkResult` (rows and outcome set by the caller).
    func result() -> ChunkResult {
        var result = ChunkResult(columns: kinds.count)
        result.kinds = Array(kinds)
        result.levels = Array(levels)
        result.firstText = first.cells
        return result
    }

    func deallocate() {
        doubles.deallocate()
        codes.deallocate()
        kinds.deallocate()
        runEnds.deallocate()
        found.deallocate()
        levels.deinitialize().deallocate()
    }
}

/// First text cells per column (rarely written: once per text column and chunk).
private final class FirstTexts {
    var cells: [CellLocation?]
    init(count: Int) { cells = [CellLocation?](repeating: nil, count: count) }
}
