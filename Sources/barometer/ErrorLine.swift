/// The one line prefix every CLI error gets; argument-parser's own "Error: " is dropped so a
/// message never reads "barometer: error: Error: …".
enum ErrorLine {
    /// `message` prefixed with "barometer: error: ", without a doubled "Error:" label.
    static func format(_ message: String) -> String {
        var text = Substring(message)
        while let label = ["Error: ", "error: "].first(where: { text.hasPrefix($0) }) {
            text = text.dropFirst(label.count)
        }
        return "barometer: error: " + text
    }
}
