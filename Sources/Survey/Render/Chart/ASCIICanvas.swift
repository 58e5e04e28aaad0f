/// 7-bit ASCII canvas: 3 × 3 pixels per cell, bit `1 << (3·y + x)`. A mask is printed as the
/// glyph whose 3 × 3 template it overlaps best (Jaccard index |m ∧ t| / |m ∨ t|; ties go to the
/// earlier template), so horizontal runs print `-` (top or middle row) or `_` (bottom row), steep runs `|`, diagonals `/`
/// and `\`, and a lone pixel a dot.
struct ASCIICanvas: CellCanvas {
    static let pixelsPerCell = (x: 3, y: 3)
    var grid: CellGrid

    init(grid: CellGrid) { self.grid = grid }

    static func bit(x: Int, y: Int) -> UInt16 { 1 << UInt16(3 * y + x) }

    /// Template masks, written as rows top to bottom (`#` = pixel set).
    /// Template masks, written as rows top to bottom (`#` = pixel set). No template uses a
    /// marker character (`o x * # @ % & $`), so a marker can never be mistaken for a line.
    static let templates: [(Character, UInt16)] = [
        ("-", pattern("...", "###", "...")),
        ("_", pattern("...", "...", "###")),
        ("-", pattern("###", "...", "...")),
        ("|", pattern(".#.", ".#.", ".#.")),
        ("|", pattern("#..", "#..", "#..")),
        ("|", pattern("..#", "..#", "..#")),
        ("/", pattern("..#", ".#.", "#..")),
        ("\\", pattern("#..", ".#.", "..#")),
        (".", pattern("...", "...", ".#.")),
        ("'", pattern(".#.", "...", "...")),
        ("+", pattern(".#.", "###", ".#.")),
        (",", pattern("...", ".#.", "#..")),
        ("-", pattern("...", ".#.", "...")),
    ]

    static func pattern(_ rows: String...) -> UInt16 {
        var mask: UInt16 = 0
        for (y, row) in rows.enumerated() {
            for (x, ch) in row.enumerated() where ch == "#" { mask |= bit(x: x, y: y) }
        }
        return mask
    }

    static func glyph(mask: UInt16) -> Character {
        guard mask != 0 else { return " " }
        var best: Character = "."
        var bestScore = -1.0
        for (glyph, template) in templates {
            let score = Double((mask & template).nonzeroBitCount) / Double((mask | template).nonzeroBitCount)
            if score > bestScore {
                best = glyph
                bestScore = score
            }
        }
        return best
    }
}
