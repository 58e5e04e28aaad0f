import Foundation
import Testing
@testable import barometer

/// Published figures: a sweep found overview's note sending readers to "verbatim quotes" that the
/// JSON did not hold, and the Gallup block's caveats (unverified, machine-translated) tied to no
/// figure. Expected values from datasets/published/sources.csv and series.csv.
@Suite struct PublishedSourceTests {
    @Test("table --format json: each published figure's source carries its verbatim quote; CAB's sources none")
    func quotesInJSON() throws {
        let r = Barometer.execute(["table", "--dataset", "gallup", "--country", "KZ", "--target", "Russia", "--format", "json"])
        let j = try #require(try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any])
        let sources = try #require(j["sources"] as? [[String: Any]])
        let pravda = try #require(sources.first { $0["id"] as? String == "news-pravda-1" })
        // sources.csv, row news-pravda-1: the quote begins so and names Kazakhstan's 30% (the 2025 figure).
        let quote = try #require(pravda["quote"] as? String)
        #expect(quote.hasPrefix("In Tajikistan, 64% of citizens are pro-Russian") && quote.contains("Kazakhstan: 30% versus 20%"))
        let cab = Barometer.execute(["table", "--dataset", "cab", "--country", "KZ", "--target", "Russia", "--format", "json"])
        #expect(!cab.output.contains("\"quote\""))
    }

    @Test("overview: each Gallup caveat names the figures it applies to")
    func caveatsNameTheirFigures() {
        let r = Barometer.execute(["overview", "--country", "KZ", "--width", "200"])
        #expect(r.exitCode == 0)
        // series.csv: KZ Russia 2025 (news-pravda) is flagged unverified; 2021 and 2022 machine-translated.
        #expect(r.output.contains("Note: unverified: Secondary report not verified against the original survey. [KZ Russia 2025]"),
                "\(r.output)")
        #expect(r.output.contains("[KZ Russia 2021; KZ Russia 2022]"))
        #expect(r.output.contains("No sample size published: no SE or interval can be given. [every figure]"))
    }
}
