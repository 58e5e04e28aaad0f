/// GFM pipe tables: cell splitting and delimiter rows (GitHub Flavored Markdown §4.10).
enum Tables {
    /// Splits a row into cells, following cmark-gfm: an optional leading and trailing pipe
    /// are dropped, a pipe directly preceded by `\` is literal (even inside code spans), and
    /// every other pipe separates cells. Cells are trimmed and `\|` becomes `|`.
    /// Returns [] for a line with no cell at all (e.g. a lone `|`).
    static func cells(_ text: [UInt8], _ start: Int, _ end: Int) -> [[UInt8]] {
        var s = start
        var e = end
        while s < e, ByteClass.isSpaceOrTab(text[s]) { s += 1 }
        while e > s, ByteClass.isSpaceOrTab(text[e - 1]) { e -= 1 }
        if s < e, text[s] == Byte.pipe { s += 1 }
        guard s < e else { return [] }
        let trailingPipe = text[e - 1] == Byte.pipe && !(e - 2 >= s && text[e - 2] == Byte.backslash)
        var result: [[UInt8]] = []
        var cell: [UInt8] = []
        var i = s
        while i < e {
            let b = text[i]
            if b == Byte.backslash, i + 1 < e, text[i + 1] == Byte.pipe {
                cell.append(Byte.pipe)
                i += 2
                continue
            }
            if b == Byte.pipe {
                result.append(trim(cell))
                cell = []
            } else {
                cell.append(b)
            }
            i += 1
        }
        if !trailingPipe { result.append(trim(cell)) }
        return result
    }

    /// Parses a delimiter row (`| :-- | --: |`), or nil when the line is not one.
    static func delimiterRow(_ text: [UInt8], _ start: Int, _ end: Int) -> [Alignment]? {
        var sawPipeOrColon = false
        var i = start
        while i < end {
            let b = text[i]
            if b == Byte.pipe || b == Byte.colon { sawPipeOrColon = true }
            guard b == Byte.pipe || b == Byte.colon || b == Byte.minus || ByteClass.isSpaceOrTab(b) else { return nil }
            i += 1
        }
        guard sawPipeOrColon else { return nil }   // a bare `---` is a setext underline / hr
        let parts = cells(text, start, end)
        guard !parts.isEmpty else { return nil }
        var result: [Alignment] = []
        result.reserveCapacity(parts.count)
        for part in parts {
            guard !part.isEmpty else { return nil }
            let left = part.first == Byte.colon
            let right = part.last == Byte.colon
            let dashes = part.count - (left ? 1 : 0) - (right ? 1 : 0)
            guard dashes >= 1 else { return nil }
            for k in (left ? 1 : 0)..<(part.count - (right ? 1 : 0)) where part[k] != Byte.minus { return nil }
            switch (left, right) {
            case (true, true): result.append(.center)
            case (true, false): result.append(.left)
            case (false, true): result.append(.right)
            case (false, false): result.append(.none)
            }
        }
        return result
    }

    /// Header/body row normalised to `count` cells: missing cells are empty, extras dropped.
    static func fit(_ row: [[UInt8]], to count: Int) -> [[UInt8]] {
        if row.count == count { return row }
        if row.count > count { return Array(row[0..<count]) }
        return row + Array(repeating: [], count: count - row.count)
    }

    /// Strips leading and trailing spaces/tabs of a cell.
    static func trim(_ cell: [UInt8]) -> [UInt8] {
        var s = 0
        var e = cell.count
        while s < e, ByteClass.isSpaceOrTab(cell[s]) { s += 1 }
        while e > s, ByteClass.isSpaceOrTab(cell[e - 1]) { e -= 1 }
        return s == 0 && e == cell.count ? cell : Array(cell[s..<e])
    }
}
