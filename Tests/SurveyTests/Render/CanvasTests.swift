import Testing
import Survey
@testable import SurveyRender

/// Canvas kinds and the shared drawing code, with pixel patterns worked out by hand from the
/// Unicode braille dot numbering (dot k of a cell is bit k-1: left column dots 1,2,3,7 =
/// 0x01,0x02,0x04,0x40; right column 4,5,6,8 = 0x08,0x10,0x20,0x80).
@Suite struct CanvasTests {
    @Test func brailleDots() {
        #expect(BrailleCanvas.glyph(mask: 0) == " ")
        #expect(BrailleCanvas.glyph(mask: BrailleCanvas.bit(x: 0, y: 0)) == "⠁")  // U+2801
        #expect(BrailleCanvas.glyph(mask: BrailleCanvas.bit(x: 1, y: 3)) == "⢀")  // U+2880
        let all = (0..<2).reduce(UInt16(0)) { m, x in (0..<4).reduce(m) { $0 | BrailleCanvas.bit(x: x, y: $1) } }
        #expect(BrailleCanvas.glyph(mask: all) == "⣿")
    }

    @Test func asciiGlyphs() {
        #expect(ASCIICanvas.glyph(mask: ASCIICanvas.pattern("...", "###", "...")) == "-")
        #expect(ASCIICanvas.glyph(mask: ASCIICanvas.pattern("...", "...", "###")) == "_")
        #expect(ASCIICanvas.glyph(mask: ASCIICanvas.pattern(".#.", ".#.", ".#.")) == "|")
        #expect(ASCIICanvas.glyph(mask: ASCIICanvas.pattern("..#", ".#.", "#..")) == "/")
        #expect(ASCIICanvas.glyph(mask: ASCIICanvas.pattern("#..", ".#.", "..#")) == "\\")
        #expect(ASCIICanvas.glyph(mask: ASCIICanvas.pattern("...", "...", ".#.")) == ".")
        // Every mask decodes to a 7-bit character.
        for mask in UInt16(0)..<512 { #expect(ASCIICanvas.glyph(mask: mask).isASCII) }
    }

    /// 10 × 2 cells over x 2018…2020, y 0…1. Braille: 20 × 8 pixels; pixelX(2019) = 0.5·19 =
    /// 9.5 → 10 → column 5; pixelY(0.5) = 0.5·7 = 3.5 → 4 → row 1.
    @Test func geometry() {
        let g = CanvasGeometry(columns: 10, rows: 2, pixelsPerCell: BrailleCanvas.pixelsPerCell,
                               xRange: 2018...2020, yRange: 0...1)
        #expect(g.pixelWidth == 20 && g.pixelHeight == 8)
        #expect(g.pixelX(2019) == 9.5)
        #expect(g.column(ofX: 2019) == 5)
        #expect(g.pixelY(1) == 0 && g.pixelY(0) == 7)
        #expect(g.row(ofY: 0.5) == 1)
    }

    /// A line along y = 1 sets pixel row 0 in all 20 columns: every cell of row 0 gets dots 1
    /// and 4 (0x01|0x08 = 0x09, "⠉"); row 1 stays empty. On ASCII (30 × 6 pixels) the same
    /// line is the top pixel row, printed "-"; along y = 0 it is the bottom row, "_".
    @Test func horizontalLines() {
        var b = BrailleCanvas(columns: 10, rows: 2, xRange: 2018...2020, yRange: 0...1)
        b.line(from: (2018, 1), to: (2020, 1), color: nil)
        #expect((0..<10).map { b.glyph(row: 0, column: $0) } == Array(repeating: "⠉", count: 10))
        #expect(b.filledCells == 10)
        var a = ASCIICanvas(columns: 10, rows: 2, xRange: 2018...2020, yRange: 0...1)
        a.line(from: (2018, 1), to: (2020, 1), color: nil)
        a.line(from: (2018, 0), to: (2020, 0), color: nil)
        #expect(String((0..<10).map { a.glyph(row: 0, column: $0) }) == "----------")
        #expect(String((0..<10).map { a.glyph(row: 1, column: $0) }) == "__________")
    }

    /// 2 × 1 braille cells = 4 × 4 pixels over x, y in 0…1. From (0, 0) to (1, 1): pixel
    /// (0,3) → (3,0), DDA 3 steps: (0,3) (1,2) (2,1) (3,0). Cell 0: dots 7 + 6 = 0x40|0x20 =
    /// 0x60 "⡠"; cell 1: local (0,1) dot 2 = 0x02, (1,0) dot 4 = 0x08 → 0x0A "⠊".
    @Test func diagonalDDA() {
        var b = BrailleCanvas(columns: 2, rows: 1, xRange: 0...1, yRange: 0...1)
        b.line(from: (0, 0), to: (1, 1), color: nil)
        #expect(String([b.glyph(row: 0, column: 0), b.glyph(row: 0, column: 1)]) == "⡠⠊")
    }

    /// Left pixel column from y 0 to 1: dots 1,2,3,7 in both rows = 0x47 "⡇".
    @Test func errorBar() {
        var b = BrailleCanvas(columns: 2, rows: 2, xRange: 0...1, yRange: 0...1)
        b.verticalSpan(x: 0, from: 0, to: 1, color: nil)
        #expect(b.glyph(row: 0, column: 0) == "⡇" && b.glyph(row: 1, column: 0) == "⡇")
        #expect(b.filledCells == 2)
    }

    @Test(arguments: [false, true])
    func nonFiniteIsGap(ascii: Bool) {
        func check<C: CellCanvas>(_ c: C) {
            var c = c
            c.line(from: (0, 0), to: (1, .nan), color: nil)
            c.line(from: (.infinity, 0), to: (1, 1), color: nil)
            c.point(x: .nan, y: 0.5, color: nil)
            c.marker("o", x: 0.5, y: .nan, color: nil)
            c.setPixel(x: -1, y: 0, color: nil)  // off-canvas: clipped
            c.setPixel(x: 0, y: 10_000, color: nil)
            #expect(c.filledCells == 0)
        }
        if ascii { check(ASCIICanvas(columns: 4, rows: 2, xRange: 0...1, yRange: 0...1)) }
        else { check(BrailleCanvas(columns: 4, rows: 2, xRange: 0...1, yRange: 0...1)) }
    }

    @Test func markerCoversCellAndCarriesColor() {
        var b = BrailleCanvas(columns: 4, rows: 2, xRange: 0...1, yRange: 0...1)
        b.line(from: (0, 0.5), to: (1, 0.5), color: SeriesColor(0))
        b.marker("●", x: 1, y: 0.5, color: SeriesColor(1))
        #expect(b.glyph(row: 1, column: 3) == "●")
        #expect(b.color(row: 1, column: 3) == SeriesColor(1))
        #expect(b.color(row: 1, column: 0) == SeriesColor(0))
        #expect(b.color(row: 0, column: 0) == nil)
    }
}
