/// Unicode braille canvas: 2 × 4 pixels per cell. A cell's mask is the braille pattern itself
/// (U+2800 + mask), with the dot numbering of the Unicode braille block:
///
/// ```
/// (0,0) 0x01  (1,0) 0x08
/// (0,1) 0x02  (1,1) 0x10
/// (0,2) 0x04  (1,2) 0x20
/// (0,3) 0x40  (1,3) 0x80
/// ```
struct BrailleCanvas: CellCanvas {
    static let pixelsPerCell = (x: 2, y: 4)
    static let bits: [[UInt16]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
    var grid: CellGrid

    init(grid: CellGrid) { self.grid = grid }

    static func bit(x: Int, y: Int) -> UInt16 { bits[x][y] }

    static func glyph(mask: UInt16) -> Character {
        guard mask != 0, let scalar = Unicode.Scalar(0x2800 + UInt32(mask & 0xFF)) else { return " " }
        return Character(scalar)
    }
}
