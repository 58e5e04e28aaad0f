import Foundation
import Testing
import Survey
@testable import SurveyData

/// CSV parsing rules (RFC 4180 cases written out by hand; expected values are the literal cell
/// contents of the inputs shown).
@Suite("CSV reader")
struct CSVReaderTests {
    func read(_ text: String, chunk: Int = 1 << 16, separator: CSVReader.Separator = .comma) throws -> Table {
        try CSVReader(separator: separator, chunkSize: chunk).read(bytes: Array(text.utf8), name: "t.csv")
    }

    func levels(_ c: Column) -> [String] {
        if case .categorical(_, let l) = c.values { return l }
        return []
    }

    func codes(_ c: Column) -> [Int32] {
        if case .categorical(let k, _) = c.values { return k }
        return []
    }

    /// Table equality with NaN equal to NaN (missing numeric cells).
    func sameContent(_ a: Table, _ b: Table) -> Bool {
        guard a.columnNames == b.columnNames, a.rowCount == b.rowCount else { return false }
        for (x, y) in zip(a.columns, b.columns) {
            switch (x.values, y.values) {
            case (.numeric(let u), .numeric(let v)):
                if !u.elementsEqual(v, by: { $0 == $1 || ($0.isNaN && $1.isNaN) }) { return false }
            default:
                if x.values != y.values { return false }
            }
        }
        return true
    }

    @Test("types, missing values, first-seen level order")
    func basics() throws {
        let t = try read("id,region,score\n1,North,2.5\n2,South,NA\n3,,-1e3\n4,North,\n")
        #expect(t.rowCount == 4)
        #expect(t.columnNames == ["id", "region", "score"])
        #expect(try t.numeric("id") == [1, 2, 3, 4])
        let score = try t.numeric("score")
        #expect(score[0] == 2.5 && score[1].isNaN && score[2] == -1000 && score[3].isNaN)
        let region = try t.column(named: "region")
        #expect(levels(region) == ["North", "South"])
        #expect(codes(region) == [0, 1, -1, 0])
    }

    @Test("quoting: commas, doubled quotes, line breaks, CRLF, BOM, spaces")
    func quoting() throws {
        let text = "\u{FEFF}name,note,x\r\n\"Smith, J\",\"said \"\"hi\"\"\",1\r\n\"a\nb\", plain ,\" 2\"\r\n"
        let t = try read(text)
        #expect(t.columnNames == ["name", "note", "x"])
        #expect(levels(try t.column(named: "name")) == ["Smith, J", "a\nb"])
        #expect(levels(try t.column(named: "note")) == ["said \"hi\"", "plain"])
        // Quoted text is kept verbatim, so " 2" (with its space) is not a number: x is categorical.
        #expect(levels(try t.column(named: "x")) == ["1", " 2"])
    }

    @Test("every chunk size gives the same table (records cut at chunk ends)")
    func chunkBoundaries() throws {
        let text = "a,b,c\n1,\"x,\"\"y\"\"\nz\",3.25\r\n\n4,w,NA\n5,\"\",6\n7,v,8"
        let reference = try read(text)
        #expect(reference.rowCount == 4)
        for chunk in 8...40 {
            #expect(sameContent(try read(text, chunk: chunk), reference), "chunk \(chunk)")
        }
    }

    @Test("a column that turns categorical late keeps the text of its early numbers")
    func lateSwitch() throws {
        var text = "v,w\n"
        for i in 0..<500 { text += "\(i % 3).0,\(i)\n" }
        text += "n/a,500\n1,501\n"
        let t = try read(text, chunk: 64)
        let v = try t.column(named: "v")
        // First-seen order over the whole file: "0.0", "1.0", "2.0", then "n/a", then "1".
        #expect(levels(v) == ["0.0", "1.0", "2.0", "n/a", "1"])
        #expect(Array(codes(v).prefix(4)) == [0, 1, 2, 0])
        #expect(Array(codes(v).suffix(2)) == [3, 4])
        #expect(v.firstNonNumeric == CellLocation(line: 502, text: "n/a", file: "t.csv"))
        #expect(try t.numeric("w").count == 502)
    }

    @Test("numbers are correctly rounded (reference: Swift's Double(String))")
    func numberParsing() throws {
        let samples = ["0", "-0", "1", "+7", ".5", "5.", "1e5", "1E-5", "2.930000066757202", "33.84699630737305",
                       "0.1", "123456789012345678901234.0", "1.7976931348623157e308", "4.9e-324", "0.000000000000000000000000001",
                       "9007199254740993.0", "9007199254740992", "-9007199254740992", "-6.860120914", "1e22", "1e23", "8.5e-5"]
        for s in samples {
            let parsed = Array(s.utf8).withUnsafeBufferPointer { parseNumber($0) }
            #expect(parsed == .number(Double(s) ?? .nan), "\(s)")
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let mantissa = Int64.random(in: -999_999_999_999_999_999...999_999_999_999_999_999, using: &generator)
            let s = "\(mantissa)e\(Int.random(in: -40...40, using: &generator))"
            let parsed = Array(s.utf8).withUnsafeBufferPointer { parseNumber($0) }
            #expect(parsed == .number(Double(s) ?? .nan), "\(s)")
        }
        // An integer above 2⁵³ is text (an identifier a double cannot hold exactly); the same
        // digits with a decimal point or an exponent are a number.
        for s in ["", "-", ".", "e5", "1e", "1.2.3", "12abc", "0x10", "1,5", "9007199254740993", "-9007199254740993",
                  "123456789012345678901234", "12345678901234567890", "00000000000000000000012345678901234567890"] {
            #expect(Array(s.utf8).withUnsafeBufferPointer { parseNumber($0) } == .text, "\(s)")
        }
        for s in ["NaN", "nan", "Inf", "-Inf", "+infinity", "1e999"] {
            #expect(Array(s.utf8).withUnsafeBufferPointer { parseNumber($0) } == .nonFinite, "\(s)")
        }
    }

    @Test("empty header names are V<n>; header-only files have zero rows")
    func headerShapes() throws {
        let t = try read("\"\",x\n\"1\",2\n")
        #expect(t.columnNames == ["V1", "x"])
        let empty = try read("a,b\n")
        #expect(empty.rowCount == 0 && empty.columnNames == ["a", "b"])
    }

    @Test("semicolon and tab files through TableReader (separator detected from the header line)")
    func otherDelimiters() throws {
        for (text, name) in [("a;b\n1,5;x\n2;y\n", "semi.csv"), ("a\tb\n1.5\tx\n2\ty\n", "tab.tsv")] {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("barometer-\(getpid())-\(name)")
            try Data(text.utf8).write(to: url)
            defer { try? FileManager.default.removeItem(at: url) }
            let t = try TableReader.read(path: url.path)
            #expect(t.columnNames == ["a", "b"])
            #expect(levels(try t.column(named: "b")) == ["x", "y"])
            #expect(t.rowCount == 2)
        }
    }

    @Test("whitespace files: # comments, names from the comment (NIST StRD layout)")
    func whitespace() throws {
        let text = "# Demo: columns y x (3 observations)\n 1.5   2\n\t3 4 # trailing\n\n5e-1 6\n"
        let t = try read(text, separator: .whitespace)
        #expect(t.columnNames == ["y", "x"])
        #expect(try t.numeric("y") == [1.5, 3, 0.5])
        #expect(try t.numeric("x") == [2, 4, 6])
        let plain = try read("1 2\n3 4\n", separator: .whitespace)
        #expect(plain.columnNames == ["V1", "V2"])
        let headed = try read("# c\nyield dose\n1 2\n", separator: .whitespace)
        #expect(headed.columnNames == ["yield", "dose"] && headed.rowCount == 1)
    }

    @Test("NIST StRD Norris.dat reads as 36 rows of y, x")
    func nistFile() throws {
        // Tests/Fixtures/strd/Norris.dat is committed, so this never needs ../shared.
        let url = try #require(SharedData.reference("strd/Norris.dat"))
        let t = try CSVReader(separator: .whitespace).read(path: url.path)
        #expect(t.columnNames == ["y", "x"])
        #expect(t.rowCount == 36)   // NIST: "Number of Observations: 36"
        #expect(try t.numeric("y").first == 0.1)   // first data line of Norris: 0.1 0.2
    }
}

/// Cluster ids of 20 digits stay distinct: as doubles, 12345678901234567890 … 893 are one number
/// and the four PSUs became one (R's `read.csv` does that: svydesign then stops, "Design has only
/// one primary sampling unit"). Read as text, they are four PSUs. R 4.2.2, survey 4.1.1, with
/// `read.csv("ids.csv", colClasses = c("numeric", "numeric", "character"))` and
/// `svymean(~y, svydesign(ids = ~psu, weights = ~w, data = d))`: 3.66666666666667, SE 0.660464981486185.
@Suite("Long integer ids")
struct LongIntegerIDTests {
    static let csv = "w,y,psu\n1,2,12345678901234567890\n2,3,12345678901234567891\n1,4,12345678901234567892\n2,5,12345678901234567893\n"

    @Test("read as text with their exact digits, in the fast and general readers")
    func readAsText() throws {
        for chunk in [16, 1 << 16] {
            let t = try CSVReader(chunkSize: chunk).read(bytes: Array(Self.csv.utf8), name: "ids.csv")
            guard case .categorical(_, let levels) = try t.column(named: "psu").values else {
                Issue.record("psu is not text"); continue
            }
            #expect(levels == (890...893).map { "12345678901234567\($0)" })
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ids-\(UUID().uuidString).csv").path
        try Self.csv.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let t = try TableReader.read(path: path)
        guard case .categorical(_, let levels) = try t.column(named: "psu").values else { Issue.record("psu"); return }
        #expect(levels.count == 4)
        let design = try SurveyDesign(rows: t.rowCount, weights: t.column(named: "w"), clusters: [t.column(named: "psu")])
        let e = try #require(try design.means([t.column(named: "y")]).elements.first)
        #expect(abs(e.value - 3.66666666666667) < 1e-12 && abs(e.standardError - 0.660464981486185) < 1e-12)
        // As a numeric variable: the error says why the digits are text.
        #expect(throws: (any Error).self) { _ = try t.numeric("psu") }
        do { _ = try design.means([t.column(named: "psu")]) } catch {
            #expect("\(error)".contains("more than a number holds exactly"), "\(error)")
        }
    }
}
