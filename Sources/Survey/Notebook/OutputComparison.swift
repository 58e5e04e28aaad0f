/// Decides whether a stored output is still current, exactly or within a numeric tolerance.
package enum OutputComparison {
    /// True when `stored` and `fresh` are equal, or — with a tolerance — equal after every pair of
    /// numbers in the same position is compared with relative error ≤ `tolerance` (absolute error
    /// for numbers at or near zero: |a − b| ≤ tolerance · max(1, |a|, |b|)). Whole numbers (no
    /// decimals: counts, years) and the text between the numbers must match exactly.
    ///
    /// Prose wrapped at other points is the same output: continuation lines (a line break followed
    /// by two or more spaces) compare as one space, because under `check` an output path is
    /// redirected and mapped back, so a note naming it can wrap at other words.
    package static func matches(stored: String, fresh: String, tolerance: Double?) -> Bool {
        if stored == fresh { return true }
        let (stored, fresh) = (unwrapped(stored), unwrapped(fresh))
        if stored == fresh { return true }
        guard let tolerance else { return false }
        let a = tokens(stored), b = tokens(fresh)
        guard a.count == b.count else { return false }
        for (x, y) in zip(a, b) {
            switch (x, y) {
            case (.text(let s), .text(let t)):
                if s != t { return false }
            case (.number(let u, let s), .number(let v, let t)):
                // Whole numbers — counts, years, wave labels — are exact: with tolerance 0.001,
                // n 1200 → 1201 and 2022-autumn → 2021-autumn passed as current.
                if isWhole(s) || isWhole(t) { if s != t { return false } } else if abs(u - v) > tolerance * max(1, abs(u), abs(v)) { return false }
            default:
                return false
            }
        }
        return true
    }

    /// Whether a number's literal has no decimals and no exponent (a count, a year, a code).
    static func isWhole(_ literal: String) -> Bool {
        !literal.contains(".") && !literal.contains("e") && !literal.contains("E")
    }

    /// `text` with every line break followed by two or more spaces turned into one space, by
    /// bytes (the regex literal `\n {2,}` did this before, with the same result).
    static func unwrapped(_ text: String) -> String {
        guard text.utf8.contains(0x0A) else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0A {
                var j = i + 1
                while j < bytes.count && bytes[j] == 0x20 { j += 1 }
                if j - i - 1 >= 2 {
                    out.append(0x20)
                    i = j
                    continue
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    enum Token: Equatable {
        case text(String)
        case number(Double, String)
    }

    /// Splits text into runs of numbers (optional sign, digits, decimals, exponent) and other text.
    static func tokens(_ s: String) -> [Token] {
        var result: [Token] = []
        let chars = Array(s.unicodeScalars)
        var text = ""
        var i = 0
        func isDigit(_ k: Int) -> Bool { k < chars.count && chars[k].properties.numericType != nil && chars[k].isASCII }
        while i < chars.count {
            let startsNumber = isDigit(i) || ((chars[i] == "-" || chars[i] == ".") && isDigit(i + 1))
                || (chars[i] == "-" && i + 2 < chars.count && chars[i + 1] == "." && isDigit(i + 2))
            if startsNumber {
                var j = i
                if chars[j] == "-" { j += 1 }
                while isDigit(j) { j += 1 }
                if j < chars.count, chars[j] == ".", isDigit(j + 1) {
                    j += 1
                    while isDigit(j) { j += 1 }
                }
                if j < chars.count, chars[j] == "e" || chars[j] == "E" {
                    var k = j + 1
                    if k < chars.count, chars[k] == "-" || chars[k] == "+" { k += 1 }
                    if isDigit(k) {
                        while isDigit(k) { k += 1 }
                        j = k
                    }
                }
                let literal = String(String.UnicodeScalarView(chars[i..<j]))
                if let v = Double(literal) {
                    if !text.isEmpty { result.append(.text(text)) }
                    text = ""
                    result.append(.number(v, literal))
                    i = j
                    continue
                }
            }
            text.unicodeScalars.append(chars[i])
            i += 1
        }
        if !text.isEmpty { result.append(.text(text)) }
        return result
    }
}
