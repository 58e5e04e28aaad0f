import Foundation
import Testing
@testable import Survey

/// NIST StRD linear least squares (certified values: NIST/ITL, 500-digit arithmetic; files and
/// provenance in `Tests/Fixtures/strd/SOURCES.md`). Minimum LREs are issue 2's accuracy gate.
@Suite struct StRDTests {
    struct Gate: Sendable, CustomStringConvertible {
        let name: String
        let coefficients: Double
        let sds: Double
        var description: String { name }
    }

    static let gates: [Gate] = [
        Gate(name: "Norris", coefficients: 9, sds: 9), Gate(name: "Pontius", coefficients: 9, sds: 9),
        Gate(name: "NoInt1", coefficients: 9, sds: 9), Gate(name: "NoInt2", coefficients: 9, sds: 9),
        Gate(name: "Filip", coefficients: 7, sds: 7), Gate(name: "Longley", coefficients: 9, sds: 9),
        Gate(name: "Wampler1", coefficients: 9, sds: 9), Gate(name: "Wampler2", coefficients: 9, sds: 9),
        Gate(name: "Wampler3", coefficients: 9, sds: 9), Gate(name: "Wampler4", coefficients: 7, sds: 9),
        Gate(name: "Wampler5", coefficients: 5.5, sds: 9),
    ]

    @Test(arguments: gates)
    func certifiedValues(_ gate: Gate) throws {
        let c = try StRDCase.load(gate.name)
        let row = try StRDAccuracy.row(for: c)
        #expect(row.coefficients >= gate.coefficients, "\(c.name): coefficient LRE \(row.coefficients)")
        #expect(row.sds >= gate.sds, "\(c.name): SD LRE \(row.sds)")
        #expect(row.residualSD >= gate.sds, "\(c.name): residual SD LRE \(row.residualSD)")
        #expect(row.rSquared >= gate.sds, "\(c.name): R² LRE \(row.rSquared)")
    }

    /// Writes the LRE table to `docs/accuracy.md`'s generated block when
    /// `BAROMETER_WRITE_ACCURACY=1` (run: `BAROMETER_WRITE_ACCURACY=1 swift test --filter StRDTests`).
    @Test func accuracyTable() throws {
        let cases = try StRDCase.names.map { try StRDCase.load($0) }
        let rows = try cases.map { try StRDAccuracy.row(for: $0) }
        // Ablations for docs/accuracy.md: raw polynomial basis (no centring), and additionally no
        // refinement (the plain column-scaled pivoted QR in double precision).
        let raw = try cases.map { try StRDAccuracy.row(for: $0, centre: false) }
        let plain = try cases.map { try StRDAccuracy.row(for: $0, centre: false, steps: 1) }
        let table = StRDAccuracy.markdown(rows) + "\nAblation — same solver without centring polynomial terms, "
            + "and additionally without refinement (plain double-precision QR):\n\n"
            + StRDAccuracy.ablation(raw: raw, plain: plain)
        #expect(rows.count == 11)
        if ProcessInfo.processInfo.environment["BAROMETER_WRITE_ACCURACY"] == "1" {
            try StRDAccuracy.write(table, to: SharedData.packageRoot.appendingPathComponent("docs/accuracy.md"))
        }
    }
}

/// Minimum LREs of one fit against NIST's certified values.
enum StRDAccuracy {
    struct Row {
        let name: String, coefficients: Double, sds: Double, residualSD: Double, rSquared: Double
        let steps: Int, rcond: Double, seconds: Double
    }

    static func row(for c: StRDCase, centre: Bool = true, steps: Int = LeastSquares.defaultMaxSteps) throws -> Row {
        var model = c.model
        model.centrePolynomials = centre
        model.maxRefinementSteps = steps
        let start = Date()
        let fit = try model.fit()
        let seconds = Date().timeIntervalSince(start)
        let coef = zip(fit.coefficients, c.certifiedEstimates).map { logRelativeError($0, $1) }.min() ?? 0
        let sds = zip(fit.standardErrors, c.certifiedSDs).map { logRelativeError($0, $1) }.min() ?? 0
        return Row(name: c.name, coefficients: coef, sds: sds,
                   residualSD: logRelativeError(fit.residualSD, c.certifiedResidualSD),
                   rSquared: logRelativeError(fit.rSquared, c.certifiedRSquared),
                   steps: fit.refinementSteps, rcond: fit.reciprocalCondition, seconds: seconds)
    }

    static func markdown(_ rows: [Row]) -> String {
        func f(_ x: Double) -> String { String(format: "%.1f", x) }
        var s = "| dataset | min LRE coefficients | min LRE SDs | LRE residual SD | LRE R² | refinement steps | 1/cond (scaled) |\n"
        s += "|---|---:|---:|---:|---:|---:|---:|\n"
        for r in rows {
            s += "| \(r.name) | \(f(r.coefficients)) | \(f(r.sds)) | \(f(r.residualSD)) | \(f(r.rSquared)) | \(r.steps) | \(String(format: "%.1e", r.rcond)) |\n"
        }
        return s
    }

    static func ablation(raw: [Row], plain: [Row]) -> String {
        func f(_ x: Double) -> String { String(format: "%.1f", x) }
        var s = "| dataset | raw basis, refined: coefficients | SDs | plain QR: coefficients | SDs |\n|---|---:|---:|---:|---:|\n"
        for (r, p) in zip(raw, plain) {
            s += "| \(r.name) | \(f(r.coefficients)) | \(f(r.sds)) | \(f(p.coefficients)) | \(f(p.sds)) |\n"
        }
        return s
    }

    /// Replaces the text between the `<!-- lre-table -->` markers of `url`.
    static func write(_ table: String, to url: URL) throws {
        let begin = "<!-- lre-table:begin -->\n", end = "<!-- lre-table:end -->"
        var text = (try? String(contentsOf: url, encoding: .utf8)) ?? begin + end + "\n"
        if let b = text.range(of: begin), let e = text.range(of: end), b.upperBound <= e.lowerBound {
            text.replaceSubrange(b.upperBound..<e.lowerBound, with: table)
        }
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".accuracy.md.tmp")
        try text.write(to: tmp, atomically: false, encoding: .utf8)
        guard rename(tmp.path, url.path) == 0 else { throw StRDError("cannot rename \(tmp.path)") }
    }
}
