/// Small text-fitting helpers for chart decorations. Widths count characters.
enum TextLayout {
    /// `text` cut to `width` characters, ending in `…` (or `...` when `ascii`) when it was cut.
    static func truncate(_ text: String, to width: Int, ascii: Bool) -> String {
        guard text.count > width else { return text }
        let ellipsis = ascii ? "..." : "…"
        guard width > ellipsis.count else { return String(text.prefix(max(0, width))) }
        return String(text.prefix(width - ellipsis.count)) + ellipsis
    }

    /// `text` centred in `width` (left-leaning when the gap is odd), truncated if too long.
    static func center(_ text: String, in width: Int, ascii: Bool) -> String {
        let t = truncate(text, to: width, ascii: ascii)
        return String(repeating: " ", count: max(0, (width - t.count) / 2)) + t
    }

    /// Greedy word wrap to `width`; a word longer than the width is split.
    static func wrap(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(word)
            while word.count > width {
                if !current.isEmpty { lines.append(current); current = "" }
                lines.append(String(word.prefix(width)))
                word = word.dropFirst(width)
            }
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// Packs items into lines no wider than `width`, `separator` between items on a line.
    static func pack(_ items: [String], width: Int, separator: String = "   ") -> [[Int]] {
        var lines: [[Int]] = []
        var current: [Int] = []
        var used = 0
        for (i, item) in items.enumerated() {
            let needed = current.isEmpty ? item.count : used + separator.count + item.count
            if !current.isEmpty && needed > width {
                lines.append(current)
                current = [i]
                used = item.count
            } else {
                current.append(i)
                used = needed
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
