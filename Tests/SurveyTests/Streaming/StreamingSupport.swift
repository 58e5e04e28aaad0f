import Foundation
import Testing
import Survey
@testable import SurveyNumerics

/// A SYNTHETIC, seeded survey file for the streaming tests: 6 strata × 5 PSUs (ids unique across
/// strata), a numeric domain `dom` (1…4, some cells empty: rows in no domain), a text domain
/// `region` (levels in first-seen order north, south, east), numeric `y` and positive `z`, a
/// categorical `q` (1…3), weights `w` and 12 replicate weights `rw1…rw12` varying by PSU.
enum StreamingFixture {
    static let replicates = 12

    static func csv(rows n: Int, seed: UInt64) -> String {
        var rng = SplitMix64(seed: seed)
        let factors = (0..<30).map { _ in (0..<replicates).map { _ in 0.4 + 1.2 * rng.nextUnit() } }
        var text = "stratum,psu,dom,region,y,z,q,w," + (1...replicates).map { "rw\($0)" }.joined(separator: ",") + "\n"
        let regions = ["north", "south", "east"]
        for i in 0..<n {
            let psu = i * 30 / n, stratum = psu / 5
            let dom = rng.nextUnit() < 0.05 ? "" : String(1 + Int(rng.nextUnit() * 4))
            let region = regions[i < 3 ? i : Int(rng.nextUnit() * 3)]
            let y = (100 * (Double(stratum) + rng.nextUnit() * 5)).rounded() / 100
            let z = 1 + (rng.nextUnit() * 1000).rounded() / 100
            let q = 1 + Int(rng.nextUnit() * 3)
            let w = 10 + (rng.nextUnit() * 4000).rounded() / 100
            let reps = factors[psu].map { String((w * $0 * 10_000).rounded() / 10_000) }
            text += "\(stratum + 1),\(psu + 101),\(dom),\(region),\(y),\(z),\(q),\(w)," + reps.joined(separator: ",") + "\n"
        }
        return text
    }

    /// Bytes of every line of `fixedWidthCSV` (newline included), so a chunk of k·fixedLineBytes
    /// bytes is exactly k rows.
    static let fixedLineBytes = 33 + 8 * replicates

    /// The same columns as `csv`, every cell zero-padded to a fixed width (a row in no domain has
    /// an empty `dom` and a one-character-longer `region`), so every line has `fixedLineBytes`
    /// bytes: stratum (1 digit), psu (3), dom (1 or empty), region (4 or 5 letters), y (5: 00.00–10.00),
    /// z (5: 01.00–11.00), q (1), w (5: 10.00–50.00), rw1…rw12 (7 each: 04.0000–80.0000).
    static func fixedWidthCSV(rows n: Int, seed: UInt64) -> String {
        var rng = SplitMix64(seed: seed)
        let factors = (0..<30).map { _ in (0..<replicates).map { _ in 0.4 + 1.2 * rng.nextUnit() } }
        func fixed(_ x: Double, _ width: Int, _ decimals: Int) -> String { String(format: "%0\(width).\(decimals)f", x) }
        var text = "stratum,psu,dom,region,y,z,q,w," + (1...replicates).map { "rw\($0)" }.joined(separator: ",") + "\n"
        let regions = ["nrth", "soth", "east"]
        for i in 0..<n {
            let psu = i * 30 / n, stratum = psu / 5
            let missing = rng.nextUnit() < 0.05
            let dom = missing ? "" : String(1 + Int(rng.nextUnit() * 4))
            let region = regions[i < 3 ? i : Int(rng.nextUnit() * 3)] + (missing ? "x" : "")
            let y = fixed((100 * (Double(stratum) + rng.nextUnit() * 5)).rounded() / 100, 5, 2)
            let z = fixed(1 + (rng.nextUnit() * 1000).rounded() / 100, 5, 2)
            let q = 1 + Int(rng.nextUnit() * 3)
            let w = 10 + (rng.nextUnit() * 4000).rounded() / 100
            let reps = factors[psu].map { fixed((w * $0 * 10_000).rounded() / 10_000, 7, 4) }
            text += "\(stratum + 1),\(psu + 101),\(dom),\(region),\(y),\(z),\(q),\(fixed(w, 5, 2))," + reps.joined(separator: ",") + "\n"
        }
        return text
    }

    /// Writes `text` to a fresh temporary file and returns its path.
    static func write(_ text: String, name: String = "stream.csv") throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Streams `path` in chunks of `chunkBytes` through an estimator.
    static func stream(_ path: String, request: StreamingRequest, design: StreamingDesign, chunkBytes: Int,
                       threads: Int = 1) throws -> (estimate: Estimate, summary: DesignSummary) {
        var estimator = try StreamingEstimator(request: request, design: design)
        try StreamingCSV(path: path, chunkBytes: chunkBytes, threads: threads).forEachChunk { chunk, before in
            try estimator.add(chunk, rowsBefore: before)
        }
        return try estimator.estimate()
    }

    /// Relative difference, with an absolute floor for values near zero.
    static func relative(_ a: Double, _ b: Double) -> Double {
        a == b ? 0 : abs(a - b) / max(abs(a), abs(b), 1e-300)
    }

    /// Every element agrees: labels, n, df and rule exactly; value, SE, interval and Kish n to `tolerance`.
    static func expectSame(_ s: Estimate, _ m: Estimate, tolerance: Double, _ context: String) {
        #expect(s.elements.count == m.elements.count, "\(context): element count")
        for (a, b) in zip(s.elements, m.elements) {
            #expect(a.statistic == b.statistic && a.variable == b.variable && a.level == b.level && a.domain == b.domain,
                    "\(context): labels \(a.variable) \(a.level ?? "") \(a.domain?.value ?? "")")
            #expect(a.n == b.n && a.degreesOfFreedom == b.degreesOfFreedom && a.dfRule == b.dfRule, "\(context): n/df \(a.variable)")
            for (x, y, what) in [(a.value, b.value, "value"), (a.standardError, b.standardError, "SE"),
                                 (a.ciLower, b.ciLower, "lower"), (a.ciUpper, b.ciUpper, "upper"),
                                 (a.effectiveSampleSize, b.effectiveSampleSize, "Kish n")] {
                #expect(relative(x, y) <= tolerance, "\(context): \(what) of \(a.variable) \(a.level ?? "") \(a.domain?.value ?? ""): \(x) vs \(y)")
            }
        }
        for i in 0..<min(s.covariance.rows, m.covariance.rows) {
            for j in 0..<s.covariance.columns {
                let scale = (m.covariance[i, i] * m.covariance[j, j]).squareRoot()
                #expect(abs(s.covariance[i, j] - m.covariance[i, j]) <= tolerance * max(scale, 1e-300), "\(context): cov[\(i),\(j)]")
            }
        }
    }
}
