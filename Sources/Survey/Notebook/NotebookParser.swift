/// Parses markdown into a `NotebookDocument`, following CommonMark's fence rules closely enough
/// for notebooks: a fence is 3+ backticks or tildes indented at most 3 spaces, closed by a line of
/// the same character at least as long with nothing else on it.
public enum NotebookParser {
    /// Parses `text`; `file` is used in error messages only.
    public static func parse(_ text: String, file: String) throws(NotebookError) -> NotebookDocument {
        let lines = splitLines(text)
        var segments: [NotebookDocument.Segment] = []
        var prose = ""
        var i = 0
        while i < lines.count {
            guard let open = fenceOpening(lines[i].content) else {
                // A barometer fence in a quote (`> ```barometer`) or indented 4 or more spaces is
                // not a block here, and was skipped without a word: `check` said "current" for a
                // command that never ran.
                let inner = lines[i].content.drop { $0 == " " || $0 == ">" || $0 == "\t" }
                if let nested = fenceOpening(String(inner)),
                   nested.info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first == "barometer" {
                    throw NotebookError(
                        file: file, line: i + 1, message: "a barometer block inside a quote or indented 4 or more spaces is "
                            + "not run; start its fence at most 3 spaces from the margin, outside any quote")
                }
                prose += lines[i].raw
                i += 1
                continue
            }
            let close = try findClose(lines, from: i + 1, fence: open.fence, file: file, openLine: i + 1)
            let words = open.info.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            if open.info == "output" {
                throw NotebookError(
                    file: file, line: i + 1, message: "output block with no barometer block before it (an output block "
                        + "follows its command block, separated by blank lines at most)")
            }
            guard words.first == "barometer" else {
                for k in i...close { prose += lines[k].raw }
                i = close + 1
                continue
            }
            var block = CommandBlock(
                line: i + 1, raw: lines[i...close].map(\.raw).joined(), indent: Self.indent(lines[i].content),
                commands: commandLines(lines, from: i + 1, to: close),
                tolerance: try tolerance(words.dropFirst(), file: file, line: i + 1),
                gap: "", storedOutput: nil, outputRaw: nil, outputLine: nil)
            // The output block may follow after blank lines.
            var j = close + 1
            var gap = ""
            while j < lines.count, lines[j].content.trimmingWhitespace().isEmpty {
                gap += lines[j].raw
                j += 1
            }
            if j < lines.count, let out = fenceOpening(lines[j].content), out.info == "output" {
                let outClose = try findClose(lines, from: j + 1, fence: out.fence, file: file, openLine: j + 1)
                block.gap = gap
                // Inside a list item the block is indented: its lines lose the fence's indentation
                // (at most that many spaces each), as CommonMark reads an indented fence.
                let indent = Self.indent(lines[j].content)
                block.storedOutput = lines[(j + 1)..<outClose].map { Self.dedent($0.content, by: indent) + "\n" }.joined()
                block.outputRaw = gap + lines[j...outClose].map(\.raw).joined()
                block.outputLine = j + 1
                i = outClose + 1
            } else {
                i = close + 1
            }
            if !prose.isEmpty { segments.append(.prose(prose)) }
            prose = ""
            segments.append(.command(block))
        }
        if !prose.isEmpty { segments.append(.prose(prose)) }
        return NotebookDocument(segments: segments, lineEnding: lines.first?.terminator == "\r\n" ? "\r\n" : "\n")
    }

    /// Non-blank, non-comment lines strictly between the fences.
    static func commandLines(_ lines: [Line], from start: Int, to end: Int) -> [CommandBlock.Command] {
        (start..<end).compactMap { k in
            let t = lines[k].content.trimmingWhitespace()
            return t.isEmpty || t.hasPrefix("#") ? nil : CommandBlock.Command(line: k + 1, text: t)
        }
    }

    /// The `tolerance=` attribute, if any; other attributes are errors.
    static func tolerance(_ attributes: ArraySlice<String>, file: String, line: Int) throws(NotebookError) -> Double? {
        var result: Double?
        for attribute in attributes {
            let parts = attribute.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[0] == "tolerance", let t = Double(parts[1]), t >= 0, t.isFinite else {
                throw NotebookError(
                    file: file, line: line, message: "unknown block attribute '\(attribute)' (expected tolerance=NUMBER)")
            }
            result = t
        }
        return result
    }

    /// A line's content and its terminator ("\n", "\r\n", or "" for a last line without one).
    struct Line {
        var content: String
        var terminator: String
        var raw: String { content + terminator }
    }

    /// Lines split at LF bytes; a CR before the LF belongs to the terminator ("\r\n" is one
    /// `Character` in Swift, so splitting on the Character "\n" would never split a CRLF file).
    static func splitLines(_ text: String) -> [Line] {
        var result: [Line] = []
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            guard let nl = bytes[start...].firstIndex(of: 0x0A) else {
                result.append(Line(content: String(decoding: bytes[start...], as: UTF8.self), terminator: ""))
                break
            }
            let crlf = nl > start && bytes[nl - 1] == 0x0D
            let end = crlf ? nl - 1 : nl
            result.append(Line(content: String(decoding: bytes[start..<end], as: UTF8.self), terminator: crlf ? "\r\n" : "\n"))
            start = nl + 1
        }
        return result
    }

    /// Leading spaces of a line.
    static func indent(_ line: String) -> Int { line.prefix { $0 == " " }.count }

    /// `line` without up to `count` leading spaces.
    static func dedent(_ line: String, by count: Int) -> String {
        String(line.dropFirst(min(count, indent(line))))
    }

    /// The fence and info string if `line` opens a fenced block.
    static func fenceOpening(_ line: String) -> (fence: String, info: String)? {
        let chars = Array(line)
        var k = 0
        while k < chars.count, chars[k] == " " { k += 1 }
        guard k <= 3, k < chars.count, chars[k] == "`" || chars[k] == "~" else { return nil }
        let c = chars[k]
        var n = 0
        while k + n < chars.count, chars[k + n] == c { n += 1 }
        guard n >= 3 else { return nil }
        let info = String(chars[(k + n)...]).trimmingWhitespace()
        if c == "`", info.contains("`") { return nil }
        return (String(repeating: c, count: n), info)
    }

    /// Index of the line closing the fence opened on 1-based line `openLine`.
    static func findClose(
        _ lines: [Line], from start: Int, fence: String, file: String, openLine: Int
    ) throws(NotebookError) -> Int {
        let c = fence.first ?? "`"
        for k in start..<max(start, lines.count) {
            let leading = lines[k].content.prefix(while: { $0 == " " }).count
            let t = lines[k].content.trimmingWhitespace()
            if leading <= 3, t.count >= fence.count, t.allSatisfy({ $0 == c }) { return k }
        }
        throw NotebookError(
            file: file, line: openLine, message: "unterminated code fence (expected a closing \(fence))")
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
