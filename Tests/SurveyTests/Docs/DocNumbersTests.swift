import Foundation
import Testing
import Survey
@testable import SurveyData

/// Numbers typed in the prose of docs/*.md (registered in docs/claims.md) against where they come
/// from: the generated tables, the committed reference files, R's output, the constants the
/// tests assert with.
@Suite struct DocNumbersTests {
    static func doc(_ path: String) throws -> String {
        ClaimsRegister.squash(try String(contentsOf: GeneratedBlock.url(path), encoding: .utf8))
    }

    /// Cells of the rows of a generated block whose first cell is `name` (one array per row).
    static func rows(_ path: String, _ block: String, _ name: String) -> [[String]] {
        (GeneratedBlock.committed(path, block) ?? "").split(separator: "\n")
            .map { ClaimsRegister.cellsOf(String($0)) }
            .filter { $0.first == name }
    }

    /// docs/accuracy.md's prose gains are the generated table's cells: main table (centred,
    /// refined) and ablation (raw basis refined | SDs | plain QR | SDs).
    @Test func accuracyProseMatchesTheGeneratedTable() throws {
        let text = try Self.doc("docs/accuracy.md")
        func main(_ name: String) throws -> [String] { try #require(Self.rows("docs/accuracy.md", "lre-table", name).first) }
        func ablation(_ name: String) throws -> [String] { try #require(Self.rows("docs/accuracy.md", "lre-table", name).last) }
        let filip = try main("Filip"), filipRaw = try ablation("Filip")
        let longley = try main("Longley"), longleyRaw = try ablation("Longley")
        let wampler1Raw = try ablation("Wampler1")
        #expect(filip.count == 7 && filipRaw.count == 5)
        #expect(text.contains("its coefficient LRE rises \(filipRaw[1]) → \(filip[1])"))
        #expect(text.contains("Gain: Filip \(filipRaw[3]) → \(filipRaw[1]) in the raw basis, Longley \(longleyRaw[3]) → \(longley[1]), "
            + "Wampler1 \(wampler1Raw[3]) → \(wampler1Raw[1])"))
        #expect(text.contains("lifts Filip's SDs from \(filipRaw[4]) to \(filipRaw[2])"))
        #expect(longleyRaw[1] == longley[1], "Longley has no polynomial: centring changes nothing")
    }

    /// "Filip's scaled condition drops from ≈ 1e10 to ≈ 2.5e3": LAPACK `dtrcon`'s estimate of the
    /// column-scaled design's 1/cond as the fit reports it, raw and centred basis (≈ meaning
    /// within a factor of 2).
    @Test func filipConditionNumbers() throws {
        let filip = try StRDCase.load("Filip")
        let centred = 1 / (try StRDAccuracy.row(for: filip)).rcond
        let raw = 1 / (try StRDAccuracy.row(for: filip, centre: false)).rcond
        #expect(centred > 2.5e3 / 2 && centred < 2.5e3 * 2, "centred cond \(centred)")
        #expect(raw > 1e10 / 2 && raw < 1e10 * 2, "raw cond \(raw)")
        #expect(try Self.doc("docs/accuracy.md").contains("Filip's scaled condition drops from ≈ 1e10 to ≈ 2.5e3"))
    }

    /// docs/design-estimation.md: 1e-10 relative, absolute 1e-12 where R's value is below
    /// 1e-12, and 1e-8 for the IRLS-limited `svyciprop` results.
    @Test func designTolerancesAreTheStatedOnes() throws {
        #expect(AgreementLog.tolerance == 1e-10 && AgreementLog.zero == 1e-12 && AgreementLog.iteratedTolerance == 1e-8)
        let text = try Self.doc("docs/design-estimation.md")
        #expect(text.contains("absolute 1e-12 where R's value is below 1e-12"))
        #expect(text.contains("`design.json` at 1e-8"))
    }

    /// "writes 3,723 reference values": data rows of Tests/Fixtures/distributions/reference.csv.
    @Test func distributionReferenceCount() throws {
        let csv = try String(contentsOf: GeneratedBlock.url("Tests/Fixtures/distributions/reference.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\n").count - 1
        let stated = try #require(try Self.doc("docs/distributions.md").firstMatch(of: /writes ([\d,]+) reference values/))
        #expect(Int(stated.1.replacingOccurrences(of: ",", with: "")) == rows, "reference.csv has \(rows) rows")
    }

    /// docs/models.md: "an intercept SE of 10.971 with `--weights` (svyglm) and 11.618 with
    /// `--precision-weights` (lm)" — R's values in models.json (`weights_only`, `precision_weights`)
    /// rounded to three decimals (the CLI's agreement with them: `RegressModelsCommandTests`).
    @Test func modelsInterceptSEsAreR() throws {
        let url = GeneratedBlock.url("Tests/Fixtures/rsurvey-extra/models.json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let cases = try #require(json["cases"] as? [String: Any])
        func se(_ name: String) throws -> Double {
            let c = try #require(cases[name] as? [String: Any])
            let coefficients = try #require(c["coefficients"] as? [String: Any])
            return try #require((coefficients["(Intercept)"] as? [String: Any])?["se"] as? Double)
        }
        let svyglm = String(format: "%.3f", try se("weights_only")), lm = String(format: "%.3f", try se("precision_weights"))
        #expect(try Self.doc("docs/models.md").contains("intercept SE of \(svyglm) with `--weights` (svyglm) and \(lm) with"),
                "R: \(svyglm), \(lm)")
    }

    /// docs/hostile-input.md: a `.sav`/`.dta` header's row count pre-sizes columns "up to 65,536
    /// rows" (`HostileStatFileTests` checks the capacity stays within this cap).
    @Test func statReserveCap() throws {
        #expect(StatParseContext.reserveCap == 65_536)
        #expect(try Self.doc("docs/hostile-input.md").contains("up to 65,536 rows"))
    }

    /// docs/cab-waves.md: "The 27 wave 1 rows carry the flag `psu-in-two-strata`": rows of
    /// datasets/cab/favorability.csv (re-derived from the microdata by `CABMicrodataTests`).
    @Test func waveOneRowsCarryTheFlag() throws {
        let text = try String(contentsOf: GeneratedBlock.url("datasets/cab/favorability.csv"), encoding: .utf8)
        let file = try SeriesFile.parse(text, file: "favorability.csv")
        let wave1 = file.observations.filter { $0.wave == "2017-summer" }
        #expect(wave1.count == 27)
        #expect(wave1.allSatisfy { $0.flags.contains("psu-in-two-strata") })
        #expect(file.observations.filter { $0.flags.contains("psu-in-two-strata") }.count == 27)
        #expect(try Self.doc("docs/cab-waves.md").contains("The 27 wave 1 rows carry the flag `psu-in-two-strata`"))
    }

    /// docs/data-input.md: "The file is read in 4 MiB chunks": the reader's default chunk.
    @Test func csvChunkSize() throws {
        #expect(CSVReader().chunkSize == 4 << 20)
        #expect(try Self.doc("docs/data-input.md").contains("The file is read in 4 MiB chunks"))
    }

    /// docs/hostile-input.md: `scripts/fuzz` runs with "a 2 GB RSS limit" and "CI runs each target
    /// for 20 seconds" (`.ci/run`).
    @Test func fuzzSettings() throws {
        let fuzz = try String(contentsOf: GeneratedBlock.url("scripts/fuzz"), encoding: .utf8)
        let ci = try String(contentsOf: GeneratedBlock.url(".ci/run"), encoding: .utf8)
        #expect(fuzz.contains("-rss_limit_mb=2048"))
        #expect(ci.contains("scripts/fuzz \"$target\" 20 "))
    }
}
