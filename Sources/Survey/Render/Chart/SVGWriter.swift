#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText

/// Builds SVG markup with deterministic number formatting (two decimals, no `-0.00`) and XML
/// escaping, so the same chart always gives the same bytes.
struct SVGWriter {
    private(set) var body: [String] = []

    static func num(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        // Integer arithmetic, as printf rounds (FixedDecimal): printf through a va_list was a
        // tenth of a `report`'s instructions.
        var s = FixedDecimal.format(x, digits: 2) ?? Printf.string("%.2f", x)
        if s == "-0.00" { s = "0.00" }
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    /// XML escaping, the same as HTML's.
    static func escape(_ s: String) -> String { HTMLText.escape(s) }

    static func points(_ pts: [(Double, Double)]) -> String {
        pts.map { num($0.0) + "," + num($0.1) }.joined(separator: " ")
    }

    mutating func raw(_ s: String) { body.append(s) }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ style: String) {
        body.append("<line x1=\"\(Self.num(x1))\" y1=\"\(Self.num(y1))\" x2=\"\(Self.num(x2))\" y2=\"\(Self.num(y2))\" \(style)/>")
    }

    mutating func text(_ s: String, x: Double, y: Double, anchor: String = "start", size: Double = 12,
                       extra: String = "") {
        body.append("<text x=\"\(Self.num(x))\" y=\"\(Self.num(y))\" font-size=\"\(Self.num(size))\" text-anchor=\"\(anchor)\"\(extra.isEmpty ? "" : " " + extra)>\(Self.escape(s))</text>")
    }

    /// A marker shape centred at (x, y): circle, square, triangle, diamond, then hollow ones.
    mutating func marker(_ index: Int, x: Double, y: Double, color: String) {
        let r = 3.5
        let hollow = (index / 4) % 2 == 1
        let paint = hollow ? "fill=\"white\" stroke=\"\(color)\" stroke-width=\"1.5\"" : "fill=\"\(color)\""
        switch index % 4 {
        case 0:
            body.append("<circle cx=\"\(Self.num(x))\" cy=\"\(Self.num(y))\" r=\"\(Self.num(r))\" \(paint)/>")
        case 1:
            body.append("<rect x=\"\(Self.num(x - r))\" y=\"\(Self.num(y - r))\" width=\"\(Self.num(2 * r))\" height=\"\(Self.num(2 * r))\" \(paint)/>")
        case 2:
            body.append("<polygon points=\"\(Self.points([(x, y - r - 0.5), (x + r + 0.5, y + r), (x - r - 0.5, y + r)]))\" \(paint)/>")
        default:
            body.append("<polygon points=\"\(Self.points([(x, y - r - 0.5), (x + r + 0.5, y), (x, y + r + 0.5), (x - r - 0.5, y)]))\" \(paint)/>")
        }
    }

    /// A common sans-serif stack: the platform UI fonts first, then ones Linux has.
    static let fontStack = "system-ui, -apple-system, &quot;Segoe UI&quot;, Roboto, &quot;Helvetica Neue&quot;, Arial, &quot;Liberation Sans&quot;, &quot;DejaVu Sans&quot;, sans-serif"

    func document(width: Int, height: Int, title: String?) -> String {
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" font-family=\"\(Self.fontStack)\">",
        ]
        if let title { lines.append("<title>\(Self.escape(title))</title>") }
        lines.append("<rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\" fill=\"white\"/>")
        lines += body
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }
}
