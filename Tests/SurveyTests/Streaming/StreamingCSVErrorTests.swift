import Testing
import Survey

/// `StreamingCSV` on the rows the CSV fast path hands back: a column mixing numbers and text, quoted
/// line breaks, blank lines, CRLF. The chunk is read by the general reader instead, so a streamed
/// file gives the whole-file table or the whole-file error with the file's own line numbers. Line
/// numbers below are counted by hand from how each file is built (header = line 1).
@Suite("Streaming CSV: general-reader chunks, errors with line and column")
struct StreamingCSVErrorTests {
    /// `rows` data lines `i,1.5,k` (y = i, w = 1.5, g = i % 7), with `y` replaced by `bad` on data
    /// row `badRow` (0-based) and a blank line written before each data row in `blankBefore`.
    static func file(rows: Int, badRow: Int? = nil, bad: String = "abc", blankBefore: Set<Int> = [],
                     lineEnd: String = "\n") -> String {
        var text = "y,w,g" + lineEnd
        for i in 0..<rows {
            if blankBefore.contains(i) { text += lineEnd }
            text += (i == badRow ? bad : String(i)) + ",1.5,\(i % 7)" + lineEnd
        }
        return text
    }

    /// Streams `path` into a mean of `y` (Taylor, PSUs `g`) with the reader's line lookup, as the CLI does.
    static func streamMean(_ path: String, chunkBytes: Int, threads: Int = 1) throws {
        let reader = StreamingCSV(path: path, chunkBytes: chunkBytes, threads: threads)
        var estimator = try StreamingEstimator(request: StreamingRequest(means: ["y"]),
                                           design: .taylor(weights: "w", strata: nil, cluster: "g", nested: false))
        estimator.lineOfRow = { reader.line(ofRow: $0) }
        try reader.forEachChunk { chunk, before in try estimator.add(chunk, rowsBefore: before) }
        _ = try estimator.estimate()
    }

    /// The error the whole-file reader gives for `y` used as numeric.
    static func wholeFileError(_ path: String) -> DataError? {
        do {
            _ = try CSVReader().read(path: path).numeric("y")
            return nil
        } catch {
            return error
        }
    }

    @Test("a non-numeric cell in a late chunk: file, line, column and message of the whole-file reader",
          arguments: [(97, 1), (700, 1), (97, 3), (1 << 20, 2)])
    func nonNumericLate(chunkBytes: Int, threads: Int) throws {
        // Data row 250 is file line 252; two blank lines before it (before rows 10 and 100) make it 254.
        let path = try StreamingFixture.write(Self.file(rows: 300, badRow: 250, blankBefore: [10, 100]))
        let whole = try #require(Self.wholeFileError(path))
        #expect(whole.line == 254 && whole.column == "y")
        do {
            try Self.streamMean(path, chunkBytes: chunkBytes, threads: threads)
            Issue.record("expected an error")
        } catch let error as DataError {
            #expect(error.line == 254 && error.column == "y" && error.file == path, "\(error)")
            #expect(error.description == whole.description)
            #expect(error.message.contains("non-numeric cell 'abc'"))
        }
    }

    @Test("CRLF line ends: the same line for the bad cell")
    func crlf() throws {
        // Data row 40 is line 42; one blank CRLF line before row 5 makes it 43.
        let path = try StreamingFixture.write(Self.file(rows: 60, badRow: 40, blankBefore: [5], lineEnd: "\r\n"))
        do {
            try Self.streamMean(path, chunkBytes: 50)
            Issue.record("expected an error")
        } catch let error as DataError {
            #expect(error.line == 43 && error.column == "y", "\(error)")
            #expect(error.description == Self.wholeFileError(path)?.description)
        }
    }

    @Test("a missing value after blank lines names its file line, not row + 2")
    func missingAfterBlankLines() throws {
        // Data row index 30 (the 31st) is line 32 without blank lines; three blank lines before it → 35.
        let path = try StreamingFixture.write(Self.file(rows: 50, badRow: 30, bad: "", blankBefore: [0, 12, 13]))
        do {
            try Self.streamMean(path, chunkBytes: 64)
            Issue.record("expected an error")
        } catch let error as DataError {
            #expect(error.line == 35 && error.column == "y" && error.message.contains("data row 31"), "\(error)")
        }
    }

    @Test("quoted line breaks: chunks are whole records and their rows are the whole-file table's",
          arguments: [1, 7, 40, 97, 1 << 20])
    func quotedLineBreaks(chunkBytes: Int) throws {
        // Text with a line break inside quotes every fifth row, and a `""` escape every seventh.
        var text = "id,label,w\n"
        for i in 0..<120 {
            let label = i % 5 == 0 ? "\"line \(i)\nnext\"" : i % 7 == 0 ? "\"say \"\"hi\"\" \(i)\"" : "plain\(i % 3)"
            text += "\(i),\(label),\(Double(i) / 4)\n"
        }
        let path = try StreamingFixture.write(text)
        let whole = try CSVReader().read(path: path)
        var ids: [Double] = [], labels: [String] = [], w: [Double] = []
        try StreamingCSV(path: path, chunkBytes: chunkBytes, threads: 1).forEachChunk { chunk, before in
            #expect(before == ids.count)
            ids += try chunk.numeric("id")
            w += try chunk.numeric("w")
            let c = try chunk.column(named: "label")
            labels += (0..<chunk.rowCount).map { c.text(at: $0) ?? "?" }
        }
        #expect(ids == (0..<120).map(Double.init))
        #expect(w == (0..<120).map { Double($0) / 4 })
        let c = try whole.column(named: "label")
        #expect(labels == (0..<whole.rowCount).map { c.text(at: $0) ?? "?" })
        #expect(labels[5] == "line 5\nnext" && labels[7] == "say \"hi\" 7")
    }

    @Test("line(ofRow:): header line 1, blank lines and quoted line breaks counted")
    func lineOfRow() throws {
        // line 1 header; 2 row 0; 3 blank; 4–5 row 1 (quoted break); 6 row 2; 7 blank; 8 blank; 9 row 3.
        let path = try StreamingFixture.write("a,b\n1,x\n\n2,\"p\nq\"\n3,y\n\n\n4,z\n")
        let reader = StreamingCSV(path: path)
        #expect((0..<5).map { reader.line(ofRow: $0) } == [2, 4, 6, 9, nil])
    }

    @Test("a header after blank lines, or with a quoted line break: the whole-file reader's names and rows",
          arguments: ["\n\r\ny,w\n1,2\n3,4\n", "\"y\nnew\",w\n1,2\n3,4\n"])
    func headers(text: String) throws {
        let path = try StreamingFixture.write(text)
        let whole = try CSVReader().read(path: path)
        let reader = StreamingCSV(path: path, chunkBytes: 1, threads: 1)
        #expect(try reader.columnNames() == whole.columnNames)
        var w: [Double] = []
        try reader.forEachChunk { chunk, _ in
            #expect(chunk.columnNames == whole.columnNames)
            w += try chunk.numeric("w")
        }
        let expected = try whole.numeric("w")
        #expect(w == [2, 4] && w == expected)
    }

    @Test("a header whose quote is never closed: the whole-file reader's error")
    func unclosedHeader() throws {
        let path = try StreamingFixture.write("\"y,w\n1,2\n")
        var whole: DataError?
        do { _ = try CSVReader().read(path: path) } catch { whole = error }
        do {
            try StreamingCSV(path: path, chunkBytes: 4).forEachChunk { _, _ in }
            Issue.record("expected an error")
        } catch let error as DataError {
            #expect(error.description == whole?.description && error.line == 1, "\(error)")
        }
    }
}
