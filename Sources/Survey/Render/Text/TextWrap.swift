import SurveyText

/// Word wrap for prose under tables and charts: breaks only at spaces, so a URL, a DOI or a
/// number is never split; a single token wider than the width stays whole on its own line.
/// Widths are terminal columns (`DisplayWidth`).
package enum TextWrap {
    /// `text` wrapped to `width` columns; continuation lines start with `indent`.
    package static func lines(_ text: String, width: Int, indent: String = "") -> [String] {
        guard DisplayWidth.of(text) > width else { return [text] }
        var lines: [String] = []
        var current = ""
        var used = 0
        let indentWidth = DisplayWidth.of(indent)
        for word in ByteSplit.ascii(text, on: " ") {
            let w = DisplayWidth.of(word)
            // `append(contentsOf:)` a Substring: String's own overload (`+=` and `+` with a
            // Substring are generic code, costing a protocol-conformance scan).
            if current.isEmpty || current == indent {
                current.append(contentsOf: word)
                used += w
            } else if used + 1 + w <= width {
                current.append(" ")
                current.append(contentsOf: word)
                used += 1 + w
            } else {
                lines.append(current)
                current = indent
                current.append(contentsOf: word)
                used = indentWidth + w
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// Every line of `text` wrapped (`Note: `/`Source: ` lines get a two-space hanging indent).
    package static func paragraphs(_ text: String, width: Int) -> String {
        ByteSplit.lines(text, omittingEmptySubsequences: false).flatMap { line -> [String] in
            let s = String(line)
            let indent = s.hasPrefix("Note: ") || s.hasPrefix("Source: ") ? "  " : ""
            return lines(s, width: width, indent: indent)
        }.joined(separator: "\n")
    }
}
