import CCSVScan
import Foundation
import Testing
@_spi(Testing) @testable import SurveyData
import SurveyNumerics

/// `ccsv_mixed_records` (Sources/CCSVScan): whole records of a file whose columns are numeric or
/// text known from the first record, 64 bytes at a time; a text cell is stored as the code the
/// reader gave its raw bytes before (`ccsv_levels_add`), and any other text cell stops the walk.
/// In the suite of the numeric run, which is serialized (its tests turn SIMD off and on).
extension CSVNumericRunTests {
    /// What one call of `ccsv_mixed_records` did: records taken, bytes consumed, the numeric
    /// columns' values, the text columns' codes (12345 / -7: not written) and the stop column.
    struct MixedWalk {
        var taken: Int, used: Int, stopped: Int
        var values: [[Double]], codes: [[Int32]]
    }

    /// Runs `ccsv_mixed_records` over `text` at `offset` of a 64-byte-aligned buffer (128 zero
    /// bytes after it), rows `0 ..< rows`, with columns `textColumns` holding text whose known
    /// levels are `known[j]` (raw bytes, quotes included; code = index).
    func mixedWalk(_ text: String, columns: Int, textColumns: Set<Int>, known: [Int: [String]],
                   offset: Int = 0, end: Int? = nil, rows: Int = 64) -> MixedWalk {
        placed(text, offset: offset) { b, size in
            mixedWalk(b, size: size, text.utf8.count, columns: columns, textColumns: textColumns, known: known,
                      offset: offset, end: end, rows: rows)
        }
    }

    /// `mixedWalk` over the `count` bytes of text placed at `offset` of `b`.
    private func mixedWalk(_ b: UnsafeMutablePointer<UInt8>, size: Int, _ count: Int, columns: Int, textColumns: Set<Int>,
                           known: [Int: [String]], offset: Int, end: Int?, rows: Int) -> MixedWalk {
        let flags = (0..<columns).map { UInt8(textColumns.contains($0) ? 1 : 0) }
        let levels = flags.withUnsafeBufferPointer { ccsv_levels_create(Int32(columns), $0.baseAddress) }
        defer { ccsv_levels_destroy(levels) }
        for (j, keys) in known {
            for (code, key) in keys.enumerated() {
                let raw = Array(key.utf8)
                ccsv_levels_add(levels, Int32(j), raw, raw.count, Int32(code))
            }
        }
        let doubles = (0..<columns).map { _ in UnsafeMutablePointer<Double>.allocate(capacity: 64) }
        let codes = (0..<columns).map { _ in UnsafeMutablePointer<Int32>.allocate(capacity: 64) }
        defer { doubles.forEach { $0.deallocate() }; codes.forEach { $0.deallocate() } }
        for d in doubles { d.initialize(repeating: 12345, count: 64) }
        for c in codes { c.initialize(repeating: -7, count: 64) }
        var outputs: [UnsafeMutableRawPointer?] = (0..<columns).map {
            textColumns.contains($0) ? UnsafeMutableRawPointer(codes[$0]) : UnsafeMutableRawPointer(doubles[$0])
        }
        var pos = offset, stopped: Int32 = -2
        let taken = Int(ccsv_mixed_records(b, &pos, offset + (end ?? count), size, UInt8(ascii: ","),
                                           Int32(columns), &outputs, levels, 0, rows, &stopped))
        return MixedWalk(taken: taken, used: pos - offset, stopped: Int(stopped),
                         values: doubles.map { Array(UnsafeBufferPointer(start: $0, count: 64)) },
                         codes: codes.map { Array(UnsafeBufferPointer(start: $0, count: 64)) })
    }

    @Test("text and numbers in one walk at every offset: known levels stored as their codes, numbers as strtod's")
    func mixedRecords() {
        // Levels with spaces, points, digits, UTF-8 and a shared first 8 bytes and length
        // ("Somewhat A…"/"Somewhat B…"), quoted or not, up to the 32 bytes a table holds.
        let regions = ["Almaty", "St. Petersburg", "a.b.c", "Region 5", "Қазақстан", "x", "12",
                       String(repeating: "r", count: 32)]
        let answers = ["\"Very favorable\"", "\"Somewhat Agree\"", "\"Somewhat Bgree\"", "\"  spaced  \""]
        var g = SplitMix64(seed: 77)
        var rows: [(Int, Int, String, String)] = []
        for _ in 0..<30 {
            let number = self.number(digits: 1 + Int(g.next() % 12), point: Int(g.next() % 3), sign: g.next() % 2 == 0 ? "-" : "")
            rows.append((Int(g.next() % UInt64(regions.count)), Int(g.next() % 4), number, String(g.next() % 1000)))
        }
        for crlf in [false, true] {
            let text = rows.map { "\(regions[$0.0]),\(answers[$0.1]),\($0.2),\($0.3)" + (crlf ? "\r\n" : "\n") }.joined()
            for offset in 0..<64 {
                let w = mixedWalk(text, columns: 4, textColumns: [0, 1], known: [0: regions, 1: answers], offset: offset)
                guard Self.hasBlocks else {
                    #expect(w.taken == 0 && w.used == 0)
                    continue
                }
                #expect(w.taken == rows.count && w.used == text.utf8.count && w.stopped == -1, "crlf \(crlf) at \(offset)")
                for (r, row) in rows.enumerated() {
                    #expect(w.codes[0][r] == Int32(row.0) && w.codes[1][r] == Int32(row.1))
                    #expect(w.values[2][r].bitPattern == strtod(row.2, nil).bitPattern)
                    #expect(w.values[3][r] == Double(row.3))
                }
            }
        }
    }

    @Test("the walk stops at the first text cell it does not know, with the cells before it stored")
    func mixedStops() throws {
        try #require(Self.hasBlocks, "the record walk needs AVX2, BMI2 and fast pdep")
        let known: [Int: [String]] = [0: ["Almaty", "Bishkek"], 1: ["\"yes\"", "\"no\""]]
        let head = "Almaty,\"yes\",1.5\nBishkek,\"no\",-2\n"
        // (the stopping cell, the column it is in, the hand-worked reason)
        let cases: [(String, Int, String)] = [
            ("Osh,\"yes\",3\n", 0, "a new level"),
            ("Almaty,\"maybe\",3\n", 1, "a new quoted level"),
            ("Almaty,\"yes, often\",3\n", 1, "a quoted cell holding the delimiter: \"yes is no level"),
            ("Almaty,\"y\nes\",3\n", 1, "a quoted line break: the walk sees \"y, no level"),
            (",\"yes\",3\n", 0, "an empty text cell (missing)"),
            ("NA,\"yes\",3\n", 0, "NA (missing): never given a code"),
            ("Almaty,\"\",3\n", 1, "an empty quoted cell (missing)"),
            ("Almaty , \"yes\",3\n", 0, "blanks: raw bytes differ from the known level"),
            (String(repeating: "L", count: 33) + ",\"yes\",3\n", 0, "33 bytes: longer than a table holds"),
            ("Almaty,\"yes\",x\n", 2, "text in a numeric column"),
        ]
        for (tail, column, reason) in cases {
            let w = mixedWalk(head + tail, columns: 3, textColumns: [0, 1], known: known)
            #expect(w.taken == 2 && w.stopped == column, "\(reason): taken \(w.taken), stopped \(w.stopped)")
            // The stop is at the failing cell's first byte: the cells before it in its record stored.
            let before = tail.split(separator: ",", maxSplits: column, omittingEmptySubsequences: false)
                .prefix(column).map { $0.utf8.count + 1 }.reduce(0, +)
            #expect(w.used == head.utf8.count + before, "\(reason): at byte \(w.used)")
            #expect(w.codes[0][0] == 0 && w.codes[1][1] == 1 && w.values[2][1] == -2)
            if column > 0 { #expect(w.codes[0][2] == 0, "\(reason): the record's first cell stored") }
            if column > 1 { #expect(w.codes[1][2] == 0) }
        }
        // A text column with no level given yet (no table): the walk stops at its first cell.
        let none = mixedWalk(head, columns: 3, textColumns: [0, 1], known: [0: ["Almaty", "Bishkek"]])
        #expect(none.taken == 0 && none.stopped == 1 && none.used == 7 && none.codes[0][0] == 0)
        // A 33-byte level given to the table is not kept: the walk still stops at it.
        let long = String(repeating: "L", count: 33)
        let w = mixedWalk("\(long),\"yes\",3\n", columns: 3, textColumns: [0, 1], known: [0: [long], 1: ["\"yes\""]])
        #expect(w.taken == 0 && w.stopped == 0 && w.used == 0)
        // Exactly 32 bytes is kept.
        let most = String(repeating: "M", count: 32)
        let v = mixedWalk("\(most),\"yes\",3\n", columns: 3, textColumns: [0, 1], known: [0: [most], 1: ["\"yes\""]])
        #expect(v.taken == 1 && v.stopped == -1 && v.values[2][0] == 3)
    }

    @Test("a text column with more levels than the walk looks up (a key per record) reads as written")
    func manyLevels() throws {
        // 1,500 keys: past `CSVChunkParser.walkedLevels` (512) the chunk goes record by record.
        #expect(CSVChunkParser.walkedLevels == 512)
        let regions = ["Almaty", "\"Bishkek\"", "Osh"]
        var text = "key,region,x\n"
        var keys: [String] = [], places: [String] = [], xs: [String] = []
        for r in 0..<1500 {
            let key = "p\(1_000_000 + r * 7919 % 1500)", place = regions[r % 3], x = "\(r % 97).\(r % 10)"
            text += "\(key),\(place),\(x)\n"
            keys.append(key)
            places.append(place.replacingOccurrences(of: "\"", with: ""))
            xs.append(x)
        }
        defer { ccsv_set_simd(1) }
        for simd in Self.paths {
            ccsv_set_simd(simd)
            for threads in [1, 2] {
                let table = try read(text, threads: threads)
                guard case .categorical(let codes, let levels) = try table.column(named: "key").values,
                      case .categorical(let placeCodes, let placeLevels) = try table.column(named: "region").values,
                      case .numeric(let values) = try table.column(named: "x").values else {
                    Issue.record("unexpected column kinds")
                    continue
                }
                #expect(codes.map { levels[Int($0)] } == keys, "simd \(simd), \(threads) threads")
                #expect(placeCodes.map { placeLevels[Int($0)] } == places)
                #expect(values.map(\.bitPattern) == xs.map { strtod($0, nil).bitPattern })
            }
        }
    }

    @Test("a file of more text columns than the walk takes (300) reads as written")
    func manyTextColumns() throws {
        #expect(CSVChunkParser.walkedTextColumns == 256)
        let width = 300, rows = 40
        var text = (0..<width).map { "t\($0)" }.joined(separator: ",") + ",x\n"
        for r in 0..<rows { text += (0..<width).map { "L\(($0 + r) % 5)" }.joined(separator: ",") + ",\(r)\n" }
        defer { ccsv_set_simd(1) }
        for simd in Self.paths {
            ccsv_set_simd(simd)
            let table = try read(text, threads: 1)
            for j in [0, 137, 299] {
                guard case .categorical(let codes, let levels) = try table.column(named: "t\(j)").values else {
                    Issue.record("t\(j): expected text")
                    continue
                }
                #expect(codes.map { levels[Int($0)] } == (0..<rows).map { "L\((j + $0) % 5)" }, "t\(j), simd \(simd)")
            }
            #expect(try table.column(named: "x").values == .numeric((0..<rows).map(Double.init)))
        }
    }

    @Test("seeded random files of text and numbers read the same with the SIMD paths on and off, as written",
          arguments: [(UInt64(101), false), (202, false), (303, true)])
    func randomMixedFiles(seed: UInt64, lateText: Bool) throws {
        // Text columns (quoted or not) known from the first record, among numeric ones; levels
        // with blanks, points, commas inside quotes, UTF-8, 32 and 40 bytes, missing cells (empty,
        // NA, "NA"), CRLF on some records. `lateText`: one more column is missing in the first
        // records and text later (its codes kept as doubles: no record walk after that).
        var g = SplitMix64(seed: seed)
        let width = 7
        let textColumns: Set<Int> = [1, 4]
        // (raw cell, the level the reader must give it: nil for missing)
        let pool: [(String, String?)] = [
            ("Almaty", "Almaty"), ("Bishkek", "Bishkek"), ("\"Very favorable\"", "Very favorable"),
            ("\"Somewhat Agree\"", "Somewhat Agree"), ("\"Somewhat Bgree\"", "Somewhat Bgree"),
            ("St. Petersburg", "St. Petersburg"), ("\"Yes, often\"", "Yes, often"), (" padded ", "padded"),
            ("\"  spaced  \"", "  spaced  "), ("Қазақстан", "Қазақстан"), ("12", "12"),
            (String(repeating: "r", count: 32), String(repeating: "r", count: 32)),
            (String(repeating: "s", count: 40), String(repeating: "s", count: 40)),
            ("", nil), ("NA", nil), ("\"NA\"", nil),
        ]
        var numbers = [[String]](repeating: [], count: width)
        var texts = [[String?]](repeating: [], count: width)
        var text = (0..<width).map { "v\($0)" }.joined(separator: ",") + (lateText ? ",late" : "") + "\n"
        var late: [String?] = []
        for r in 0..<2500 {
            var cells: [String] = []
            for j in 0..<width {
                if textColumns.contains(j) {
                    // The first record's cells are text; later ones mostly the common levels.
                    let k = r == 0 ? j % 3 : (g.next() % 4 == 0 ? Int(g.next() % UInt64(pool.count)) : Int(g.next() % 3))
                    cells.append(pool[k].0)
                    texts[j].append(pool[k].1)
                } else {
                    let digits = 1 + Int(g.next() % 12)
                    let missing = g.next() % 150 == 0
                    let cell = missing ? "" : number(digits: digits, point: Int(g.next() % UInt64(digits + 1)),
                                                     sign: ["", "-"][Int(g.next() % 2)])
                    cells.append(cell)
                    numbers[j].append(cell)
                }
            }
            if lateText {
                let level: String? = r < 40 ? nil : ["late-a", "late-b"][Int(g.next() % 2)]
                cells.append(level ?? "")
                late.append(level)
            }
            text += cells.joined(separator: ",") + (g.next() % 20 == 0 ? "\r\n" : "\n")
        }
        defer { ccsv_set_simd(1) }
        for simd in Self.paths {
            ccsv_set_simd(simd)
            for threads in [1, 2] {
                let table = try read(text, threads: threads)
                for j in 0..<width {
                    let column = try table.column(named: "v\(j)")
                    if textColumns.contains(j) {
                        guard case .categorical(let codes, let levels) = column.values else {
                            Issue.record("v\(j): expected text")
                            continue
                        }
                        let read = codes.map { $0 < 0 ? nil : levels[Int($0)] }
                        #expect(read == texts[j], "v\(j), simd \(simd), \(threads) threads")
                    } else {
                        guard case .numeric(let values) = column.values else {
                            Issue.record("v\(j): expected numbers")
                            continue
                        }
                        let want = numbers[j].map { $0.isEmpty ? Double.nan : strtod($0, nil) }
                        #expect(values.map(\.bitPattern) == want.map(\.bitPattern), "v\(j), simd \(simd), \(threads) threads")
                    }
                }
                if lateText, case .categorical(let codes, let levels) = try table.column(named: "late").values {
                    #expect(codes.map { $0 < 0 ? nil : levels[Int($0)] } == late)
                } else if lateText {
                    Issue.record("late: expected text")
                }
            }
        }
    }
}
