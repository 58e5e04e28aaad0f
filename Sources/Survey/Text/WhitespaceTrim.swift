extension String {
    /// What Foundation's `trimmingCharacters(in: .whitespaces)` gives (tab and Unicode Zs
    /// scalars at either end removed), without Foundation; text that starts and ends with other
    /// ASCII is returned as is (issue 17 item 4).
    public func whitespacesTrimmed() -> String {
        WhitespaceTrim.isTrimmed(Substring(self).utf8) ? self : WhitespaceTrim.trim(Substring(self))
    }
}

extension Substring {
    /// As `String.whitespacesTrimmed()`.
    public func whitespacesTrimmed() -> String {
        WhitespaceTrim.isTrimmed(utf8) ? String(self) : WhitespaceTrim.trim(self)
    }
}

extension StringProtocol {
    /// What Foundation's `trimmingCharacters(in: .whitespacesAndNewlines)` gives: whitespace
    /// (as `whitespacesTrimmed()`) and line breaks (U+000A–U+000D, U+0085, U+2028, U+2029)
    /// removed at either end.
    public func whitespacesAndNewlinesTrimmed() -> String {
        WhitespaceTrim.trim(Substring(self), newlines: true)
    }
}

/// The fast test of `whitespacesTrimmed()` (named apart from the notebook parser's
/// spaces-and-tabs `trimmingWhitespace()`). One method per type, not one generic over
/// `StringProtocol`: the generic form left a `String`'s leading space in place
/// (`WhitespaceTrimTests` caught it).
enum WhitespaceTrim {
    /// Whether the text starts and ends with ASCII other than space and tab (so nothing trims).
    static func isTrimmed(_ bytes: Substring.UTF8View) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        return first < 0x80 && last < 0x80 && first != 0x20 && first != 0x09 && last != 0x20 && last != 0x09
    }

    /// `text` without the whitespace scalars (`isWhitespace`), and line breaks if `newlines`,
    /// at either end.
    static func trim(_ text: Substring, newlines: Bool = false) -> String {
        let scalars = text.unicodeScalars
        let trims = { (s: Unicode.Scalar) in isWhitespace(s) || newlines && isNewline(s) }
        guard let first = scalars.firstIndex(where: { !trims($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !trims($0) }) ?? first
        return String(scalars[first...last])
    }

    /// Foundation's `CharacterSet.newlines`: U+000A–U+000D, U+0085, U+2028 and U+2029.
    static func isNewline(_ scalar: Unicode.Scalar) -> Bool {
        (0x0A...0x0D).contains(scalar.value) || scalar.value == 0x85 || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    /// Foundation's `CharacterSet.whitespaces`: Unicode general category Zs and the tab.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator
    }
}
