#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText

/// Formats cells for the human-readable renderers (text, Markdown, LaTeX).
///
/// Rules: a percent kind scales 0-1 values by 100; numbers use the column's digits (fixed
/// notation, round-half-even on the binary value as C `printf` does; `-0.0` prints as `0.0`);
/// an estimate reads `54.0 [51.2, 56.8]` — the one interval notation of every command, so a
/// negative bound never reads as a range (`-3.0 [-5.1, -0.9]`) — and `54.0 (SE 1.4)` when only
/// the SE is known; minus signs are ASCII `-`; a p-value prints `<0.001` or three decimals;
/// non-finite numbers print as the missing mark.
struct CellFormatter: Sendable {
    /// What a missing cell shows: `—` normally, `-` in ASCII output.
    var missingMark: String

    func format(_ cell: TableModel.Cell, kind: TableModel.Kind, ascii: Bool = false) -> String {
        switch cell {
        case .missing: return missingMark
        case .text(let s): return s
        case .integer(let i):
            switch kind {
            case .number(let d): return fixed(Double(i), digits: d)
            case .pValue: return pValue(Double(i))
            default: return String(i)
            }
        case .number(let x):
            switch kind {
            case .integer: return x.isFinite ? fixed(x, digits: 0) : missingMark
            case .number(let d): return fixed(x, digits: d)
            case .percent(let d): return fixed(x * 100, digits: d)
            case .estimate(let d, let percent): return fixed(percent ? x * 100 : x, digits: d)
            case .pValue: return pValue(x)
            case .text, .sparkline: return x.isFinite ? x.description : missingMark
            }
        case .estimate(let e):
            let (digits, scale): (Int, Double)
            switch kind {
            case .estimate(let d, let p): (digits, scale) = (d, p ? 100 : 1)
            case .percent(let d): (digits, scale) = (d, 100)
            case .number(let d): (digits, scale) = (d, 1)
            default: (digits, scale) = (1, 1)
            }
            return estimate(e, digits: digits, scale: scale)
        case .sparkline(let values):
            return Sparkline.render(values, ascii: ascii)
        }
    }

    func estimate(_ e: TableModel.EstimateCell, digits: Int, scale: Double) -> String {
        guard e.value.isFinite else { return missingMark }
        let value = fixed(e.value * scale, digits: digits)
        if let lo = e.lower, let hi = e.upper, lo.isFinite, hi.isFinite {
            return "\(value) " + Self.interval(bound(lo * scale, digits: digits, percent: scale == 100),
                                               bound(hi * scale, digits: digits, percent: scale == 100))
        }
        if let se = e.se, se.isFinite {
            return "\(value) (SE \(fixed(se * scale, digits: digits)))"
        }
        return value
    }

    /// An interval bound at `digits` decimals; one that is not 0 (or, for a percentage, not 100)
    /// but would print so reads `<1` (`>99`) at 0 decimals, `<0.1` at 1: a sweep read
    /// `0 [0, 0]` at `--digits 0` for an upper bound of 0.246%, as if there were no uncertainty.
    func bound(_ x: Double, digits: Int, percent: Bool) -> String {
        let text = fixed(x, digits: digits)
        let d = max(0, min(digits, 15))
        // The usual bound is neither: its text is checked byte by byte, and the texts it is
        // compared with are made only when it could be one (formatting is most of a table's cost).
        if x > 0, text.utf8.allSatisfy({ $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: ".") }) {
            return "<" + fixed(1 / pow(10, Double(d)), digits: d)
        }
        if percent, x < 100, text.utf8.starts(with: "100".utf8), text == fixed(100, digits: d) {
            return ">" + fixed(100 - 1 / pow(10, Double(d)), digits: d)
        }
        return text
    }

    /// The one interval notation: `[lo, hi]`.
    static func interval(_ lo: String, _ hi: String) -> String { "[\(lo), \(hi)]" }

    /// `<0.001`, else three decimals.
    func pValue(_ p: Double) -> String {
        guard p.isFinite else { return missingMark }
        return p < 0.001 ? "<0.001" : fixed(p, digits: 3)
    }

    /// `x` in fixed notation with `digits` decimals; negative zero loses its sign.
    func fixed(_ x: Double, digits: Int) -> String {
        guard x.isFinite else { return missingMark }
        let d = max(0, min(digits, 15))
        let s = FixedDecimal.format(x, digits: d) ?? Self.printf(x, digits: d)
        if s.hasPrefix("-"), s.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
            return String(s.dropFirst())
        }
        return s
    }

    /// C `printf("%.*f")` in the C locale (`Printf`), for what `FixedDecimal` does not cover.
    static func printf(_ x: Double, digits: Int) -> String {
        Printf.string("%.*f", Int32(digits), x)
    }
}

/// Pads strings so that numbers line up on their first decimal point.
enum DecimalAlignment {
    /// Position of the alignment point in `s`: the first `.` that follows a digit, else the end
    /// of the leading number, else the end of the string (text is right-aligned with numbers).
    static func anchor(_ s: String) -> Int {
        // ASCII (every number and interval): each byte is a character, a digit is 0-9.
        if s.isASCII {
            let bytes = Array(s.utf8)
            var i = 0
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { i += 1 }
            let digitsStart = i
            while i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) { i += 1 }
            return i > digitsStart ? i : bytes.count
        }
        let chars = Array(s)
        var i = 0
        if i < chars.count, chars[i] == "-" || chars[i] == "+" { i += 1 }
        let digitsStart = i
        while i < chars.count, chars[i].isNumber { i += 1 }
        if i > digitsStart { return i }
        return chars.count
    }

    /// Each string padded on the left so anchors coincide, then on the right to equal width.
    static func align(_ strings: [String]) -> [String] {
        let anchors = strings.map(anchor)
        let left = anchors.max() ?? 0
        let shifted = zip(strings, anchors).map { String(repeating: " ", count: left - $1) + $0 }
        let counts = shifted.map(characterCount)
        let width = counts.max() ?? 0
        return zip(shifted, counts).map { $0 + String(repeating: " ", count: width - $1) }
    }

    /// `s.count`, by its bytes when it is ASCII (no grapheme clusters to find).
    static func characterCount(_ s: String) -> Int {
        s.isASCII ? s.utf8.count : s.count
    }
}
