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
    /// The chunk held more records than the rows it was given (then `needsGeneralReader` too):
    /// a caller that reserved rows by an estimate can count them and parse again.
    var outOfRows = false
    /// File lines the chunk spans (records and blank lines), so the next chunk knows its first line.
    var lines = 0

    init(columns: Int) {
        kinds = [ChunkColumnKind](repeating: .empty, count: columns)
        levels = [LevelTable](repeating: LevelTable(), count: columns)
        firstText = [CellLocation?](repeating: nil, count: columns)
    }
}

/// Parses one chunk of a delimited file — a run of whole records — straight into typed column
/// storage. The chunk is read (`pread`) a window at a time into one reused buffer that stays in
/// the core's cache, ending each window at its last line end (the partial record after it moves
/// to the buffer's start for the next window): a copy from the page cache costs less than the
/// page faults and page drops of scanning a mapping, and the parse then reads cached bytes. Runs
/// of numeric cells of the usual shape (`[-+]digits[.digits]`, 1–15 digits,
/// followed by the delimiter or the line end) are parsed where they stand by the C target
/// `CCSVScan` (with SIMD where the CPU has AVX2: 64-byte blocks on runs of 8 columns or more,
/// else a cell per 16-byte load; where every column is numeric, whole records 64 bytes at a time
/// across record ends, `ccsv_numeric_records`, up to the first other cell, and where the other
/// columns are text known from the first records, `ccsv_mixed_records`, which stores the codes of
/// the levels this parser has already interned, `levelCache`); any other cell has its end found
/// eight bytes at a time (SWAR: a word compared against the delimiter, LF, CR and `"` at once) and
/// is trimmed, parsed (`fastDecimal`, else `parseNumber`) or interned as text. Columns known to be
/// text from the first records get their codes as `Int32`, the others doubles (text codes found
/// later are kept as doubles until the merge). No allocation per cell. Anything unusual (or a
/// failed read) stops the chunk with `needsGeneralReader`, and the caller reads the whole file
/// with the general reader.
struct CSVChunkParser {
    let file: MappedFile
    let delimiter: UInt8
    /// Row-0 pointers of the output columns: `Int32` codes where `text[j]`, else doubles.
    let outputs: [UnsafeMutableRawPointer]
    /// Columns known to be text before parsing (from the first records, `ParallelCSV.textColumns`).
    let text: [Bool]
    /// Bytes read a window at a time (`defaultWindowBytes`); tests set a few bytes to move records
    /// across window ends. A record longer than a window doubles it, up to 256 windows (64 MB by
    /// default): a longer record goes to the general reader, so a hostile file of one huge line
    /// costs this path no more than that.
    var windowBytes = Self.defaultWindowBytes
    /// Whether the output pages are populated ahead of the rows (`prefaultRows`); off where the
    /// columns reuse memory a chunk before already made resident (`readPieces`).
    var prefaults = true

    /// 256 KB: the window and the output rows it fills stay in a core's L2 cache (64 KB to 4 MB
    /// read 1 GB equally fast here).
    static let defaultWindowBytes = 1 << 18

    private static let lf: UInt8 = 0x0A, cr: UInt8 = 0x0D, quote: UInt8 = 0x22
    /// Zero bytes after a window's data: the C run and the level interning load up to 80 bytes
    /// past a cell's start (a zero byte ends no cell, so nothing past the data is taken).
    private static let padding = 128
    /// Rows whose output pages are populated at once (`prefaultRows`): 32K rows, 256 KB of a
    /// numeric column, so at most that much is resident ahead of the rows written.
    private static let prefaultBatch = 1 << 15
    /// The most records parsed a record at a time after `ccsv_numeric_records` took none (a file
    /// whose every record holds a missing or unusual cell tries it once per this many).
    private static let longestBackoff = 1024

    /// The most levels of a text column that the record walk looks up: a column with more is
    /// more like an identifier than a category, and the walk would stop at most of its cells
    /// (a file with a unique key per record read 20% slower through it), so the chunk goes on
    /// record by record.
    static let walkedLevels: Int32 = 512
    /// The most text columns the record walk takes: each holds a table of up to 64 KB per chunk,
    /// so a file of thousands of text columns goes record by record instead.
    static let walkedTextColumns = 256

    /// Where the parse of a chunk stands between windows.
    private struct Progress {
        /// Rows written (from the chunk's first row) and rows whose output pages are populated.
        var row = 0, prefaulted = 0
        /// The file line of the next record.
        var line: Int
        /// A record was met with every row of the capacity written.
        var outOfRows = false
    }

    /// Parses `range` (starting at a record boundary), writing at most `capacity` rows from
    /// `firstRow`; `line` is the file line `range` starts on.
    func parse(_ range: Range<Int>, firstRow: Int, capacity: Int, line firstLine: Int) -> ChunkResult {
        let state = ChunkState(outputs: outputs, text: text)
        defer { state.deallocate() }
        var progress = Progress(line: firstLine)
        let parsed = parseWindows(range, firstRow: firstRow, capacity: capacity, &progress, state)
        var result = state.result()
        result.rows = parsed ? progress.row : 0
        result.lines = parsed ? progress.line - firstLine : 0
        // Text that is not UTF-8: the general reader reports the cell's line.
        result.needsGeneralReader = !parsed || result.levels.contains { $0.firstInvalid != nil }
        result.outOfRows = progress.outOfRows
        return result
    }

    /// Reads `range` a window at a time and parses each window's whole records; false if the
    /// general reader must read the file (or a read failed: it then reports the error).
    private func parseWindows(_ range: Range<Int>, firstRow: Int, capacity: Int, _ progress: inout Progress,
                              _ state: ChunkState) -> Bool {
        var size = max(windowBytes, 1)
        var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: size + Self.padding)
        defer { buffer.deallocate() }
        var carried = 0, offset = range.lowerBound
        while true {
            let want = min(size - carried, range.upperBound - offset)
            guard file.read(into: buffer + carried, count: want, at: offset) else { return false }
            offset += want
            let filled = carried + want, last = offset == range.upperBound
            var end = filled
            if !last {
                while end > 0 && buffer[end - 1] != Self.lf { end -= 1 }
                if end == 0 {
                    // No line end in the window: a record longer than it; twice the window.
                    guard size < 256 * max(windowBytes, 1) else { return false }
                    let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: 2 * size + Self.padding)
                    larger.update(from: buffer, count: filled)
                    buffer.deallocate()
                    buffer = larger
                    size *= 2
                    carried = filled
                    continue
                }
            }
            (buffer + filled).initialize(repeating: 0, count: Self.padding)
            let bytes = Window(base: UnsafePointer(buffer), count: end, readable: filled + Self.padding)
            guard parseRecords(bytes, firstRow: firstRow, capacity: capacity, &progress, state) else { return false }
            if last { return true }
            carried = filled - end
            buffer.update(from: buffer + end, count: carried)
        }
    }

    /// The records of `bytes` into the columns; false if the general reader must read the file.
    private func parseRecords(_ bytes: Window, firstRow: Int, capacity: Int, _ progress: inout Progress,
                              _ state: ChunkState) -> Bool {
        let columns = outputs.count
        let data = bytes.base, end = bytes.count
        let d = delimiter, lf = Self.lf, cr = Self.cr, quote = Self.quote
        let kinds = state.kinds, runEnds = state.runEnds
        // The column pointers as C sees them (`double *const *`: optional pointers, same layout).
        let outputBase = state.doubles.baseAddress.map {
            UnsafeRawPointer($0).assumingMemoryBound(to: UnsafeMutablePointer<Double>?.self)
        }
        // The same pointers untyped, for the walk that also writes `Int32` codes.
        let rawOutputs = outputBase.map { UnsafeRawPointer($0).assumingMemoryBound(to: UnsafeMutableRawPointer?.self) }
        // The C run parses a cell in place while 16 bytes past its start are readable.
        let scanLimit = bytes.readable - 16
        let columnCount = Int32(truncatingIfNeeded: columns)
        // Index and row arithmetic in the loop wraps (`&+`): indices stay below the window's
        // size and rows below `capacity`, and the overflow checks cost ~3% of the parse.
        var i = 0, row = progress.row, line = progress.line, prefaulted = progress.prefaulted
        // Records to parse before trying whole records in C again, and the next such pause.
        var skipped = ccsv_numeric_records_active() != 0 ? 0 : Int.max, backoff = 1
        defer { (progress.row, progress.line, progress.prefaulted) = (row, line, prefaulted) }
        while i < end {
            if row == prefaulted {
                prefaulted = min(capacity, row + Self.prefaultBatch)
                if prefaults { prefaultRows((firstRow + row)..<(firstRow + prefaulted), outputs: outputs, text: text) }
            }
            let c0 = data[i]
            if c0 == lf { i += 1; line += 1; continue }
            if c0 == cr && i + 1 < end && data[i + 1] == lf { i += 2; line += 1; continue }
            guard row < capacity else {
                progress.outOfRows = true
                return false
            }
            // The column to start at, and whether its cell is one the C parsers declined.
            var j = 0, declined = false
            if skipped > 0 {
                skipped &-= 1
            } else if runEnds[0] == columnCount || state.walksText {
                // Every column numeric so far, or text known from the first records: whole records
                // in C, across record ends (up to the populated rows). It stops at a cell it cannot
                // take (`stopped`, its column; the record's cells before it stored), which is
                // parsed below — for a text column, a level it has not been given yet.
                var pos = i, stopped: Int32 = -1
                let taken: Int
                if runEnds[0] == columnCount {
                    taken = Int(ccsv_numeric_records(data, &pos, end, bytes.readable, d, columnCount, outputBase,
                                                     firstRow &+ row, firstRow &+ prefaulted, &stopped))
                } else {
                    taken = Int(ccsv_mixed_records(data, &pos, end, bytes.readable, d, columnCount, rawOutputs,
                                                   state.levelCache, firstRow &+ row, firstRow &+ prefaulted, &stopped))
                }
                if taken > 0 || stopped > 0 {
                    for c in 0..<(taken > 0 ? columns : Int(stopped)) where kinds[c] != .text { kinds[c] = .numeric }
                    i = pos
                    row &+= taken
                    line &+= taken
                    backoff = 1
                } else {
                    // Nothing taken: skip it for the next records, twice as many each time in a row.
                    skipped = backoff
                    backoff = min(2 * backoff, Self.longestBackoff)
                }
                if stopped < 0 && taken > 0 { continue }
                if stopped == 0 {
                    // At a record's start (which may be a blank line): from the top, record by record.
                    skipped = max(skipped, 1)
                    continue
                }
                if stopped > 0 { (j, declined) = (Int(stopped), true) }
            }
            let at = firstRow &+ row
            while true {
                if !declined, j < columns, runEnds[j] != Int32(truncatingIfNeeded: j), i < scanLimit {
                    // The run of plain numeric cells from here, parsed in C (SIMD where the CPU
                    // has it); it stops before any other cell, which the code below takes.
                    var pos = i
                    let reached = Int(ccsv_numeric_run(data, &pos, bytes.readable, d, Int32(truncatingIfNeeded: j),
                                                       runEnds[j], columnCount, outputBase, at))
                    if reached != j {
                        for c in j..<reached { kinds[c] = .numeric }
                        i = pos
                        j = reached
                        if j == columns { break }
                    }
                }
                declined = false
                var start = i, stop: Int, quoted = false
                if i < end && data[i] == quote {
                    // The closing quote; a line feed before it is a quoted line break.
                    let k = firstOf(quote, lf, quote, lf, in: bytes, from: i + 1)
                    if k >= end || data[k] == lf || (k + 1 < end && data[k + 1] == quote) { return false }
                    start = i + 1
                    stop = k
                    quoted = true
                    i = k + 1
                } else {
                    i = firstOf(d, lf, cr, quote, in: bytes, from: i)
                    stop = i
                    if i < end {
                        let c = data[i]
                        if c == quote || (c == cr && !(i + 1 < end && data[i + 1] == lf)) { return false }
                    }
                }
                guard j < columns, store(column: j, row: at, start, stop, quoted: quoted, line: line, in: bytes, state) else {
                    return false
                }
                j &+= 1
                if i >= end { break }
                let c = data[i]
                if c == d { i &+= 1; continue }
                if c == lf { i &+= 1; break }
                if c == cr && i + 1 < end && data[i + 1] == lf { i += 2; break }
                return false
            }
            guard j == columns else { return false }
            row &+= 1
            line &+= 1
        }
        return true
    }

    /// The index of the first byte in `from..<bytes.count` equal to one of `t0`…`t3` (or `end`), eight
    /// bytes at a time: a byte b of word x equals t exactly where the high bit of
    /// `(x ^ t·0x0101…) − 0x0101… & ~(x ^ t·0x0101…) & 0x8080…` is set, for its lowest set bit.
    @inline(__always)
    private func firstOf(_ t0: UInt8, _ t1: UInt8, _ t2: UInt8, _ t3: UInt8, in bytes: Window, from: Int) -> Int {
        let data = bytes.base, end = bytes.count
        var k = from
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let w0 = UInt64(t0) &* ones, w1 = UInt64(t1) &* ones, w2 = UInt64(t2) &* ones, w3 = UInt64(t3) &* ones
        let limit = min(end, bytes.readable - 8)
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
                       in bytes: Window, _ state: ChunkState) -> Bool {
        let data = bytes.base
        var s = from, e = to
        if !quoted {
            while s < e && (data[s] == 0x20 || data[s] == 0x09) { s += 1 }
            while e > s && (data[e - 1] == 0x20 || data[e - 1] == 0x09) { e -= 1 }
        }
        let n = e - s
        let missing = n == 0 || (n == 2 && data[s] == 0x4E && data[s + 1] == 0x41)
        let cell = UnsafeBufferPointer(start: data + s, count: n)
        // 24 bytes from the cell's start are readable: it may be interned with word loads.
        let padded = s + 24 <= bytes.readable
        if let codes = state.codes[j] {
            if missing { codes[row] = -1; return true }
            if !state.found[j], parseNumber(cell) == .text { state.setFirstText(j, line: line, cell) }
            let code = padded ? state.levels[j].internPadded(data + s, n) : state.levels[j].intern(cell)
            codes[row] = code
            // The cell's raw bytes (quotes and blanks included) for the record walk's lookup; a
            // column with more levels than `walkedLevels` ends the walk for this chunk.
            if state.walksText, let cache = state.levelCache {
                if code < Self.walkedLevels {
                    let raw = quoted ? from - 1 ..< to + 1 : from ..< to
                    ccsv_levels_add(cache, Int32(truncatingIfNeeded: j), data + raw.lowerBound, raw.count, code)
                } else {
                    state.stopWalkingText()
                }
            }
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

/// The bytes of one window: records in `base[0 ..< count]`, and bytes that may be loaded (not
/// taken) up to `readable`.
private struct Window {
    let base: UnsafePointer<UInt8>
    let count: Int
    let readable: Int
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
    /// The levels interned so far in the columns known to be text, by their cells' raw bytes, for
    /// `ccsv_mixed_records`; nil where no column is or the CPU lacks the record walk.
    let levelCache: OpaquePointer?
    /// Whether `ccsv_mixed_records` may take records: every text column is one known in advance.
    private let walkable: UnsafeMutablePointer<Bool>
    var walksText: Bool { walkable.pointee }
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
        let textColumns = text.filter { $0 }.count
        levelCache = (1...CSVChunkParser.walkedTextColumns).contains(textColumns) && ccsv_numeric_records_active() != 0
            ? text.map { UInt8($0 ? 1 : 0) }.withUnsafeBufferPointer { ccsv_levels_create(Int32(n), $0.baseAddress) }
            : nil
        walkable = .allocate(capacity: 1)
        walkable.initialize(to: levelCache != nil)
        first = FirstTexts(count: n)
        runEnds.initialize(repeating: 0)
        setRunEnds()
    }

    /// Ends `ccsv_mixed_records` for this chunk (a text column with too many levels).
    func stopWalkingText() { walkable.pointee = false }

    /// Column j holds text from now on (its codes as doubles: the record walk no longer applies).
    func markText(_ j: Int) {
        kinds[j] = .text
        walkable.pointee = false
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
        ccsv_levels_destroy(levelCache)
        walkable.deallocate()
    }
}

/// First text cells per column (rarely written: once per text column and chunk).
private final class FirstTexts {
    var cells: [CellLocation?]
    init(count: Int) { cells = [CellLocation?](repeating: nil, count: count) }
}
