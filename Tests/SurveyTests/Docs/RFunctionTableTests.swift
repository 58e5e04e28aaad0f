import Foundation
import Testing
import Survey

/// docs/design-estimation.md, "R `survey` functions": every function R survey 4.1.1 exports
/// (`Tests/Fixtures/rsurvey-extra/exports.R` → `exports.json`) is named in the table, each row's
/// status is one of matches / differs / lacks / n/a (or the row is marked "no R function"), and
/// the counts block beside it — rows per status and the number of R reference cases in the
/// fixtures — is what this test counts (`BAROMETER_WRITE_DOCS=1` rewrites it).
@Suite struct RFunctionTableTests {
    static let doc = "docs/design-estimation.md"

    /// The table's data rows (cells), between the `r-functions` markers.
    static func rows() throws -> [[String]] {
        let block = try #require(GeneratedBlock.committed(doc, "r-functions"), "no r-functions markers in \(doc)")
        return block.split(separator: "\n").map(String.init)
            .filter { $0.hasPrefix("| ") && !$0.hasPrefix("| R `survey`") }
            .map(ClaimsRegister.cellsOf)
    }

    /// A row's status: the first word of its status cell, or "none" for a row with no R function.
    static func status(_ row: [String]) -> String {
        if row[0].contains("no R function") { return "none" }
        return String(row[2].prefix { $0.isLetter || $0 == "/" }).lowercased()
    }

    @Test func everyExportIsInTheTable() throws {
        let json = try CalibrationFixtures.json("exports.json")
        let exports = try #require(json["exports"] as? [String])
        #expect(exports.count == 94)
        var named = Set<String>()
        for row in try Self.rows() {
            var token = ""
            for ch in row[0] + " " {
                if ch.isLetter || ch.isNumber || ch == "_" || ch == "." { token.append(ch); continue }
                if !token.isEmpty { named.insert(token) }
                token = ""
            }
        }
        let missing = exports.filter { !named.contains($0) }
        #expect(missing.isEmpty, "exports not in the table: \(missing)")
        for row in try Self.rows() {
            #expect(["matches", "differs", "lacks", "n/a", "none"].contains(Self.status(row)), "unknown status in \(row)")
            #expect(row.count == 4, "row with \(row.count) cells: \(row)")
        }
    }

    /// R reference cases in the fixtures: each entry of a section whose values are all objects
    /// (`cases`, parity.json's sections, …) is one recorded R call; a section that is one object of
    /// values is one case; `meta` sections and lists are not cases. In `rsurvey/expected.json`,
    /// each `svy…` entry of each design is a case.
    static func referenceCases() throws -> [(file: String, cases: Int)] {
        var out: [(String, Int)] = []
        let extra = SharedData.packageRoot.appendingPathComponent("Tests/Fixtures/rsurvey-extra")
        let files = try FileManager.default.contentsOfDirectory(atPath: extra.path).filter { $0.hasSuffix(".json") && $0 != "exports.json" }
        for name in files.sorted() {
            let json = try CalibrationFixtures.json(name)
            var n = 0
            for (key, value) in json where !key.contains("meta") {
                guard let section = value as? [String: Any] else { continue }
                n += section.values.allSatisfy({ $0 is [String: Any] }) ? section.count : 1
            }
            out.append((name, n))
        }
        let expectedURL = SharedData.packageRoot.appendingPathComponent("Tests/Fixtures/rsurvey/expected.json")
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: expectedURL)) as? [String: Any])
        let designs = try #require(expected["designs"] as? [String: [String: Any]])
        out.append(("../rsurvey/expected.json", designs.values.reduce(0) { $0 + $1.keys.filter { $0.hasPrefix("svy") }.count }))
        return out
    }

    @Test func countsBlockIsCurrent() throws {
        let rows = try Self.rows()
        func count(_ s: String) -> Int { rows.filter { Self.status($0) == s }.count }
        let partial = rows.filter { Self.status($0) == "matches" && $0[2].contains("differ") }.count
        let cases = try Self.referenceCases()
        let total = cases.reduce(0) { $0 + $1.cases }
        let block = """
            - **\(rows.count) rows** (a function, several functions or one option of a function; all 94 exports \
            of survey 4.1.1 named): **\(count("matches")) match** (\(partial) of them differ in part, said in the row), **\(count("differs")) differ**, \
            **\(count("lacks")) lack**, \(count("n/a")) n/a (internal helpers), \(count("none")) with no R function.
            - **\(total) R reference cases** (one recorded R call each) in the fixtures: \
            \(cases.map { "`\($0.file)` \($0.cases)" }.joined(separator: ", ")).

            """
        try GeneratedBlock.verify(block, Self.doc, "r-counts")
    }
}
