import Foundation
import Testing
import Survey

/// Issue 17 item 4: `SourceCaption`'s regexes became hand scanners (ICU's first regex compile
/// cost a third of an interactive command). Oracle: ICU itself (`range(of:options:
/// .regularExpression)` with the patterns the scanners replace), on hand cases and on seeded
/// random strings built from the characters the patterns care about.
@Suite struct CitationScanTests {
    static let doiPattern = #"10\.[0-9]{4,9}/[^\s;,]+"#
    static let wavePattern = #"[Ww]ave [0-9]+"#
    static let filePattern = #"from [A-Za-z0-9_.\-]+\.(xlsx|csv|sav|dta|zip)"#

    static func icu(_ pattern: String, _ text: String) -> String? {
        text.range(of: pattern, options: .regularExpression).map { String(text[$0]) }
    }

    /// Hand cases: the expected match is read off the pattern by hand.
    @Test func handCases() {
        #expect(CitationScan.doi(in: "Discuss Data, doi:10.48320/1AFC5235-EB1F. Computed") == "10.48320/1AFC5235-EB1F.")
        #expect(CitationScan.doi(in: "10.123/x 10.1234/y;z") == "10.1234/y")   // 3 digits is too few
        #expect(CitationScan.doi(in: "10.1234567890/x") == nil)                 // 10 digits is too many
        #expect(CitationScan.doi(in: "10.1234/ x") == nil)                      // nothing after the slash
        #expect(CitationScan.doi(in: "10.1234/a\u{2003}b") == "10.1234/a")      // em space is \s
        #expect(CitationScan.wave(in: "Survey, Wave 12 (autumn 2022)") == "Wave 12")
        #expect(CitationScan.wave(in: "waves 4, wave x, wave 7") == "wave 7")
        #expect(CitationScan.fromFile(in: "Computed by barometer from CAB_2017_KZ.csv.") == "from CAB_2017_KZ.csv")
        #expect(CitationScan.fromFile(in: "from a.csv.zip") == "from a.csv.zip")  // greedy: the last .ext
        #expect(CitationScan.fromFile(in: "from a.csvx") == "from a.csv")
        #expect(CitationScan.fromFile(in: "from .csv, from b.dta") == "from b.dta") // the name needs a character
    }

    /// Seeded random strings over the alphabet the three patterns distinguish: every scanner
    /// returns exactly what ICU matches.
    @Test func agreesWithICU() {
        let pieces = ["10.", "1", "0", "2", "9", "/", ".", ";", ",", " ", "\t", "\u{A0}", "\u{2028}", "a", "x", "-", "_",
                      "W", "w", "ave ", "wave ", "from ", "csv", "xlsx", "sav", "dta", "zip", "é", "\u{301}", "\n"]
        var rng = SplitMix64(seed: 17)
        for _ in 0..<3000 {
            let n = Int(rng.next() % 14) + 1
            let text = (0..<n).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            #expect(CitationScan.doi(in: text) == Self.icu(Self.doiPattern, text), "doi in \(text.debugDescription)")
            #expect(CitationScan.wave(in: text) == Self.icu(Self.wavePattern, text), "wave in \(text.debugDescription)")
            #expect(CitationScan.fromFile(in: text) == Self.icu(Self.filePattern, text), "file in \(text.debugDescription)")
        }
    }

    /// Every citation of the built-in data scans as ICU matches it.
    @Test func builtInCitations() throws {
        let catalog = try SeriesCatalog.builtIn()
        for source in catalog.datasets.flatMap(\.sources) {
            let text = source.citation + " " + (source.url ?? "")
            #expect(CitationScan.doi(in: text) == Self.icu(Self.doiPattern, text))
            #expect(CitationScan.wave(in: source.citation) == Self.icu(Self.wavePattern, source.citation))
            #expect(CitationScan.fromFile(in: source.citation) == Self.icu(Self.filePattern, source.citation))
        }
    }
}
