import CCSVScan
import Foundation
import Testing
import Survey
@_spi(Testing) @testable import SurveyData

/// The C numeric run (`Sources/CCSVScan`): its scalar path and its two SIMD paths (a cell at a time;
/// 64-byte blocks, then cells) accept exactly the plain numbers `[-+]digits[.digits]` of 1–15
/// digits whose cell and terminator fit in 16 bytes, at any position relative to 16/32/64-byte
/// blocks, with C `strtod`'s value bit for bit (the independent reference); the block walk alone
/// takes a block whole or not at all; files read with the SIMD paths on and off agree with
/// `strtod` cell by cell.
@Suite("CSV numeric run (C, SIMD and scalar)", .serialized)
struct CSVNumericRunTests {
    /// The paths to try: scalar (0), SIMD cells (1) and SIMD blocks then cells (2), where the CPU
    /// has them (`ccsv_numeric_run_path` runs the best path below one it lacks).
    static let paths: [Int32] = [0, 1, 2]
    /// The block walk alone (`ccsv_numeric_run_path` path 3), where the CPU runs it.
    static let blocksAlone: Int32 = 3
    /// Whether this CPU runs the block walk (path 3 parses nothing where it does not).
    static let hasBlocks: Bool = {
        var probe = [UInt8]("1,2\n".utf8) + [UInt8](repeating: 0, count: 96)
        let out = UnsafeMutablePointer<Double>.allocate(capacity: 2)
        defer { out.deallocate() }
        var outputs: [UnsafeMutablePointer<Double>?] = [out, out + 1]
        var pos = 0
        return Int(ccsv_numeric_run_path(3, &probe, &pos, probe.count, UInt8(ascii: ","), 0, 2, 2, &outputs, 0)) == 2
    }()

    /// Digits `1…count` cycled (so every digit value occurs), a point after `point` digits
    /// (nil: none), and a sign.
    func number(digits count: Int, point: Int?, sign: String) -> String {
        var s = sign
        for k in 0..<count {
            if k == point { s += "." }
            s += String((k * 7 + 3) % 10)
        }
        if point == count { s += "." }
        return s
    }

    /// Runs the C parser (`simd`: the path) over `record` placed at `offset` of a 64-byte-aligned
    /// buffer of 192 bytes (bytes before it '7', after it '9'), two columns: the column reached,
    /// the bytes consumed, values.
    func run(_ record: String, offset: Int, columns: Int, simd: Int32, stop: Int? = nil) -> (Int, Int, [Double]) {
        let bytes = Array(record.utf8)
        let size = 192
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
        defer { buffer.deallocate() }
        let b = buffer.bindMemory(to: UInt8.self, capacity: size)
        b.initialize(repeating: 0x37, count: offset)
        (b + offset).initialize(repeating: 0x39, count: size - offset)
        for (k, byte) in bytes.enumerated() { b[offset + k] = byte }
        var outputs = (0..<columns).map { _ in UnsafeMutablePointer<Double>.allocate(capacity: 1) }
        defer { outputs.forEach { $0.deallocate() } }
        for o in outputs { o.initialize(to: 12345) }
        var pos = offset
        let reached = outputs.withUnsafeMutableBufferPointer { out in
            out.baseAddress!.withMemoryRebound(to: UnsafeMutablePointer<Double>?.self, capacity: columns) { o in
                Int(ccsv_numeric_run_path(simd, b, &pos, size, UInt8(ascii: ","), 0, Int32(stop ?? columns),
                                          Int32(columns), o, 0))
            }
        }
        return (reached, pos - offset, outputs.map { $0.pointee })
    }

    /// Every number of 1–20 digits with every point position and sign, at every offset 0–63 of a
    /// 64-byte block, on each of `paths`: `check(text, accepted, strtod's value, offset, path)`.
    /// Hand rule for `accepted`: 1–15 digits and the cell plus its delimiter within 16 bytes.
    func forEachNumber(paths: [Int32], _ check: (String, Bool, Double, Int, Int32) -> Void) {
        for digits in 1...20 {
            for point in [nil] + Array(0...digits) {
                for sign in ["", "-", "+"] {
                    let text = number(digits: digits, point: point, sign: sign)
                    let accepted = digits <= 15 && text.utf8.count <= 15
                    let want = strtod(text, nil)
                    for offset in 0..<64 {
                        for path in paths { check(text, accepted, want, offset, path) }
                    }
                }
            }
        }
    }

    @Test("numbers of 1–20 digits, every point position and sign, at every offset of a 64-byte block")
    func digitCountsAndOffsets() {
        forEachNumber(paths: Self.paths + (Self.hasBlocks ? [Self.blocksAlone] : [])) { text, accepted, want, offset, simd in
            let (reached, used, values) = run("\(text),42\n", offset: offset, columns: 2, simd: simd)
            if accepted {
                #expect(reached == 2 && used == text.utf8.count + 4, "\(text) at \(offset), simd \(simd)")
                #expect(values[0].bitPattern == want.bitPattern && values[1] == 42, "\(text) at \(offset), simd \(simd)")
            } else {
                #expect(reached == 0 && used == 0 && values[0] == 12345, "\(text) at \(offset), simd \(simd)")
            }
        }
    }

    @Test("a run of one column between text columns: every digit count, point and sign, at every offset")
    func singleColumnRuns() {
        // The SIMD paths take a one-column run that is not the record's last by a cell of its own.
        forEachNumber(paths: Self.paths) { text, accepted, want, offset, simd in
            let (reached, used, values) = run("\(text),x,7\n", offset: offset, columns: 3, simd: simd, stop: 1)
            if accepted {
                #expect(reached == 1 && used == text.utf8.count + 1, "\(text) at \(offset), simd \(simd)")
                #expect(values[0].bitPattern == want.bitPattern && values[1] == 12345, "\(text) at \(offset), simd \(simd)")
            } else {
                #expect(reached == 0 && used == 0 && values[0] == 12345, "\(text) at \(offset), simd \(simd)")
            }
        }
        // By hand: a one-column run ending in a line feed is not of this kind (the record ended early).
        for simd in Self.paths { #expect(run("5\n", offset: 0, columns: 3, simd: simd, stop: 1).0 == 0) }
    }

    @Test("cells that are not plain numbers stop the run before them; CRLF ends the last column")
    func declinesAndLineEnds() {
        for simd in Self.paths {
            // By hand: each record's first cell is not a plain number, so nothing is consumed.
            for record in ["-,1\n", ".,1\n", "+.,1\n", "1.2.3,1\n", "1e5,1\n", " 1,1\n", "1 ,1\n", "\"1\",1\n",
                           "NA,1\n", ",1\n", "1\n2,1\n", "0x10,1\n", "1-2,1\n", "12345678901234567,1\n"] {
                #expect(run(record, offset: 5, columns: 2, simd: simd).0 == 0, "\(record), simd \(simd)")
            }
            // The second cell stops the run: the first is stored and 2 + 1 bytes consumed.
            let partial = run("-7,x\n", offset: 3, columns: 2, simd: simd)
            #expect(partial.0 == 1 && partial.1 == 3 && partial.2[0] == -7)
            // CRLF after the last column; a lone CR or a delimiter inside the last column declines.
            let crlf = run("1.5,-0.25\r\n", offset: 30, columns: 2, simd: simd)
            #expect(crlf.0 == 2 && crlf.1 == 11 && crlf.2 == [1.5, -0.25])
            #expect(run("1.5,2\r3\n", offset: 30, columns: 2, simd: simd).0 == 1)
            #expect(run("1.5,2,3\n", offset: 30, columns: 2, simd: simd).0 == 1)
            // "-0" is negative zero; "5." and ".5" are 5 and 0.5.
            let signs = run("-0,5.\n", offset: 0, columns: 2, simd: simd)
            #expect(signs.2[0].bitPattern == (-0.0).bitPattern && signs.2[1] == 5)
            #expect(run(".5,-.5\n", offset: 63, columns: 2, simd: simd).2 == [0.5, -0.5])
        }
    }

    @Test("the block walk alone takes a block whole or not at all")
    func blocksWholeOrNothing() throws {
        try #require(Self.hasBlocks, "this CPU has no fast block walk (AVX2, BMI2 and fast pdep)")
        let p = Self.blocksAlone
        // By hand: one bad cell anywhere in the block, and none of its cells is taken.
        #expect(run("-7,x\n", offset: 3, columns: 2, simd: p).0 == 0)
        #expect(run("1.5,2\r\n", offset: 30, columns: 2, simd: p).0 == 0)
        #expect(run("1,2.2.\n", offset: 0, columns: 2, simd: p).0 == 0)
        #expect(run("1,-\n", offset: 0, columns: 2, simd: p).0 == 0)
        #expect(run("1,,\n", offset: 0, columns: 2, simd: p).0 == 0)
        #expect(run("1,2,3\n", offset: 0, columns: 2, simd: p).0 == 0)
        #expect(run("1\n2,3\n", offset: 0, columns: 2, simd: p).0 == 0)
        #expect(run("1,1234567890123456\n", offset: 0, columns: 2, simd: p).0 == 0)
        // Plain cells of 15 bytes, a sign and a point are taken whole: 15 + 1 + 3 + 1 bytes.
        let long = run("-1234567.123456,+.5\n", offset: 7, columns: 2, simd: p)
        #expect(long.0 == 2 && long.1 == 20 && long.2 == [-1234567.123456, 0.5])
    }

    /// `ccsv_numeric_records` over `text` (two columns) from byte `from`, record `row` on, into `values`:
    /// records taken, the byte reached and the column it stopped at (-1: not at a cell).
    func records(_ text: [UInt8], from: Int, row: Int, into values: inout [[Double]]) -> (Int, Int, Int32) {
        let buffer = text + [UInt8](repeating: 0, count: 96)
        var pos = from, stopped: Int32 = -1
        var (first, second) = (values[0], values[1])
        let taken = first.withUnsafeMutableBufferPointer { a in
            second.withUnsafeMutableBufferPointer { b in
                var outputs: [UnsafeMutablePointer<Double>?] = [a.baseAddress, b.baseAddress]
                return Int(ccsv_numeric_records(buffer, &pos, text.count, buffer.count, UInt8(ascii: ","), 2, &outputs,
                                                row, a.count, &stopped))
            }
        }
        values = [first, second]
        return (taken, pos, stopped)
    }

    @Test("the record walk takes a file whole whether its lines end in LF, CRLF or change from one to the other")
    func lineEndVariants() throws {
        try #require(Self.hasBlocks, "this CPU has no fast block walk (AVX2, BMI2 and fast pdep)")
        // 40 records "k,-k.5" (the values by hand: k and -(k + 0.5)); the walk runs a variant
        // without the CR step until a block holds a CRLF, then one with it.
        let cases: [(String, (Int) -> Bool)] = [("LF", { _ in false }), ("CRLF", { _ in true }),
                                                ("LF then CRLF", { $0 >= 20 }), ("CRLF then LF", { $0 < 20 }),
                                                ("alternating", { $0 % 2 == 1 })]
        for (name, crlf) in cases {
            let text = Array((0..<40).map { "\($0),-\($0).5" + (crlf($0) ? "\r\n" : "\n") }.joined().utf8)
            var values = [[Double]](repeating: [Double](repeating: 0, count: 40), count: 2)
            let (taken, pos, stopped) = records(text, from: 0, row: 0, into: &values)
            #expect(taken == 40 && pos == text.count && stopped == -1, "\(name)")
            #expect(values[0] == (0..<40).map(Double.init) && values[1] == (0..<40).map { -(Double($0) + 0.5) }, "\(name)")
        }
    }

    /// Writes `text` to a temporary file and reads it on the fast path with `threads` threads.
    func read(_ text: String, threads: Int) throws -> Table {
        let path = NSTemporaryDirectory() + "csv-run-\(UUID().uuidString).csv"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try #require(try ParallelCSV.read(path: path, delimiter: UInt8(ascii: ","), separator: .comma,
                                                 threads: threads, minimumChunkBytes: 1))
    }

    /// Reads `text` with the SIMD path on and off, 1 and 2 threads; checks each numeric column
    /// against `strtod` of its cells (`expected[name]`), and the readings against each other.
    func check(_ text: String, expected: [String: [String]]) throws {
        defer { ccsv_set_simd(1) }
        var readings: [Table] = []
        for simd in Self.paths {
            ccsv_set_simd(simd)
            for threads in [1, 2] {
                let table = try read(text, threads: threads)
                for (name, cells) in expected {
                    guard case .numeric(let values) = try table.column(named: name).values else {
                        Issue.record("\(name): expected a numeric column")
                        continue
                    }
                    #expect(values.count == cells.count)
                    for (value, cell) in zip(values, cells) {
                        let want = cell.isEmpty ? Double.nan : strtod(cell, nil)
                        #expect(value.bitPattern == want.bitPattern, "\(name): \(cell) read as \(value), simd \(simd)")
                    }
                }
                readings.append(table)
            }
        }
        for r in readings.dropFirst() { #expect(r.isSameReading(as: readings[0])) }
    }

    @Test("cells, quotes and CRLF straddling every 16/32/64-byte block boundary of the file")
    func blockBoundaries() throws {
        // A text cell of 1…64 bytes shifts the rest of the line; the quoted cell (with a
        // delimiter inside), the numbers and the CRLF fall across block boundaries at every offset.
        var text = "pad,q,a,b,c\r\n"
        var a: [String] = [], b: [String] = [], c: [String] = []
        for k in 0..<200 {
            let pad = String(repeating: "p", count: 1 + k % 64)
            let x = number(digits: 1 + k % 15, point: k % 3 == 0 ? nil : k % 5, sign: k % 2 == 0 ? "-" : "")
            // An integer above 2⁵³ (17+ digits here) is text, an identifier: it gets a point.
            let yDigits = 1 + (k * 7) % 20
            let y = number(digits: yDigits, point: k % 4 == 0 && yDigits <= 16 ? nil : 1, sign: "")
            let z = k % 9 == 0 ? "" : number(digits: 1 + (k * 3) % 13, point: 2, sign: "+")
            text += "\(pad),\"q,\(k % 4)\",\(x),\(y),\(z)" + (k % 2 == 0 ? "\r\n" : "\n")
            a.append(x); b.append(y); c.append(z)
        }
        try check(text, expected: ["a": a, "b": b, "c": c])
    }

    @Test("seeded random numeric files read the same with the SIMD paths on and off",
          arguments: [(UInt64(3), 5, false), (17, 5, false), (29, 5, false), (5, 12, true), (41, 12, true), (43, 12, false),
                       (7, 1, true), (11, 2, true), (13, 3, true)])
    func randomFiles(seed: UInt64, width: Int, plain: Bool) throws {
        // `plain`: mostly cells the block walk takes (1–12 digits; a missing cell in 200, a CRLF
        // in 50), so runs of 12 columns go through it and through its hand-over to the cell path,
        // and whole records (every column numeric, of any width) through `ccsv_numeric_records`
        // and its hand-over to the record-at-a-time parse.
        var g = SplitMix64(seed: seed)
        var columns = [[String]](repeating: [], count: width)
        var text = (0..<width).map { "v\($0)" }.joined(separator: ",") + "\n"
        for _ in 0..<3000 {
            var cells: [String] = []
            for j in 0..<width {
                let digits = 1 + Int(g.next() % (plain ? 12 : 20))
                let drawn: Int? = g.next() % 3 == 0 ? nil : Int(g.next() % UInt64(digits + 1))
                // An integer above 2⁵³ (17+ digits here) is text, an identifier: it ends in a point.
                let point = drawn == nil && digits > 16 ? digits : drawn
                let sign = ["", "", "-", "+"][Int(g.next() % 4)]
                // (A missing cell in a file of one column would be a blank line, which every reader skips.)
                let missing = width > 1 && g.next() % (plain ? 200 : 40) == 0
                let cell = missing ? "" : number(digits: digits, point: point, sign: sign)
                cells.append(cell)
                columns[j].append(cell)
            }
            text += cells.joined(separator: ",") + (g.next() % (plain ? 50 : 5) == 0 ? "\r\n" : "\n")
        }
        try check(text, expected: Dictionary(uniqueKeysWithValues: (0..<width).map { ("v\($0)", columns[$0]) }))
    }
}
