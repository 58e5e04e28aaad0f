import Foundation

extension String {
    /// `trimmingCharacters(in: .whitespaces)` (tab and Unicode Zs at either end removed); text
    /// that starts and ends with other ASCII is returned as is, without Foundation's NSString
    /// bridging and the protocol-conformance scans it costs (issue 17 item 4).
    public func whitespacesTrimmed() -> String {
        WhitespaceTrim.isTrimmed(Substring(self).utf8) ? self : trimmingCharacters(in: .whitespaces)
    }
}

extension Substring {
    /// As `String.whitespacesTrimmed()`.
    public func whitespacesTrimmed() -> String {
        WhitespaceTrim.isTrimmed(utf8) ? String(self) : trimmingCharacters(in: .whitespaces)
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
}
