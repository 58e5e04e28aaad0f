import Foundation
import Testing
import Survey
@testable import SurveySeries

/// Issue 16 item 3: does the evidence in the wave 8/12 files support E1a/E1b/E1c =
/// China/Russia/US? For each file, the items naming countries are found in the file
/// (`CABItemEvidence`), and the test asserts that of the six ways to assign China, Russia and the
/// US to E1a/E1b/E1c, the codebook's assignment is the one under which naming a country moves its
/// own item most (largest total |difference|), and that it is the largest single move in most
/// item × country cells. A file where only one country is named by 30 or more respondents
/// (Turkmenistan 2022: only Russia) cannot tell the other two apart and is reported, not asserted. The table in docs/cab-waves.md is this test's output
/// (`BAROMETER_WRITE_DOCS=1` rewrites it). Needs the microdata.
@Suite(.enabled(if: SharedData.cabMicrodata != nil, "needs ../shared/data/cab-microdata (CAB files are not redistributable)"))
struct CABItemEvidenceTests {
    static let files = ["CAB_2020_KG.xlsx", "CAB_2020_KZ.xlsx", "CAB_2020_TJ.xlsx", "CAB_2020_UZ.xlsx",
                        "CAB_2022_KG.xlsx", "CAB_2022_KZ.xlsx", "CAB_2022_TJ.xlsx", "CAB_2022_TM.xlsx", "CAB_2022_UZ.xlsx"]

    @Test func namingACountryMovesItsOwnItem() throws {
        let dir = try #require(SharedData.cabMicrodata)
        let codebook = try CABCodebook.builtIn()
        var block = ""
        for name in Self.files {
            let file = try CABFile(table: try TableReader.read(path: dir.appendingPathComponent(name).path), path: name, codebook: codebook)
            let mapped = Dictionary(uniqueKeysWithValues: file.wave.items.map { ($0.target, $0.variable) })
            let variables = file.wave.items.map(\.variable)
            let rows = try CABItemEvidence.rows(for: file, codebook: codebook)
            block += "\n**\(name)** (wave \(file.wave.number), \(Countries.name(file.country)))"
            if rows.isEmpty {
                block += ": E1 items not asked; no evidence.\n"
                continue
            }
            block += "\n\n| item | country named | n naming | " + variables.joined(separator: " | ") + " | largest move |\n"
            block += "|---|---|---:|" + String(repeating: "---:|", count: variables.count) + "---|\n"
            var supporting = 0
            for r in rows {
                let largest = variables.max { abs(r.difference[$0] ?? 0) < abs(r.difference[$1] ?? 0) } ?? ""
                if largest == mapped[r.country] { supporting += 1 }
                let cells = variables.map { String(format: "%+.1f", r.difference[$0] ?? .nan) }
                block += "| \(r.item) | \(r.country) | \(r.naming) | " + cells.joined(separator: " | ")
                    + " | \(largest)\(largest == mapped[r.country] ? "" : " (not its own)") |\n"
            }
            // The six assignments of the targets to E1a/E1b/E1c: the codebook's must score highest.
            let targets = file.wave.items.map(\.target)
            func score(_ assignment: [String: String]) -> Double {
                rows.reduce(0) { $0 + abs($1.difference[assignment[$1.country] ?? ""] ?? 0) }
            }
            let own = score(mapped)
            var others: [Double] = []
            for p in Self.permutations(variables) where p != variables {
                others.append(score(Dictionary(uniqueKeysWithValues: zip(targets, p))))
            }
            let countries = Set(rows.map(\.country)).sorted()
            if countries.count < 2 {
                // One country named: the other two targets cannot be told apart (ties); not asserted.
                block += "\nOnly \(countries.joined(separator: ", ")) is named by at least 30 respondents: inconclusive for the "
                    + "mapping (not asserted); \(supporting) of \(rows.count) cells move their own item most.\n"
                continue
            }
            #expect(others.allSatisfy { $0 < own }, "\(name): codebook assignment \(own) vs others \(others)")
            #expect(2 * supporting > rows.count, "\(name): only \(supporting) of \(rows.count) cells move their own item most")
            block += "\n\(supporting) of \(rows.count) cells move their own item most; summed |difference| under the codebook's "
                + "assignment \(String(format: "%.0f", own)) points, under the best other of the five "
                + "\(String(format: "%.0f", others.max() ?? 0)).\n"
        }
        try GeneratedBlock.verify(block, "docs/cab-waves.md", "item-evidence")
    }

    static func permutations(_ a: [String]) -> [[String]] {
        guard a.count > 1 else { return [a] }
        return a.indices.flatMap { i -> [[String]] in
            var rest = a
            let x = rest.remove(at: i)
            return permutations(rest).map { [x] + $0 }
        }
    }
}
