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

    init(columns: Int) {
        kinds = [ChunkColumnKind](repeating: .empty, count: columns)
        levels = [LevelTable](repeating: LevelTable(), count: columns)
        firstText = [CellLocation?](repeating: nil, count: columns)
    }
}

/// Parses one chunk of a mapped delimited file — a run of whole records — straight into typed
/// column storage: fields are found eight bytes at a time (SWAR: a word compared against the
/// delimiter, LF, CR and `"` at once), numbers parsed in place (`fastDecimal`, else
/// `parseNumber`), text interned; no allocation per cell. Anything unusual stops the chunk with
/// `needsGeneralReader`, and the caller reads the whole file with the general reader instead.
struct CSVChunkParser {
    let file: MappedFile
    let delimiter: UInt8
    /// Row-0 pointers of the output columns (doubles; text columns hold codes until the merge).
    let outputs: [UnsafeMutablePointer<Double>]

    private static let lf: UInt8 = 0x0A, cr: UInt8 = 0x0D, quote: UInt8 = 0x22

    /// Parses `range` (starting at a record boundary), writing at most `capacity` rows from
    /// `firstRow`; `line` is the file line `range` starts on.
    func parse(_ range: Range<Int>, firstRow: Int, capacity: Int, line firstLine: Int) -> ChunkResult {
        let columns = outputs.count
        var result = ChunkResult(columns: columns)
        let data = file.base, end = range.upperBound
        let d = delimiter, lf = Self.lf, cr = Self.cr, quote = Self.quote
        var i = range.lowerBound, row = 0, line = firstLine
        var released = i
        while i < end {
            let c0 = data[i]
            if c0 == lf { i += 1; line += 1; continue }
            if c0 == cr && i + 1 < end && data[i + 1] == lf { i += 2; line += 1; continue }
            guard row < capacity else { result.needsGeneralReader = true; return result }
            var j = 0
            while true {
                var start = i, stop: Int, quoted = false
                if i < end && data[i] == quote {
                    var k = i + 1
                    while k < end && data[k] != quote {
                        if data[k] == lf { result.needsGeneralReader = true; return result }
                        k += 1
                    }
                    if k >= end || (k + 1 < end && data[k + 1] == quote) { result.needsGeneralReader = true; return result }
                    start = i + 1
                    stop = k
                    quoted = true
                    i = k + 1
                } else {
                    i = nextSpecial(from: i, end: end)
                    stop = i
                    if i < end {
                        let c = data[i]
                        if c == quote || (c == cr && !(i + 1 < end && data[i + 1] == lf)) {
                            result.needsGeneralReader = true
                            return result
                        }
                    }
                }
                guard j < columns,
                      store(column: j, row: firstRow + row, start, stop, quoted: quoted, line: line, into: &result)
                else { result.needsGeneralReader = true; return result }
                j += 1
                if i >= end { break }
                let c = data[i]
                if c == d { i += 1; continue }
                if c == lf { i += 1; break }
                if c == cr && i + 1 < end && data[i + 1] == lf { i += 2; break }
                result.needsGeneralReader = true
                return result
            }
            guard j == columns else { result.needsGeneralReader = true; return result }
            row += 1
            line += 1
            if i - released >= 1 << 25 {
                file.release(released..<i)
                released = i
            }
        }
        file.release(released..<i)
        result.rows = row
        return result
    }

    /// The index of the first delimiter, LF, CR or quote in `from..<end` (or `end`), eight bytes
    /// at a time: a byte b of word x equals t exactly where the high bit of
    /// `(x ^ t·0x0101…) − 0x0101… & ~(x ^ t·0x0101…) & 0x8080…` is set, for its lowest set bit.
    @inline(__always)
    private func nextSpecial(from: Int, end: Int) -> Int {
        let data = file.base
        var k = from
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let dd = UInt64(delimiter) &* ones, ll = UInt64(Self.lf) &* ones
        let rr = UInt64(Self.cr) &* ones, qq = UInt64(Self.quote) &* ones
        let limit = min(end, file.count - 8)
        while k < limit {
            let x = UInt64(littleEndian: UnsafeRawPointer(data + k).loadUnaligned(as: UInt64.self))
            let a = x ^ dd, b = x ^ ll, c = x ^ rr, q = x ^ qq
            let hits = ((a &- ones) & ~a | (b &- ones) & ~b | (c &- ones) & ~c | (q &- ones) & ~q) & highs
            if hits != 0 { return min(k + hits.trailingZeroBitCount / 8, end) }
            k += 8
        }
        while k < end {
            let c = data[k]
            if c == delimiter || c == Self.lf || c == Self.cr || c == Self.quote { return k }
            k += 1
        }
        return end
    }

    /// Stores one cell; false if the chunk must go to the general reader.
    @inline(__always)
    private func store(column j: Int, row: Int, _ from: Int, _ to: Int, quoted: Bool, line: Int,
                       into result: inout ChunkResult) -> Bool {
        let data = file.base
        var s = from, e = to
        if !quoted {
            while s < e && (data[s] == 0x20 || data[s] == 0x09) { s += 1 }
            while e > s && (data[e - 1] == 0x20 || data[e - 1] == 0x09) { e -= 1 }
        }
        let n = e - s, out = outputs[j] + row
        if n == 0 || (n == 2 && data[s] == 0x4E && data[s + 1] == 0x41) {
            out.pointee = .nan
            return true
        }
        let cell = UnsafeBufferPointer(start: data + s, count: n)
        if result.kinds[j] == .text {
            out.pointee = Double(result.levels[j].intern(cell))
            return true
        }
        if let v = fastDecimal(data + s, n) {
            out.pointee = v
            result.kinds[j] = .numeric
            return true
        }
        switch parseNumber(cell) {
        case .number(let v):
            out.pointee = v
            result.kinds[j] = .numeric
            return true
        case .nonFinite:
            return false
        case .text:
            guard result.kinds[j] == .empty else { return false }
            result.kinds[j] = .text
            result.firstText[j] = CellLocation(line: line, text: String(decoding: cell, as: UTF8.self))
            out.pointee = Double(result.levels[j].intern(cell))
            return true
        }
    }
}
