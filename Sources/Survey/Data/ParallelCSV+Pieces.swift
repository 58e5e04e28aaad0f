/// The streaming pass's parse (`StreamingCSV`): a run of records as one table a piece.
extension ParallelCSV {
    /// `readLines` as a table a piece, in file order, with the file lines they span: no piece
    /// needs the rows before it, so no line is counted before the parse. Each piece's rows are
    /// reserved for its bytes at `bytesPerRow` (the last chunk's), with a quarter more, and not
    /// populated ahead of the parse (the heap hands it the last chunk's pages). A piece with more
    /// records than that has the chunk read again by `readLines`, as is the chunk when
    /// `bytesPerRow` is nil (the first); anything else the fast path cannot take gives nil at once
    /// (the general reader's chunk). For `StreamingCSV`, which hands the tables on one by one.
    static func readPieces(
        path: String, delimiter: UInt8, separator: CSVReader.Separator, threads: Int? = nil,
        minimumChunkBytes: Int = 8 << 20, records: Range<Int>? = nil, firstLine: Int = 2,
        windowBytes: Int = CSVChunkParser.defaultWindowBytes, piecesPerThread: Int = 1, bytesPerRow: Double?
    ) throws(DataError) -> (tables: [Table], lines: Int)? {
        func counted() throws(DataError) -> (tables: [Table], lines: Int)? {
            try readLines(path: path, delimiter: delimiter, separator: separator, threads: threads,
                          minimumChunkBytes: minimumChunkBytes, records: records, firstLine: firstLine,
                          windowBytes: windowBytes, piecesPerThread: piecesPerThread).map { ([$0.table], $0.lines) }
        }
        guard let bytesPerRow, bytesPerRow >= 1,
              let split = Split(path: path, separator: separator, threads: threads, minimumChunkBytes: minimumChunkBytes,
                                records: records, piecesPerThread: piecesPerThread) else { return try counted() }
        let chunks = split.chunks, parts = chunks.count
        // Every piece's columns are held open at once (`withPieceStorage`).
        guard parts * split.names.count <= maxOpenColumns else { return try counted() }
        // Reserved tight, so the heap hands the next chunk the pages this one wrote (`HeapReuse`):
        // room the size of the records' worst case would spread each chunk over fresh pages.
        let reserved = chunks.map { chunk in
            min(Int(Double(chunk.count) / bytesPerRow * 1.25) + 64, (chunk.count + 1) / split.names.count + 1)
        }
        let text = split.textColumns()
        var results: [ChunkResult] = []
        // Each piece parsed from line 0 (its first line is known once the pieces before it are):
        // the first text cells' lines are moved to the file's below.
        var arrays = withPieceStorage(text: text, rows: reserved) { outputs in
            var slots = [ChunkResult?](repeating: nil, count: parts)
            slots.withUnsafeMutableBufferPointer { out in
                parallelFor(parts) { k in
                    var parser = CSVChunkParser(file: split.file, delimiter: delimiter, outputs: outputs[k], text: text,
                                                windowBytes: windowBytes)
                    // The pieces reuse the pages the last chunk wrote (`HeapReuse`): populating them
                    // again only walks their page tables, and would make the unused quarter of each
                    // reserve resident. 2M-row ACS-shaped file, parse alone: 0.33-0.35 s against
                    // 0.37-0.47 s, 29K page faults and 132 MB peak against 54K and 232 MB.
                    parser.prefaults = false
                    out[k] = parser.parse(chunks[k], firstRow: 0, capacity: reserved[k], line: 0)
                }
            }
            results = slots.compactMap { $0 }
        }
        // Out of reserved rows: count them and parse again; anything else is the general reader's.
        guard results.count == parts, !results.contains(where: \.outOfRows) else { return try counted() }
        guard !results.contains(where: \.needsGeneralReader) else { return nil }
        // A column of numbers in one piece and text in another is the general reader's, as in `readLines`.
        for j in split.names.indices {
            let kinds = results.map { $0.kinds[j] }
            if kinds.contains(.text) && kinds.contains(.numeric) { return nil }
        }
        var tables: [Table] = []
        var line = firstLine
        for k in 0..<parts {
            var result = results[k]
            for j in result.firstText.indices { result.firstText[j]?.line += line }
            line += result.lines
            guard result.rows > 0 else { continue }
            guard let table = try assemble(&arrays[k], names: split.names, results: [result], firstRow: [0], path: path) else {
                return nil
            }
            tables.append(table)
        }
        return tables.isEmpty ? nil : (tables, line - firstLine)
    }

    /// `withColumnStorage` for each piece, `rows[k]` rows for piece k: `body` gets each piece's
    /// row-0 pointers, and the arrays come back a piece at a time.
    private static func withPieceStorage(
        text: [Bool], rows: [Int], _ body: ([[UnsafeMutableRawPointer]]) -> Void
    ) -> [[ParsedArray]] {
        var pieces: [[ParsedArray]] = []
        var pointers: [[UnsafeMutableRawPointer]] = []
        func nest(_ k: Int) {
            if k == rows.count { return body(pointers) }
            let arrays = withColumnStorage(text: text, rows: rows[k]) { outputs in
                pointers.append(outputs)
                nest(k + 1)
            }
            pieces.append(arrays)
        }
        nest(0)
        return pieces.reversed()
    }
}
