import Testing
import Survey

/// Issue 12 item 3: one function collapses citations sharing a DOI; `full` lists each.
@Suite struct SourceCaptionTests {
    static let doi = "10.48320/1AFC5235-EB1F-4A23-80B6-036515CE1916"
    /// CAB Kazakhstan waves 4, 8, 12 as cited in datasets/cab/favorability.csv (shortened).
    static let cab = [(4, "2018"), (8, "2020"), (12, "2022")].map { w, y in
        SourceReference(id: "cab-w\(w)-KZ", citation: "Central Asia Barometer, Central Asia Barometer Survey, wave \(w) (autumn \(y)), Kazakhstan. Data deposit: Discuss Data, doi:\(doi). Computed by barometer from CAB_\(y)_KZ.xlsx.",
                        url: "https://doi.org/\(doi)")
    }

    @Test func collapsesOneDeposit() {
        #expect(SourceCaption.line(Self.cab)
                == "Source: Central Asia Barometer, waves 4, 8, 12 (CAB_2018_KZ.xlsx, …, CAB_2022_KZ.xlsx); doi:\(Self.doi)")
        #expect(SourceCaption.line(Array(Self.cab.prefix(2)))
                == "Source: Central Asia Barometer, waves 4, 8 (CAB_2018_KZ.xlsx, CAB_2020_KZ.xlsx); doi:\(Self.doi)")
    }

    @Test func fullListsEach() {
        let full = SourceCaption.full(Self.cab)
        #expect(full.count == 3)
        #expect(full[0].hasPrefix("[cab-w4-KZ] Central Asia Barometer"))
        let footer = SourceCaption.footer(Self.cab, detail: .full)
        #expect(footer.notes == full)
        #expect(SourceCaption.footer(Self.cab, detail: .short).notes.isEmpty)
    }

    /// A publisher whose name holds a dot keeps it (`news-pravda.com`, not `news-pravda`).
    @Test func publisherWithDot() {
        let s = SourceReference(id: "n", citation: "news-pravda.com, \"Central Asia …\", 2026-02-13.", url: "https://greece.news-pravda.com/x")
        #expect(SourceCaption.line([s]) == "Source: news-pravda.com; https://greece.news-pravda.com/x")
    }
}
