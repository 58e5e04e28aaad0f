import Foundation
import Testing
@testable import barometer
import Survey

/// `--ci-method logit` on a replicate design where a replicate's share is exactly 0 or 1: the
/// share of schools in district 637 (one of apiclus1's 15 clusters), JK1. The replicate that
/// deletes that cluster has share 0, an infinite logit; barometer dropped it and printed
/// [0.0353, 0.1004] from the other 14 — narrower than ± one SE (0.062). R `survey` 4.1.1:
/// `svyciprop(~one, as.svrepdesign(svydesign(id = ~dnum, weights = ~pw, data = apiclus1,
/// fpc = ~fpc), type = "JK1"), method = "logit")` gives 0.0601 with CI [2.748366e-19, 1]
/// (its svyglm does not converge in that replicate: logit variance 347.6).
@Suite struct LogitReplicateCommandTests {
    static let data: String = {
        let source = RakeCommandTests.fixtures.appendingPathComponent("rsurvey/data/apiclus1.csv").path
        let lines = (try? String(contentsOfFile: source, encoding: .utf8))?.split(whereSeparator: \.isNewline) ?? []
        let header = lines.first.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) } ?? []
        let dnum = header.firstIndex { $0 == "dnum" || $0 == "\"dnum\"" } ?? 0
        let out = ([header.joined(separator: ",") + ",one"] + lines.dropFirst().map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            return line + "," + (fields[dnum] == "637" ? "1" : "0")
        }).joined(separator: "\n") + "\n"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("apione-\(UUID().uuidString).csv").path
        try? out.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }()

    static let command = ["estimate", data, "--weights", "pw", "--cluster", "dnum", "--fpc", "fpc",
                          "--to-replicates", "jk1", "--proportion", "one"]

    @Test func shareOfZeroInAReplicateGivesRsUnitInterval() throws {
        let r = Barometer.execute(Self.command + ["--ci-method", "logit", "--format", "json"])
        #expect(r.exitCode == 0, "\(r.errors)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any])
        let rows = try #require(json["estimates"] as? [[String: Any]])
        let one = try #require(rows.first { $0["level"] as? String == "1" })
        #expect(abs((one["estimate"] as? Double ?? .nan) - 0.0601) < 1e-4)
        #expect((one["ci_lower"] as? Double ?? .nan) <= 2.748366e-19 + 1e-15)
        #expect(abs((one["ci_upper"] as? Double ?? .nan) - 1) < 1e-12)
        let text = Barometer.execute(Self.command + ["--ci-method", "logit"])
        #expect(text.output.contains("2 logit interval(s) are [0, 1]: a replicate's share is exactly 0 or 1"), "\(text.output)")
    }

    /// xlogit builds the interval from the SE (delta method), so the replicate does not matter
    /// and no note is printed.
    @Test func xlogitIsUnaffected() {
        let r = Barometer.execute(Self.command + ["--ci-method", "xlogit"])
        #expect(r.exitCode == 0, "\(r.errors)")
        #expect(!r.output.contains("logit interval(s) are [0, 1]"))
    }
}
