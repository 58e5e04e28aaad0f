import Foundation
import PropertyBased
import Testing
import Survey
@testable import SurveySeries

/// Property-based round trips for the readers (issue 11 item 8, x-sheep/swift-property-based):
/// random tables written by the project's writers (CSV: `Table.csvData`; XLSX: the test-support
/// `StoredZip` workbook; series CSV: `SeriesFile.csvText`) read back equal. Text cells mix the
/// characters that break naive readers — commas, quotes, line breaks, tabs, semicolons, Cyrillic,
/// CJK, emoji; numbers span integers, tiny and large magnitudes at full precision, and missing.
@Suite struct ReaderRoundTripPropertyTests {
    /// One random record: two numeric cells and two text cells, any of them missing (nil).
    typealias Row = (Double?, Double, String?, String?)

    /// Characters for text cells ("\r\n" is one Character).
    static let tricky: [Character] = Array("ab Z,\";'\t\nÉéЖжЁ日本🙂&<>|") + ["\r\n"]

    /// Text that reads back as text: starts and ends with a letter (never empty, never a number,
    /// never NA), with anything between.
    static let trickyCharacter: Generator<Character, some SendableSequenceType> = Gen.element(of: tricky).map { $0 ?? "a" }
    static let letter: Generator<Character, some SendableSequenceType> = Gen.element(of: Array("kqЖ")).map { $0 ?? "k" }
    static let text: Generator<String, some SendableSequenceType> = zip(letter, trickyCharacter.string(of: 0...8))
        .map { first, middle in String(first) + middle + "x" }

    /// Numbers across magnitudes, each exactly representable in shortest round-trip form.
    static let wide: Generator<Double, some SendableSequenceType> = Gen.double(in: -1e9...1e9)
    static let tiny: Generator<Double, some SendableSequenceType> = Gen.double(in: -1e-6...1e-6)
    static let whole: Generator<Double, some SendableSequenceType> = Gen.int(in: -100_000...100_000).map { Double($0) }
    static let number: Generator<Double, some SendableSequenceType> = Gen<Double>.oneOf(wide, tiny, whole)

    static let rows: Generator<[Row], some SendableSequenceType> =
        zip(number.optional(), number, text.optional(), text.optional()).array(of: 1...25)

    /// The rows as a table with columns `x`, `y`, `s`, `t` (missing: NaN or code -1).
    static func table(_ rows: [Row]) throws -> Table {
        func categorical(_ name: String, _ cells: [String?]) -> Column {
            var levels: [String] = [], index: [String: Int32] = [:]
            let codes = cells.map { cell -> Int32 in
                guard let cell else { return -1 }
                if let k = index[cell] { return k }
                index[cell] = Int32(levels.count)
                levels.append(cell)
                return Int32(levels.count - 1)
            }
            return Column(name: name, values: .categorical(codes: codes, levels: levels))
        }
        return try Table(columns: [
            Column(name: "x", values: .numeric(rows.map { $0.0 ?? .nan })),
            Column(name: "y", values: .numeric(rows.map(\.1))),
            categorical("s", rows.map(\.2)), categorical("t", rows.map(\.3)),
        ])
    }

    /// Whether `back` holds exactly the cells of `rows` (a column of only missing text may read
    /// back as numeric NaN: both mean "no value").
    static func matches(_ back: Table, _ rows: [Row]) throws -> Bool {
        guard back.columnNames == ["x", "y", "s", "t"], back.rowCount == rows.count else { return false }
        let x = try back.numeric("x"), y = try back.numeric("y")
        let s = try back.column(named: "s"), t = try back.column(named: "t")
        return rows.indices.allSatisfy { i in
            (rows[i].0.map { x[i] == $0 } ?? x[i].isNaN) && y[i] == rows[i].1
                && s.text(at: i) == rows[i].2 && t.text(at: i) == rows[i].3
        }
    }

    @Test func csvWrittenThenReadIsEqual() async throws {
        await propertyCheck(count: 150, input: Self.rows) { rows in
            let table = try Self.table(rows)
            for chunk in [64, 1 << 16] {  // records crossing chunk boundaries, and not
                let back = try CSVReader(chunkSize: chunk).read(bytes: [UInt8](table.csvData()), name: "round.csv")
                #expect(try Self.matches(back, rows), "chunk \(chunk)")
            }
        }
    }

    /// XML text with the five markup characters escaped.
    static func escaped(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// The rows as a one-sheet workbook: numbers as `<v>` in shortest round-trip form, text as
    /// inline strings, missing cells left out (as Excel does).
    static func workbook(_ rows: [Row]) -> [UInt8] {
        func cell(_ ref: String, _ value: Any?) -> String {
            switch value {
            case let d as Double: return #"<c r="\#(ref)"><v>\#(d)</v></c>"#
            case let s as String: return #"<c r="\#(ref)" t="inlineStr"><is><t xml:space="preserve">\#(escaped(s))</t></is></c>"#
            default: return ""
            }
        }
        var xml = #"<worksheet><sheetData><row r="1">"# + zip(["A", "B", "C", "D"], ["x", "y", "s", "t"])
            .map { cell("\($0)1", $1) }.joined() + "</row>"
        for (i, r) in rows.enumerated() {
            let n = i + 2
            xml += #"<row r="\#(n)">"# + cell("A\(n)", r.0) + cell("B\(n)", r.1) + cell("C\(n)", r.2) + cell("D\(n)", r.3) + "</row>"
        }
        return StoredZip.workbook(sheetXML: xml + "</sheetData></worksheet>")
    }

    @Test func xlsxWrittenThenReadIsEqual() async throws {
        // XML normalizes bare CR, so workbook text keeps to LF line breaks.
        await propertyCheck(count: 60, input: Self.rows) { rows in
            let rows = rows.map { r in (r.0, r.1, r.2?.replacingOccurrences(of: "\r\n", with: "\n"),
                                        r.3?.replacingOccurrences(of: "\r\n", with: "\n")) }
            let path = try StoredZip.temporaryFile(Self.workbook(rows))
            defer { try? FileManager.default.removeItem(atPath: path) }
            #expect(try Self.matches(try XLSXReader.read(path: path), rows))
        }
    }

    /// A share in micro-units (six decimals, as the series format writes them).
    static let share: Generator<Double, some SendableSequenceType> = Gen.int(in: 0...1_000_000).map { Double($0) / 1e6 }
    static let field: Generator<String, some SendableSequenceType> = trickyCharacter.string(of: 1...6)
        .map { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? "v" : $0 }
    static let sourceID: Generator<String, some SendableSequenceType> = Gen.element(of: ["s1", "s2"]).map { $0 ?? "s1" }
    static let deff: Generator<Double, some SendableSequenceType> = Gen.int(in: 1...99_999).map { Double($0) / 1e4 }
    static let keys: Generator<(String, String, String, String), some SendableSequenceType> = zip(field, field, field, sourceID)
    static let numbers: Generator<(Double, Double, Double, Double?), some SendableSequenceType> = zip(share, share, share, share.optional())
    static let rest: Generator<(Int, Int, Int?, Double?), some SendableSequenceType> =
        zip(Gen.int(in: 1900...2100), Gen.int(in: 1...12), Gen.int(in: 1...100_000).optional(), deff.optional())

    /// Random observations: tricky key fields, estimates inside their intervals, optional SE, n
    /// and design effect, dates 1900–2100, two sources with tricky citations.
    static let observations: Generator<[Observation], some SendableSequenceType> = zip(keys, numbers, rest).map { keys, numbers, rest in
        let sorted = [numbers.0, numbers.1, numbers.2].sorted()
        return Observation(
            dataset: keys.0, country: keys.1, target: keys.2, item: "item, \"q\"", wave: "\(rest.0)",
            date: String(format: "%04d-%02d", rest.0, rest.1), measure: "favorable", estimate: sorted[1], se: numbers.3,
            ciLower: sorted[0], ciUpper: sorted[2], n: rest.2, deff: rest.3, sourceID: keys.3)
    }.array(of: 1...12)

    @Test func seriesCSVWrittenThenReadIsEqual() async throws {
        await propertyCheck(count: 100, input: Self.observations, Self.field, Self.field) { observations, c1, c2 in
            let references = [
                "s1": SourceReference(id: "s1", citation: "A, \"" + c1 + "\"", url: "https://example.org/a"),
                "s2": SourceReference(id: "s2", citation: c2, url: nil),
            ]
            // One reference per source, in order of first appearance (as the reader lists them).
            var ids: [String] = []
            for o in observations where !ids.contains(o.sourceID) { ids.append(o.sourceID) }
            let file = SeriesFile(observations: observations, sources: ids.compactMap { references[$0] })
            let back = try SeriesFile.parse(try file.csvText(), file: "round.csv")
            #expect(back == file)
        }
    }
}

/// The case the series round trip found: "\r\n" is one Swift Character, equal to neither "\r"
/// nor "\n", so a field holding it was written unquoted and the reader dropped it (a field that
/// started with it lost it silently; one with it inside split the record).
@Suite struct CSVRecordsCRLFTests {
    @Test func fieldWithCRLFIsQuotedAndReadBack() throws {
        #expect(CSVRecords.escape("a\r\nb") == "\"a\r\nb\"")
        let records = try CSVRecords.parse(CSVRecords.line(["\r\nx", "a\r\nb", "c"]))
        #expect(records.map(\.fields) == [["\r\nx", "a\r\nb", "c"]])
    }
}
