/// A grid of character cells, each holding a small bit mask of pixels, a colour and an optional
/// marker glyph that covers the cell. Canvas kinds differ only in pixels per cell and how a
/// mask becomes a glyph; all drawing lives in the `CellCanvas` extension.
public struct CellGrid: Sendable, Equatable {
    let geometry: CanvasGeometry
    var masks: [UInt16]
    var colors: [SeriesColor?]
    var markers: [Character?]

    init(geometry: CanvasGeometry) {
        self.geometry = geometry
        let count = geometry.columns * geometry.rows
        masks = Array(repeating: 0, count: count)
        colors = Array(repeating: nil, count: count)
        markers = Array(repeating: nil, count: count)
    }
}

/// A kind of character canvas (braille, ASCII). A kind supplies its pixels per cell, which bit a
/// pixel sets inside a cell and how a cell's mask is printed.
protocol CellCanvas: Sendable {
    static var pixelsPerCell: (x: Int, y: Int) { get }
    /// Bit of the pixel at (x, y) inside a cell, 0 ≤ x < pixelsPerCell.x, 0 ≤ y < pixelsPerCell.y.
    static func bit(x: Int, y: Int) -> UInt16
    /// The glyph printed for a cell mask (0 → space).
    static func glyph(mask: UInt16) -> Character
    var grid: CellGrid { get set }
    init(grid: CellGrid)
}

/// Which pixels of a line to set, by step index along it.
public enum LinePattern: Sendable, Equatable {
    case solid
    /// `on` pixels set, then `off` skipped, repeating.
    case dashed(on: Int, off: Int)

    func draws(_ step: Int) -> Bool {
        switch self {
        case .solid: return true
        case .dashed(let on, let off): return step % (on + off) < on
        }
    }
}

extension CellCanvas {
    /// An empty canvas of `columns` × `rows` cells showing the data window given.
    init(columns: Int, rows: Int, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>) {
        self.init(grid: CellGrid(geometry: CanvasGeometry(
            columns: columns, rows: rows, pixelsPerCell: Self.pixelsPerCell, xRange: xRange, yRange: yRange)))
    }

    var geometry: CanvasGeometry { grid.geometry }

    /// Sets one pixel; pixels outside the canvas are ignored (clipping).
    mutating func setPixel(x: Int, y: Int, color: SeriesColor?) {
        let g = grid.geometry
        guard x >= 0, y >= 0, x < g.pixelWidth, y < g.pixelHeight else { return }
        let cell = (y / g.pixelsPerCell.y) * g.columns + x / g.pixelsPerCell.x
        grid.masks[cell] |= Self.bit(x: x % g.pixelsPerCell.x, y: y % g.pixelsPerCell.y)
        if let color { grid.colors[cell] = color }
    }

    /// Sets the pixel nearest to data point (x, y); non-finite values draw nothing.
    mutating func point(x: Double, y: Double, color: SeriesColor?) {
        guard x.isFinite, y.isFinite else { return }
        setPixel(x: Int(geometry.pixelX(x).rounded()), y: Int(geometry.pixelY(y).rounded()), color: color)
    }

    /// A line between two data points by DDA: one step per pixel along the longer axis, each
    /// step rounded to the nearest pixel. Non-finite ends draw nothing (a gap).
    mutating func line(from a: (x: Double, y: Double), to b: (x: Double, y: Double), color: SeriesColor?,
                              pattern: LinePattern = .solid) {
        guard a.x.isFinite, a.y.isFinite, b.x.isFinite, b.y.isFinite else { return }
        let g = geometry
        let (x0, y0, x1, y1) = (g.pixelX(a.x), g.pixelY(a.y), g.pixelX(b.x), g.pixelY(b.y))
        let steps = Int(max(abs(x1 - x0), abs(y1 - y0)).rounded(.up))
        guard steps > 0 else {
            setPixel(x: Int(x0.rounded()), y: Int(y0.rounded()), color: color)
            return
        }
        // Keep far-off-canvas lines cheap: the canvas is at most a few thousand pixels across.
        guard steps < 1_000_000 else { return }
        for i in 0...steps where pattern.draws(i) {
            let t = Double(i) / Double(steps)
            setPixel(x: Int((x0 + (x1 - x0) * t).rounded()), y: Int((y0 + (y1 - y0) * t).rounded()), color: color)
        }
    }

    /// A vertical run of pixels at data x from data y `low` to `high` (an error bar).
    mutating func verticalSpan(x: Double, from low: Double, to high: Double, color: SeriesColor?) {
        guard x.isFinite, low.isFinite, high.isFinite else { return }
        let px = Int(geometry.pixelX(x).rounded())
        let top = Int(geometry.pixelY(max(low, high)).rounded())
        let bottom = Int(geometry.pixelY(min(low, high)).rounded())
        for py in top...bottom { setPixel(x: px, y: py, color: color) }
    }

    /// Light shading between two interpolated curves: pixel (px, py) is set when both are even,
    /// for every pixel column from data x `a.x` to `b.x` and every row between the lower and
    /// upper bounds, interpolated linearly between the two ends.
    mutating func shade(from a: (x: Double, lower: Double, upper: Double),
                               to b: (x: Double, lower: Double, upper: Double), color: SeriesColor?) {
        guard [a.x, a.lower, a.upper, b.x, b.lower, b.upper].allSatisfy(\.isFinite) else { return }
        let g = geometry
        let p0 = Int(g.pixelX(a.x).rounded()), p1 = Int(g.pixelX(b.x).rounded())
        guard p1 >= p0, p1 - p0 < 100_000 else { return }
        for px in p0...p1 {
            let t = p1 == p0 ? 0 : Double(px - p0) / Double(p1 - p0)
            let lo = a.lower + (b.lower - a.lower) * t, hi = a.upper + (b.upper - a.upper) * t
            let top = Int(g.pixelY(max(lo, hi)).rounded()), bottom = Int(g.pixelY(min(lo, hi)).rounded())
            guard top <= bottom else { continue }
            for py in top...bottom where px % 2 == 0 && py % 2 == 0 { setPixel(x: px, y: py, color: color) }
        }
    }

    /// Puts a marker glyph in the cell holding data point (x, y); it covers that cell's pixels.
    mutating func marker(_ glyph: Character, x: Double, y: Double, color: SeriesColor?) {
        guard x.isFinite, y.isFinite else { return }
        let g = geometry
        let column = g.column(ofX: x), row = g.row(ofY: y)
        guard column >= 0, row >= 0, column < g.columns, row < g.rows else { return }
        grid.markers[row * g.columns + column] = glyph
        if let color { grid.colors[row * g.columns + column] = color }
    }

    /// The glyph printed at a cell: its marker if any, else its mask decoded.
    func glyph(row: Int, column: Int) -> Character {
        let i = row * grid.geometry.columns + column
        return grid.markers[i] ?? Self.glyph(mask: grid.masks[i])
    }

    /// The colour of a cell (nil: nothing drawn there, or drawn without colour).
    func color(row: Int, column: Int) -> SeriesColor? {
        let i = row * grid.geometry.columns + column
        return grid.markers[i] != nil || grid.masks[i] != 0 ? grid.colors[i] : nil
    }

    /// Number of cells with anything drawn (for tests).
    var filledCells: Int { zip(grid.masks, grid.markers).filter { $0 != 0 || $1 != nil }.count }
}
