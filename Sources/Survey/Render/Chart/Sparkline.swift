/// One-line trends for table rows: each value becomes one glyph whose height is its position
/// between the row's minimum and maximum.
///
/// Unicode uses the eight blocks `▁▂▃▄▅▆▇█`; ASCII uses the five heights `_.-~^` (so
/// `--ascii` stays 7-bit). Level of value v: `round((v - min) / (max - min) · (L - 1))` for L
/// levels; when every finite value is equal the middle level is used (`▄`, `-`) since there is
/// no trend to show; a non-finite value (missing wave) is a space.
enum Sparkline {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let asciiLevels: [Character] = ["_", ".", "-", "~", "^"]

    /// The sparkline of `values`, one character per value.
    static func render(_ values: [Double], ascii: Bool = false) -> String {
        let glyphs = ascii ? asciiLevels : blocks
        let finite = values.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else {
            return String(repeating: " ", count: values.count)
        }
        let top = Double(glyphs.count - 1)
        return String(values.map { v -> Character in
            guard v.isFinite else { return " " }
            if hi == lo { return glyphs[(glyphs.count - 1) / 2] }
            let level = Int(((v - lo) / (hi - lo) * top).rounded())
            return glyphs[min(max(level, 0), glyphs.count - 1)]
        })
    }
}
