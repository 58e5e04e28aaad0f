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
}
