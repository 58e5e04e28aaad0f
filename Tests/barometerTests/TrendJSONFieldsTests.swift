import Foundation
import Testing
@testable import barometer

/// docs/json-contract.md: "`breakpoint` is an object only for `--model segmented`" (with `kind`,
/// `time`, `test`; null otherwise) and `state_noise` only for `local-trend`, on the Kazakhstan Russia series.
@Suite struct TrendJSONFieldsTests {
    static func fit(_ model: String) throws -> [String: Any] {
        let r = Barometer.execute(["trend", "--dataset", "cab", "--country", "KZ", "--target", "Russia", "--model", model,
                                   "--across-break", "--format", "json"])
        #expect(r.exitCode == 0, "\(model): \(r.errors)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any])
    }

    @Test func breakpointAndStateNoiseOnlyForTheirModels() throws {
        for model in ["linear", "quadratic", "logit"] {
            let json = try Self.fit(model)
            #expect(json["breakpoint"] is NSNull && json["state_noise"] is NSNull, "\(model)")
        }
        let segmented = try Self.fit("segmented")
        let breakpoint = try #require(segmented["breakpoint"] as? [String: Any])
        #expect(breakpoint["kind"] is String && breakpoint["time"] is NSNumber && breakpoint["test"] is [String: Any])
        #expect(segmented["state_noise"] is NSNull)
    }

    /// docs/json-contract.md: "Every row carries its identifying columns (`dataset`, `country`,
    /// `target`, `item`, `wave`, `measure`)" — every row of `table --format json` (CAB and Gallup).
    @Test func everyTableRowCarriesItsIdentifyingColumns() throws {
        let r = Barometer.execute(["table", "--country", "KZ", "--target", "Russia", "--format", "json"])
        #expect(r.exitCode == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any])
        let rows = try #require(json["rows"] as? [[String: Any]])
        #expect(Set(rows.compactMap { $0["dataset"] as? String }) == ["cab", "gallup"])
        for row in rows {
            for key in ["dataset", "country", "target", "item", "wave", "measure"] {
                #expect((row[key] as? String)?.isEmpty == false, "\(key) missing in \(row)")
            }
        }
    }
}
