/// The size of a canvas in cells and pixels and the data window it shows, shared by every
/// canvas kind (written once, so no kind can get its flips or offsets wrong).
///
/// Pixel (0, 0) is the top-left; x grows right, y grows down. Data x = `xRange.lowerBound` maps
/// to pixel 0 and `xRange.upperBound` to pixel `pixelWidth - 1`; data y = `yRange.upperBound`
/// maps to pixel row 0 and `yRange.lowerBound` to `pixelHeight - 1`, linearly in between.
struct CanvasGeometry: Sendable, Equatable {
    let columns: Int
    let rows: Int
    let pixelsPerCell: (x: Int, y: Int)
    let xRange: ClosedRange<Double>
    let yRange: ClosedRange<Double>

    static func == (a: CanvasGeometry, b: CanvasGeometry) -> Bool {
        a.columns == b.columns && a.rows == b.rows && a.pixelsPerCell == b.pixelsPerCell
            && a.xRange == b.xRange && a.yRange == b.yRange
    }

    init(columns: Int, rows: Int, pixelsPerCell: (x: Int, y: Int), xRange: ClosedRange<Double>,
                yRange: ClosedRange<Double>) {
        self.columns = max(1, columns)
        self.rows = max(1, rows)
        self.pixelsPerCell = pixelsPerCell
        self.xRange = xRange
        self.yRange = yRange
    }

    var pixelWidth: Int { columns * pixelsPerCell.x }
    var pixelHeight: Int { rows * pixelsPerCell.y }

    /// Fractional pixel x of data x (a zero-width range maps everything to the middle).
    func pixelX(_ x: Double) -> Double {
        let span = xRange.upperBound - xRange.lowerBound
        guard span > 0 else { return Double(pixelWidth - 1) / 2 }
        return (x - xRange.lowerBound) / span * Double(pixelWidth - 1)
    }

    /// Fractional pixel y of data y (row 0 at the top).
    func pixelY(_ y: Double) -> Double {
        let span = yRange.upperBound - yRange.lowerBound
        guard span > 0 else { return Double(pixelHeight - 1) / 2 }
        return (yRange.upperBound - y) / span * Double(pixelHeight - 1)
    }

    /// Cell column holding data x.
    func column(ofX x: Double) -> Int { Int(pixelX(x).rounded()) / pixelsPerCell.x }
    /// Cell row holding data y.
    func row(ofY y: Double) -> Int { Int(pixelY(y).rounded()) / pixelsPerCell.y }
}
