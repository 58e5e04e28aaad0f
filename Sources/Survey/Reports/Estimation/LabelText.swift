/// A category label as tables show it: in quotes when it is empty or begins or ends with white
/// space, so `"Yes "` and `Yes` (two levels of quoted CSV cells) do not print alike. CSV and JSON
/// keep the label as it is.
enum LabelText {
    static func shown(_ label: String) -> String {
        label.isEmpty || label.first?.isWhitespace == true || label.last?.isWhitespace == true ? "\"\(label)\"" : label
    }
}
