import Foundation

/// One row of `docs/claims.md`: a claim quoted from a doc and the test that proves it.
struct ClaimRow: Equatable {
    let doc: String
    let claim: String
    let testFile: String
    let test: String
    let level: String
    /// Line of `docs/claims.md` the row is on (for messages).
    let line: Int
}

/// Parses `docs/claims.md`: the pipe table under "## Register" (cells split on unescaped `|`,
/// `\|` read as `|`) and the list under "## Docs without claims" (`- \`docs/x.md\` — reason`).
enum ClaimsRegister {
    static let path = "docs/claims.md"

    struct Parsed {
        var rows: [ClaimRow] = []
        /// Doc path → reason it has no checkable claim.
        var exempt: [String: String] = [:]
        /// Lines of the register table that do not have five cells.
        var malformed: [Int] = []
    }

    static func parse(_ text: String) -> Parsed {
        var parsed = Parsed()
        var section = ""
        for (i, raw) in text.components(separatedBy: "\n").enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("## ") { section = String(line.dropFirst(3)); continue }
            if section == "Register", line.hasPrefix("|") {
                let cells = cellsOf(line)
                if cells.allSatisfy({ $0.allSatisfy { "-: ".contains($0) } }) || cells.first == "doc" { continue }
                guard cells.count == 5 else { parsed.malformed.append(i + 1); continue }
                parsed.rows.append(ClaimRow(doc: unquote(cells[0]), claim: cells[1], testFile: unquote(cells[2]),
                                            test: unquote(cells[3]), level: cells[4], line: i + 1))
            } else if section == "Docs without claims", line.hasPrefix("- ") {
                let item = line.dropFirst(2)
                guard let dash = item.range(of: " — ") else { parsed.malformed.append(i + 1); continue }
                parsed.exempt[unquote(String(item[..<dash.lowerBound]))] = String(item[dash.upperBound...])
            }
        }
        return parsed
    }

    /// The cells of a `| a | b \| c |` row, trimmed, with `\|` unescaped.
    static func cellsOf(_ line: String) -> [String] {
        var cells: [String] = [], cell = "", escaped = false
        for ch in line {
            if escaped { cell.append(ch == "|" ? "|" : "\\\(ch)"); escaped = false; continue }
            if ch == "\\" { escaped = true; continue }
            if ch == "|" { cells.append(cell); cell = ""; continue }
            cell.append(ch)
        }
        if escaped { cell.append("\\") }
        cells.append(cell)
        return Array(cells.dropFirst().dropLast()).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// A cell written as `` `x` `` (a path or a name) without its backticks.
    static func unquote(_ s: String) -> String {
        s.count >= 2 && s.hasPrefix("`") && s.hasSuffix("`") ? String(s.dropFirst().dropLast()) : s
    }

    /// Runs of whitespace (line breaks of wrapped prose, table padding) become one space.
    static func squash(_ s: String) -> String {
        s.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// How often `phrase` occurs in `text`, whitespace-normalised.
    static func occurrences(of phrase: String, in text: String) -> Int {
        let needle = squash(phrase), hay = squash(text)
        guard !needle.isEmpty else { return 0 }
        var count = 0, from = hay.startIndex
        while let r = hay.range(of: needle, range: from..<hay.endIndex) { count += 1; from = hay.index(after: r.lowerBound) }
        return count
    }

    /// Whether `source` declares a function `name` (`func name(` or `func name<`).
    static func declares(_ source: String, function name: String) -> Bool {
        source.contains("func \(name)(") || source.contains("func \(name)<")
    }
}
