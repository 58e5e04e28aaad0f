/// Pixel size of an SVG chart: `column` fits a report column (A4 text width at 96 dpi),
/// `slide` a 16:9 slide, or `WxH` explicitly (`--size`).
public struct ChartSize: Sendable, Equatable {
    public let width: Int
    public let height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// Accepted widths and heights in pixels: readable at the low end, bounded so a size from a
    /// flag can never drive a huge allocation or overflow at the high end.
    public static let widths = 240...10_000, heights = 160...10_000

    /// Whether both sides lie in the accepted ranges.
    public var isValid: Bool { Self.widths.contains(width) && Self.heights.contains(height) }

    /// The default of `--svg`: 800 × 450.
    public static let standard = ChartSize(width: 800, height: 450)
    /// 640 × 420: 170 mm (A4 less margins) at 96 dpi.
    public static let column = ChartSize(width: 640, height: 420)
    /// 1280 × 720: a 16:9 slide.
    public static let slide = ChartSize(width: 1280, height: 720)

    /// `column`, `slide` or `WIDTHxHEIGHT` (e.g. `960x540`); nil when it is none of these.
    public init?(parsing text: String) {
        switch text.lowercased() {
        case "column": self = .column
        case "slide": self = .slide
        default:
            let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
            guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]) else { return nil }
            self.init(width: w, height: h)
        }
    }
}
