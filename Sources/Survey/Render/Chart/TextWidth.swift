/// Estimated rendered width of text in the SVG font stack, so labels can be placed without
/// overlapping. Widths are DejaVu Sans advances (the widest common sans-serif on Linux), in em;
/// narrower fonts of the stack (Helvetica, Arial, Roboto) only leave more room.
enum TextWidth {
    /// Width in pixels of `text` at `size` px (`bold` adds 8%).
    static func of(_ text: String, size: Double, bold: Bool = false) -> Double {
        var em = 0.0
        for ch in text { em += advance(ch) }
        return em * size * (bold ? 1.08 : 1)
    }

    /// Advance of one character in em.
    static func advance(_ ch: Character) -> Double {
        switch ch {
        case " ": return 0.32
        case "i", "l", "j", "'", "|", "!", ".", ",", ":", ";", "I": return 0.28
        case "f", "t", "r", "(", ")", "[", "]", "-", "·": return 0.40
        case "m", "w", "M", "W", "%", "…": return 0.92
        case "→": return 0.84
        case "0"..."9": return 0.64
        case "A"..."Z": return 0.72
        default: return ch.isASCII ? 0.60 : 0.80
        }
    }

    /// Greedy word wrap of `text` to lines at most `width` pixels wide at `size` px.
    static func wrap(_ text: String, width: Double, size: Double, bold: Bool = false) -> [String] {
        let perChar = of("abcdefghijklmnopqrstuvwxyz0123456789", size: size, bold: bold) / 36
        // TextLayout wraps by characters; shrink the budget until every line fits in pixels.
        var chars = max(8, Int(width / perChar))
        while true {
            let lines = TextLayout.wrap(text, width: chars)
            if chars <= 8 || lines.allSatisfy({ of($0, size: size, bold: bold) <= width }) { return lines }
            chars -= 2
        }
    }
}
