import Foundation
import Testing

/// Collects, per statistic, how many comparisons with a peer (R, statsmodels, NIST) were made, the
/// largest error seen and the tolerance each was asserted at. Task-local: only a table test that
/// installs a recorder and calls the measuring tests collects anything, so no test depends on
/// another test having run first (Swift Testing runs them in any order, in parallel).
final class AgreementRecorder: @unchecked Sendable {
    @TaskLocal static var current: AgreementRecorder?

    struct Entry: Sendable, Equatable {
        var count = 0
        var worst = 0.0
        var tolerance = 0.0
    }

    private var entries: [String: Entry] = [:]
    private let lock = NSLock()

    /// Records one comparison into the installed recorder, if any.
    static func record(_ statistic: String, error: Double, tolerance: Double) {
        current?.add(statistic, error: error, tolerance: tolerance)
    }

    func add(_ statistic: String, error: Double, tolerance: Double) {
        lock.lock(); defer { lock.unlock() }
        var e = entries[statistic] ?? Entry()
        e.count += 1
        e.worst = max(e.worst, error.isNaN ? .infinity : error)
        e.tolerance = max(e.tolerance, tolerance)
        entries[statistic] = e
    }

    var snapshot: [String: Entry] {
        lock.lock(); defer { lock.unlock() }
        return entries
    }

    /// Runs `body` with a fresh recorder installed and returns what it recorded.
    static func measuring(_ body: () throws -> Void) rethrows -> [String: Entry] {
        let recorder = AgreementRecorder()
        try $current.withValue(recorder) { try body() }
        return recorder.snapshot
    }
}

/// The markdown table of measured maxima a doc carries between generated-block markers:
/// `| statistic | comparisons | max error | asserted ≤ |`. The committed figure must bound what
/// this run measured (measured ≤ figure ≤ 10 × measured, so it is neither an overclaim nor stale);
/// names, counts and tolerances must match exactly.
enum AgreementTable {
    static let header = "| statistic | comparisons | max error | asserted ≤ |\n|---|---:|---:|---:|\n"

    /// `x` rounded up to two significant digits (`1.23e-13` → `1.3e-13`), so the doc figure bounds it.
    static func up(_ x: Double) -> String {
        guard x > 0, x.isFinite else { return x == 0 ? "0" : "\(x)" }
        let scale = pow(10, floor(log10(x)) - 1)
        var mantissa = ceil(x / scale)
        var s = String(format: "%.1e", mantissa * scale)
        while let v = Double(s), v < x {
            mantissa += 1
            s = String(format: "%.1e", mantissa * scale)
        }
        return s
    }

    static func tolerance(_ t: Double) -> String { String(format: "%g", t) }

    static func render(_ entries: [String: AgreementRecorder.Entry], order: [String]? = nil) -> String {
        let keys = order ?? entries.keys.sorted()
        return header + keys.compactMap { k in
            entries[k].map { "| \(k) | \($0.count) | \(up($0.worst)) | \(tolerance($0.tolerance)) |\n" }
        }.joined()
    }

    /// Rows of a rendered or committed table: statistic → (comparisons, max error, tolerance).
    static func parse(_ block: String) -> [(String, Int, Double, Double)] {
        block.split(separator: "\n").dropFirst(2).compactMap { line in
            let f = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard f.count == 4, let n = Int(f[1]), let e = Double(f[2]), let t = Double(f[3]) else { return nil }
            return (f[0], n, e, t)
        }
    }

    /// Two units in the last place of 1 (4.4e-16): the least error a doc figure may keep over
    /// this run's (`verify`).
    static let lastPlaces = 2 * Double.ulpOfOne

    /// Writes (under `BAROMETER_WRITE_DOCS=1`) or checks the committed table against this run.
    /// Writing keeps, per statistic, the larger of this run's error and the committed figure: the
    /// last digits of BLAS results differ between CPUs (OpenBLAS picks its kernels by CPU), so the
    /// table holds the largest error measured on any machine it was written on, and a run on
    /// another machine type passes as long as its error is within 10× of that (or of `lastPlaces`).
    static func verify(_ entries: [String: AgreementRecorder.Entry], _ path: String, _ name: String,
                       order: [String]? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        if GeneratedBlock.writing {
            var merged = entries
            for (statistic, _, figure, _) in parse(GeneratedBlock.committed(path, name) ?? "") {
                if let e = merged[statistic] { merged[statistic]?.worst = max(e.worst, figure) }
            }
            return try GeneratedBlock.write(render(merged, order: order), path, name)
        }
        let block = render(entries, order: order)
        let committed = parse(GeneratedBlock.committed(path, name) ?? "")
        let measured = parse(block)
        #expect(committed.map(\.0) == measured.map(\.0), "\(path) \(name): statistics differ; regenerate with BAROMETER_WRITE_DOCS=1",
                sourceLocation: sourceLocation)
        for (c, m) in zip(committed, measured) where c.0 == m.0 {
            let e = entries[m.0]?.worst ?? .infinity
            #expect(c.1 == m.1 && c.3 == m.3, "\(path) \(name) \(c.0): comparisons/tolerance \(c.1)/\(c.3), measured \(m.1)/\(m.3)",
                    sourceLocation: sourceLocation)
            // A doc figure of a few units in the last place passes where this machine measured
            // less, or none: which bits OpenBLAS's kernels round differs by CPU (a deff matched
            // R to 3.9e-16 on one host and exactly on another, with AVX-512 kernels).
            #expect(e <= c.2 && (c.2 <= 10 * max(e, Self.lastPlaces) || c.2 == 0),
                    "\(path) \(name) \(c.0): doc says \(c.2), this run measured \(e)",
                    sourceLocation: sourceLocation)
        }
    }
}
