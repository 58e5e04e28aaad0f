import Foundation

/// Notebook prose made safe for Ink 0.6 before it becomes HTML. Ink passes raw HTML through,
/// does not know autolinks or indented fences, and writes a fence's info string into a `class`
/// unescaped; a notebook's `<script>` ran in the page, `<https://…>` became a bogus tag that hid
/// the link, `List<String>` swallowed the rest of its paragraph, and a fence indented by a space
/// never closed. So, outside code (fences and inline code spans):
/// - an autolink `<http(s)://…>` becomes the link `[url](url)`;
/// - every other `<` is `&lt;` (raw HTML is shown as text, as docs/rendering.md says), but for
///   `allowedTags` (`<sup>`, `<em>`, … without attributes);
/// - a bracket not part of a whole link `[text](target)` on its line is text (`\[`, `\]`);
/// - a code span of two or more backticks is written with one (Ink knows no other), or, when its
///   code has a backtick, its backticks are text;
/// and inside code every `<` is `placeholder`, which `restore` turns into `&lt;` in Ink's HTML:
/// no `<` reaches Ink, whose HTML reader looped forever on a 69-byte file (found by fuzzing)
/// where its idea of a code span differed from this one. A fence indented by one to three
/// spaces loses that indentation (its lines too), a `~~~` fence becomes a backtick one (Ink
/// knows no other; its lines went to the link reader), a fence closes with exactly its opening
/// count, and the info string keeps only letters, digits and `-_+.`.
enum ProseMarkdown {
    /// Stands for `<` inside code until Ink is done (a private-use character).
    static let placeholder: Character = "\u{E000}"

    /// Ink's HTML with the placeholders back as `&lt;`.
    static func restore(_ html: String) -> String {
        html.replacingOccurrences(of: String(placeholder), with: "&lt;")
    }

    static func prepare(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out: [String] = []
        /// A line's indentation, marker character and the run of it after at most 3 spaces.
        func fenceParts(_ line: String) -> (indent: Int, marker: Character?, run: Int, body: Substring) {
            let indent = line.prefix { $0 == " " }.count
            let body = line.dropFirst(min(indent, 3))
            let marker = body.first
            return (indent, marker, marker.map { m in body.prefix { $0 == m }.count } ?? 0, body)
        }
        var k = 0
        while k < lines.count {
            let line = lines[k]
            let (indent, marker, run, body) = fenceParts(line)
            guard indent <= 3, let m = marker, m == "`" || m == "~", run >= 3 else {
                out.append(inline(line))
                k += 1
                continue
            }
            // A fence: its lines up to the closing one (or the end), dedented by its indentation.
            var content: [String] = []
            var j = k + 1, closed = false
            while j < lines.count {
                let c = fenceParts(lines[j])
                if c.indent <= 3, c.marker == m, c.run >= run, c.body.dropFirst(c.run).allSatisfy({ $0 == " " }) {
                    closed = true
                    break
                }
                content.append(code(lines[j].dropFirst(min(indent, c.indent))))
                j += 1
            }
            // Ink knows backtick fences only, closed by a line of exactly as many backticks: one
            // more than any run a line of the code starts with.
            let inner = content.map { $0.prefix { $0 == "`" }.count }.max() ?? 0
            let fence = String(repeating: "`", count: max(run, inner + 1, 3))
            let info = body.dropFirst(run).filter { $0.isLetter || $0.isNumber || "-_+.".contains($0) }
            out.append(fence + info)
            out += content
            if closed { out.append(fence) }
            k = closed ? j + 1 : j
        }
        // Ink's list reader reads past the end of a text ending in white space after a list item
        // (`+ x\n  `: an index out of bounds, found by fuzzing): the text ends in its last
        // non-blank character and one line break.
        var result = out.joined(separator: "\n")
        while let last = result.last, last.isWhitespace { result.removeLast() }
        return result + "\n"
    }

    /// Inline tags kept as HTML: formatting without attributes (a footnote mark `<sup>1</sup>`),
    /// which can carry no script.
    static let allowedTags = ["<sup>", "</sup>", "<sub>", "</sub>", "<br>", "<br/>", "<br />", "<em>", "</em>",
                              "<strong>", "</strong>", "<b>", "</b>", "<i>", "</i>", "<kbd>", "</kbd>"]

    /// The link `[text](target)` starting at `i`: text without brackets or `<`, target
    /// without spaces, parentheses or `<`; nil for anything else.
    static func link(in line: String, at i: String.Index) -> (text: String, end: String.Index)? {
        let rest = line[line.index(after: i)...]
        guard let close = rest.firstIndex(of: "]"), !rest[..<close].contains(where: { "[<".contains($0) }) else { return nil }
        let afterClose = line.index(after: close)
        guard afterClose < line.endIndex, line[afterClose] == "(" else { return nil }
        let target = line[line.index(after: afterClose)...]
        guard let end = target.firstIndex(of: ")"), !target[..<end].contains(where: { " ()<".contains($0) }) else { return nil }
        return (String(line[i...end]), line.index(after: end))
    }

    /// Code text with each `<` as `placeholder`.
    static func code(_ text: Substring) -> String {
        String(text.map { $0 == "<" ? placeholder : $0 })
    }

    /// One prose line: autolinks as links and `<` as `&lt;`, outside inline code spans.
    static func inline(_ line: String) -> String {
        var out = "", i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            if c == "\\" {
                // An escape keeps the next character as it is.
                let next = line.index(after: i)
                out.append(c)
                if next < line.endIndex { out.append(line[next]); i = line.index(after: next) } else { i = next }
                continue
            }
            if c == "[" || c == "]" {
                // Only a whole link `[text](target)` on the line keeps its brackets; every other
                // bracket is text. Ink's link reader is exponential in nested or unmatched
                // brackets (175 bytes of `[` took 11 s; found by fuzzing).
                if c == "[", let link = Self.link(in: line, at: i) {
                    out += link.text
                    i = link.end
                } else {
                    out += "\\" + String(c)
                    i = line.index(after: i)
                }
                continue
            }
            if c == "`" {
                // A code span. Ink knows single-backtick spans only (it parsed a double-backtick
                // span's brackets as links, for minutes: found by fuzzing), so a span of a longer
                // run whose code has no backtick is written with one; any other run is text.
                let run = line[i...].prefix { $0 == "`" }
                let after = line.index(i, offsetBy: run.count)
                if let close = line[after...].range(of: String(run)), !line[after..<close.lowerBound].contains("`") {
                    var inside = line[after..<close.lowerBound]
                    if run.count > 1, inside.hasPrefix(" "), inside.hasSuffix(" "), inside.count > 1 {
                        inside = inside.dropFirst().dropLast()
                    }
                    out += "`" + code(inside) + "`"
                    i = close.upperBound
                } else {
                    out += String(repeating: "\\`", count: run.count)
                    i = after
                }
                continue
            }
            if c == "<" {
                let rest = line[line.index(after: i)...]
                if rest.hasPrefix("http://") || rest.hasPrefix("https://"), let end = rest.firstIndex(of: ">"),
                   !rest[..<end].contains(where: { $0 == " " || $0 == "<" }) {
                    let url = String(rest[..<end])
                    out += "[\(url)](\(url))"
                    i = line.index(after: end)
                    continue
                }
                if let tag = allowedTags.first(where: { line[i...].hasPrefix($0) }) {
                    out += tag
                    i = line.index(i, offsetBy: tag.count)
                    continue
                }
                out += "&lt;"
                i = line.index(after: i)
                continue
            }
            out.append(c)
            i = line.index(after: i)
        }
        return out
    }
}
