import Foundation
import Testing
import Survey

/// Every CSV error path: the message must name the file and, where it applies, the line and
/// column (line numbers counted by hand in the inputs below).
@Suite("CSV errors")
struct CSVErrorTests {
    func error(_ text: String, separator: CSVReader.Separator = .comma) -> DataError? {
        do {
            _ = try CSVReader(separator: separator, chunkSize: 16).read(bytes: Array(text.utf8), name: "bad.csv")
            return nil
        } catch {
            return error
        }
    }

    @Test("ragged row: line and expected vs found field count")
    func ragged() throws {
        // Line 3 holds a quoted line break, so the short record starts on line 5.
        let e = try #require(error("a,b,c\n1,2,3\n4,\"x\ny\",6\n7,8\n"))
        #expect(e.file == "bad.csv" && e.line == 5)
        #expect(e.description.contains("expected 3 fields separated by commas") && e.description.contains("found 2"))
        #expect(e.description.hasPrefix("bad.csv:5:"))
    }

    @Test("ragged row in a tab- or semicolon-separated file: the error names the separator it detected")
    func raggedNamesSeparator() throws {
        for (separator, name) in [("\t", "tabs"), (";", "semicolons")] {
            let text = ["w", "y", "z"].joined(separator: separator) + "\n" + ["1", "2", "3"].joined(separator: separator) + "\n1" + separator + "2\n"
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("ragged-\(UUID().uuidString).txt").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: path) }
            do {
                _ = try TableReader.read(path: path)
                Issue.record("\(name): read a ragged file")
            } catch {
                #expect(error.line == 3 && error.description.contains("expected 3 fields separated by \(name) (as in the header) but found 2"),
                        "\(error)")
            }
        }
    }

    @Test("NaN or Inf in a numeric column: file, line, column, text")
    func nonFinite() throws {
        let e = try #require(error("x,y\n1,2\n3,Inf\n4,5\n"))
        #expect(e.file == "bad.csv" && e.line == 3 && e.column == "y")
        #expect(e.description.contains("'Inf'"))
        let n = try #require(error("x\n1\nNaN\n"))
        #expect(n.line == 3 && n.column == "x")
        let big = try #require(error("x\n1e999\n"))
        #expect(big.line == 2)
        // In a categorical column the same words are ordinary levels.
        let t = try CSVReader().read(bytes: Array("x\nInf\nhigh\n".utf8), name: "ok.csv")
        #expect(t.columns[0].isNumeric == false)
    }

    @Test("non-numeric cell in a column used as numeric: file, line, column, text")
    func nonNumeric() throws {
        let t = try CSVReader(chunkSize: 16).read(bytes: Array("id,age\n1,34\n2,41\n3,forty\n4,NA\n".utf8), name: "survey.csv")
        do {
            _ = try t.numeric("age")
            Issue.record("expected an error")
        } catch {
            #expect(error.file == "survey.csv" && error.line == 4 && error.column == "age")
            #expect(error.description.contains("'forty'"))
            #expect(error.description.hasPrefix("survey.csv:4: column age:"))
        }
    }

    @Test("a text column asked for as numeric names its first cell")
    func textColumn() throws {
        let t = try CSVReader().read(bytes: Array("region,n\nNA\t,1\nNorth,2\n".utf8), name: "r.csv")
        do {
            _ = try t.numeric("region")
            Issue.record("expected an error")
        } catch {
            #expect(error.file == "r.csv" && error.line == 3 && error.column == "region")
            #expect(error.description.contains("'North'"))
        }
    }

    @Test("empty file, comments only, missing file, directory")
    func emptyAndMissing() throws {
        let e = try #require(error(""))
        #expect(e.file == "bad.csv" && e.description.contains("empty"))
        let c = try #require(error("# only a comment\n\n", separator: .whitespace))
        #expect(c.description.contains("no header"))
        do {
            _ = try CSVReader().read(path: "/nonexistent/dir/data.csv")
            Issue.record("expected an error")
        } catch {
            #expect(error.file == "/nonexistent/dir/data.csv")
            #expect(error.description.contains("cannot open"))
        }
        do {
            _ = try CSVReader().read(path: NSTemporaryDirectory())
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("directory"))
        }
    }

    @Test("duplicate header names: both columns named")
    func duplicateHeader() throws {
        let e = try #require(error("a,b,a\n1,2,3\n"))
        #expect(e.line == 1 && e.column == "3")
        #expect(e.description.contains("'a' appears twice") && e.description.contains("columns 1 and 3"))
    }

    @Test("unterminated quote names the line it opened on; text after a closing quote")
    func quotes() throws {
        let e = try #require(error("a,b\n1,2\n3,\"open\n4,5\n"))
        #expect(e.line == 3 && e.column == "2")
        #expect(e.description.contains("never closed"))
        let after = try #require(error("a,b\n1,\"x\"y\n"))
        #expect(after.line == 2 && after.column == "2")
        #expect(after.description.contains("closing quote"))
    }
}
