import Testing
import Survey

/// Issue 12 item 4: a series gets no more decimals than its source published.
@Suite struct SeriesPrecisionTests {
    static func obs(_ x: Double) -> Observation {
        Observation(dataset: "d", country: "KZ", target: "Russia", item: "i", wave: "w", date: "2021", measure: "approve",
                    estimate: x, sourceID: "s")
    }

    /// Gallup KZ Russia 2021 0.55, 2022 0.29, 2025 0.30 (datasets/published/series.csv): whole percents.
    @Test func gallupIsWhole() {
        #expect(SeriesPrecision.decimals([0.55, 0.29, 0.30].map(Self.obs), requested: 1) == 0)
    }

    /// Shares written with six decimals (e.g. 0.470677): the requested decimals.
    @Test func computedTakesRequested() {
        #expect(SeriesPrecision.decimals([0.470677, 0.731114].map(Self.obs), requested: 1) == 1)
        #expect(SeriesPrecision.decimals([0.470677].map(Self.obs), requested: 3) == 3)
    }

    /// A computed share that happens to be round (4 of 8 respondents, SE known) keeps the decimal.
    @Test func roundComputedShareKeepsDecimals() {
        var o = Self.obs(0.5)
        o.se = 0.18
        #expect(SeriesPrecision.decimals([o], requested: 1) == 1)
    }

    /// CAB's own post, "51,6% of Kazakhstanis" (ca-barometer-1): one decimal published.
    @Test func publishedDecimal() {
        #expect(SeriesPrecision.decimals([0.516, 0.2].map(Self.obs), requested: 2) == 1)
    }
}
