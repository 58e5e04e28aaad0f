/// A self-contained Markdown → HTML renderer for a CommonMark subset plus GFM tables and
/// strikethrough. Safe by construction: raw HTML is escaped (except a few attribute-free
/// tags), only http/https/mailto or scheme-less links are emitted, and every pass is linear
/// in the input size (no backtracking, no recursion on input structure). Containers nest at
/// most `BlockParser.maxNesting` (64) deep; deeper `>` / list markers stay paragraph text.
public enum MarkdownHTML {
    /// A link or image destination as written → the one to emit (a page rendered elsewhere
    /// rewrites `other.md` to `other.html`, or a relative path to the output folder). Applied
    /// before the scheme check, so a rewritten destination is checked too.
    public typealias LinkRewrite = (String) -> String

    /// HTML for a Markdown text (block elements each on their own line(s)); `links` rewrites
    /// every link and image destination (nil: as written).
    public static func render(_ markdown: String, links: LinkRewrite? = nil) -> String {
        let text = normalize(markdown)
        let blocks = BlockParser.parse(text)
        let html = BlockRenderer(text: text, blocks: blocks, links: links).render()
        return String(decoding: html, as: UTF8.self)
    }

    /// UTF-8 bytes with CRLF/CR turned into LF and NUL replaced by U+FFFD (spec §2.3).
    static func normalize(_ markdown: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(markdown.utf8.count)
        var previousCR = false
        for b in markdown.utf8 {
            if b == Byte.carriageReturn {
                out.append(Byte.newline)
                previousCR = true
                continue
            }
            if b == Byte.newline && previousCR {
                previousCR = false
                continue
            }
            previousCR = false
            if b == 0 {
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])
            } else {
                out.append(b)
            }
        }
        return out
    }
}
