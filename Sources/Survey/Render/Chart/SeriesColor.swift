/// The colour of one series: an index into a fixed palette, so colour is a parallel layer that
/// the output step may print (ANSI escape codes, SVG fill) or ignore. Series k gets colour
/// k mod 6, in the order blue, red, green, magenta, yellow/orange, cyan.
public struct SeriesColor: Sendable, Hashable {
    public var index: Int
    public init(_ index: Int) { self.index = index }

    /// ANSI SGR foreground codes of the terminal palette.
    static let ansiCodes = [34, 31, 32, 35, 33, 36]
    /// SVG palette (colour-blind-safe Okabe–Ito hues) in the same order.
    static let hex = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]

    /// Escape sequence that starts this colour.
    var ansiStart: String { "\u{1B}[\(Self.ansiCodes[index % Self.ansiCodes.count])m" }
    /// Escape sequence that resets colours.
    static let ansiReset = "\u{1B}[0m"
    /// `#RRGGBB` for SVG.
    var svg: String { Self.hex[index % Self.hex.count] }
}
