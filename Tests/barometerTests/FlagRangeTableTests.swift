import Foundation
import Testing
@testable import barometer

/// docs/hostile-input.md "Numeric flags": the table of accepted ranges is read from the doc and
/// every row is checked at its edges on every command it names: a closed end and an integer
/// range's ends are accepted, an open end and the integers just outside are refused (exit 2,
/// message naming the flag and "must be"). So the table cannot drift from what `FlagRange` does.
@Suite struct FlagRangeTableTests {
    struct Row { let flag: String; let commands: [String]; let accepted: String }

    static func rows() throws -> [Row] {
        let text = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/hostile-input.md"), encoding: .utf8)
        guard let start = text.range(of: "| flag | commands | accepted |") else { return [] }
        var out: [Row] = []
        for line in text[start.upperBound...].split(separator: "\n").dropFirst() {
            guard line.hasPrefix("|") else { break }
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 3 else { continue }
            let flag = cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            // "overview / chart" with "20–10,000 / 12–10,000": one range per command.
            let commandGroups = cells[1].components(separatedBy: " / "), ranges = cells[2].components(separatedBy: " / ")
            for (k, group) in commandGroups.enumerated() {
                let commands = group.components(separatedBy: ", ")
                out.append(Row(flag: flag, commands: commands, accepted: ranges[min(k, ranges.count - 1)]))
            }
        }
        return out
    }

    /// (value, accepted?) pairs at the edges of a range as the table writes it.
    static func edges(_ accepted: String) -> [(String, Bool)]? {
        if accepted == "any 64-bit unsigned integer" {
            return [("0", true), ("18446744073709551615", true), ("18446744073709551616", false)]
        }
        let plain = accepted.replacingOccurrences(of: ",", with: "")
        if let open = plain.first, "([".contains(open), let close = plain.last, ")]".contains(close) {
            let ends = plain.dropFirst().dropLast().components(separatedBy: " ")
            guard ends.count == 2, let lo = Double(ends[0]), let hi = Double(ends[1]) else { return nil }
            return [(ends[0], open == "["), (ends[1], close == "]"), ("\((lo + hi) / 2)", true),
                    ("\(lo - 1)", false), ("\(hi + 1)", false)]
        }
        let ends = plain.components(separatedBy: "–")
        guard ends.count == 2, let lo = Int(ends[0]), let hi = Int(ends[1]) else { return nil }
        return [("\(lo)", true), ("\(hi)", true), ("\(lo - 1)", false), ("\(hi + 1)", false)]
    }

    @Test func everyRowHoldsAtItsEdges() throws {
        let rows = try Self.rows()
        #expect(rows.count >= 13, "read \(rows.count) rows of the flag table")
        for row in rows {
            let edges = try #require(Self.edges(row.accepted), "\(row.flag): cannot read range '\(row.accepted)'")
            for command in row.commands {
                let base = try #require(NumericFlagSweepTests.bases[command], "\(row.flag): no command '\(command)'")
                let args = Array(base.dropFirst(command.split(separator: " ").count)) + NumericFlagSweepTests.context(command, row.flag)
                for (value, ok) in edges {
                    let (code, message) = NumericFlagSweepTests.parse(command, args + ["\(row.flag)=\(value)"])
                    if ok {
                        #expect(code == 0, "\(command) \(row.flag)=\(value) refused: \(message)")
                    } else {
                        #expect(code == 2 && message.contains(row.flag), "\(command) \(row.flag)=\(value) accepted (\(message))")
                    }
                }
            }
        }
    }
}
