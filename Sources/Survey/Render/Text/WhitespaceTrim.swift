import Foundation

extension StringProtocol {
    /// `trimmingCharacters(in: .whitespaces)` (tab and Unicode Zs at either end removed); text
    /// that starts and ends with other ASCII is returned as is, without Foundation's NSString
    /// bridging and the protocol-conformance scans it costs (issue 17 item 4).
    public func trimmingWhitespace() -> String {
        let bytes = Substring(self).utf8
        if let first = bytes.first, let last = bytes.last,
           first < 0x80, last < 0x80, first != 0x20, first != 0x09, last != 0x20, last != 0x09 {
            return String(self)
        }
        return trimmingCharacters(in: .whitespaces)
    }
}
