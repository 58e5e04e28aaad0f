import Foundation
import Testing
import Survey
@testable import SurveyRender

/// ASCII folding for `--ascii`; expected strings written by hand from the table in `ASCIIText`.
@Suite struct ASCIITextTests {
    @Test func folds() {
        #expect(ASCIIText.fold("KZ · Russia – 54% ± 2") == "KZ - Russia - 54% +/- 2")
        #expect(ASCIIText.fold("Café “quoted”…") == "Cafe \"quoted\"...")
        #expect(ASCIIText.fold("Жители Казахстана") == "Zhiteli Kazakhstana")
        #expect(ASCIIText.fold("Қазақстан, Өзбекстан") == "Qazaqstan, Ozbekstan")
        #expect(ASCIIText.fold("объём") == "obyom")
        #expect(ASCIIText.fold("中国 🙂") == "?? ?")
        #expect(ASCIIText.fold("plain") == "plain")
    }

    @Test(arguments: ["Жители Казахстана удовлетворены", "Ўзбекистон ҳамда Тоҷикистон", "é·–—…“”‘’±×≥≤°²³ ", "中国"])
    func alwaysSevenBit(_ text: String) {
        #expect(ASCIIText.fold(text).utf8.allSatisfy { $0 < 0x80 })
    }

    /// Accents and full-width forms without Foundation: wherever Foundation's
    /// `folding(options: [.diacriticInsensitive, .widthInsensitive])` gives ASCII — the reference,
    /// over Latin-1, Latin Extended-A/B, Latin Extended Additional (Vietnamese) and the full-width
    /// block — `withoutMarks` gives the same text.
    @Test func withoutMarksEqualsFoundationFolding() {
        let ranges: [ClosedRange<UInt32>] = [0xC0...0xFF, 0x100...0x24F, 0x1E00...0x1EFF, 0xFF01...0xFF5E, 0x3000...0x3000]
        var compared = 0
        for range in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let ch = Character(scalar)
                let reference = String(ch).folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
                guard !reference.isEmpty, reference.unicodeScalars.allSatisfy(\.isASCII) else { continue }
                compared += 1
                #expect(ASCIIText.withoutMarks(ch) == reference, "U+\(String(value, radix: 16, uppercase: true))")
            }
        }
        // Decomposed input (e + combining acute) folds as the precomposed letter does.
        #expect(ASCIIText.withoutMarks("e\u{301}") == "e")
        #expect(compared > 400)
    }
}
