import Foundation

/// Notebook prose made safe for Ink 0.6 before it becomes HTML. Ink passes raw HTML through,
/// does not know autolinks or indented fences, and writes a fence's info string into a `class`
/// unescaped; a notebook's `<script>` ran in the page, `<https://…>` became a bogus tag that hid
/// the link, `List<String>` swallowed the rest of its paragraph, and a fence indented by a space
/// never closed. So, outside code (fences and inline code spans):
/// - an autolink `<http(s)://…>` becomes the link `[url](url)`;
/// - every other `<` is `&lt;` (raw HTML is shown as text, as documented in docs/notebooks.md);
/// and a fence indented by one to three spaces loses that indentation (its lines too), and its
/// info string keeps only letters, digits and `-_+.`.
enum ProseMarkdown {
    static func prepare(_ text: String) -> String {
        var out: [String] = []
        var fence: (marker: Character, length: Int, indent: Int)? = nil
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let indent = line.prefix { $0 == " " }.count
            let body = line.dropFirst(min(indent, 3))
            let marker = body.first
            let run = marker.map { m in body.prefix { $0 == m }.count } ?? 0
            if let open = fence {
                if indent <= 3, marker == open.marker, run >= open.length, body.dropFirst(run).allSatisfy({ $0 == " " }) {
                    fence = nil
                    out.append(String(body))
                } else {
                    out.append(String(line.dropFirst(min(open.indent, line.prefix { $0 == " " }.count))))
                }
                continue
            }
            if indent <= 3, let m = marker, m == "`" || m == "~", run >= 3 {
                fence = (m, run, indent)
                let info = body.dropFirst(run).filter { $0.isLetter || $0.isNumber || "-_+.".contains($0) }
                out.append(String(repeating: m, count: run) + info)
                continue
            }
            out.append(inline(line))
        }
        return out.joined(separator: "\n")
    }

    /// One prose line: autolinks as links and `<` as `&lt;`, outside inline code spans.
    static func inline(_ line: String) -> String {
        var out = "", i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            if c == "`" {
                // A code span: the same run of backticks closes it; unclosed, the backticks are text.
                let run = line[i...].prefix { $0 == "`" }
                let after = line.index(i, offsetBy: run.count)
                if let close = line[after...].range(of: String(run)) {
                    out += line[i..<close.upperBound]
                    i = close.upperBound
                } else {
                    out += run
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
