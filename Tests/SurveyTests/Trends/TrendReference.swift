import Foundation
import Survey

/// The committed peer output for the trend models: `Tests/Fixtures/trends/reference.json`
/// (statsmodels, written by `reference.py`) and `r-reference.json` (R lm/glm/segmented, written
/// by `reference.R`). Both scripts sit beside the JSON; the series are seeded synthetic or
/// hand-constructed (labelled as such in the script).
struct TrendReference: @unchecked Sendable {
    let series: [[String: Any]]
    let r: [String: [String: Any]]

    static let shared: TrendReference? = {
        let dir = SharedData.packageRoot.appendingPathComponent("Tests/Fixtures/trends")
        guard let a = try? Data(contentsOf: dir.appendingPathComponent("reference.json")),
              let b = try? Data(contentsOf: dir.appendingPathComponent("r-reference.json")),
              let pj = try? JSONSerialization.jsonObject(with: a) as? [String: Any],
              let rj = try? JSONSerialization.jsonObject(with: b) as? [String: Any],
              let ps = pj["series"] as? [[String: Any]], let rs = rj["series"] as? [[String: Any]]
        else { return nil }
        var byName: [String: [String: Any]] = [:]
        for s in rs { if let n = s["name"] as? String { byName[n] = s } }
        return TrendReference(series: ps, r: byName)
    }()

    static var names: [String] { ["synthetic-logit", "synthetic-break", "constructed-kz"] }

    func entry(_ name: String) -> [String: Any] {
        series.first { ($0["name"] as? String) == name } ?? [:]
    }

    /// The series as model input (dates → decimal years through `WaveDate`).
    func data(_ name: String) throws -> TrendData {
        let e = entry(name)
        let dates = e["dates"] as? [String] ?? []
        let num: (String) -> [Double] = { key in (e[key] as? [Any] ?? []).map { ($0 as? Double) ?? .nan } }
        return try TrendData(
            times: dates.map { WaveDate.decimalYear($0) ?? .nan }, values: num("y"), variances: num("var"),
            effectiveSizes: num("m"), waves: dates, dates: dates)
    }
}

extension Dictionary where Key == String, Value == Any {
    func dict(_ k: String) -> [String: Any] { self[k] as? [String: Any] ?? [:] }
    func double(_ k: String) -> Double { self[k] as? Double ?? .nan }
    func doubles(_ k: String) -> [Double] { (self[k] as? [Any] ?? []).map { ($0 as? Double) ?? .nan } }
}

/// The tolerances the trend tests assert against their peers (README "Accuracy", docs/trends.md).
enum TrendTolerance {
    /// linear, quadratic, logit, level shift: statsmodels WLS/GLM and R lm/glm.
    static let regression = 1e-10
    /// segmented: ψ (as a fraction of the span), its SE, slope, Davies p (profile search, R segmented).
    static let segmented = 1e-6
    /// local trend at fixed noise: log-likelihood and smoothed states.
    static let kalman = 1e-10
    /// local trend ML noise variances (relative; at 0, relative to 1e-4 × the mean sampling variance)
    /// and the fitted level at the optimum (the optimiser stops at ~1e-7 relative).
    static let maximumLikelihood = 1e-6
}

/// The docs/trends.md row a comparison made in `function` against `peer` belongs to.
func trendRow(_ function: String, _ peer: String) -> String {
    let models = [
        "linearAndQuadraticMatchStatsmodelsWLS": "linear / quadratic", "logitMatchesStatsmodelsGLM": "logit",
        "segmentedMatchesProfileSearchAndR": "segmented", "levelShiftMatchesStatsmodelsWLS": "level shift (`--break`)",
        "filterAndSmootherAtFixedNoise": "local trend, fixed noise", "maximumLikelihoodNoise": "local trend, ML noise",
    ]
    let name = String(function.prefix { $0 != "(" })
    return "\(models[name] ?? name) vs \(peer)"
}

/// |a − b| ≤ rel·max(|b|, floor) (relative agreement with an absolute floor for values near 0), or
/// |a − b| ≤ rel·scale when `scale` is given; recorded for docs/trends.md's generated table.
func agrees(_ a: Double, _ b: Double, rel: Double = 1e-6, floor: Double = 1e-12, scale: Double? = nil,
            peer: String = "statsmodels", function: String = #function) -> Bool {
    let e = abs(a - b) / (scale ?? max(abs(b), floor))
    AgreementRecorder.record(trendRow(function, peer), error: e, tolerance: rel)
    return e <= rel
}

/// Every pair agrees to `rel` (relative, with an absolute floor); recorded like `agrees`.
func within(_ a: [Double], _ b: [Double], _ rel: Double, floor: Double = 1e-12, peer: String = "statsmodels",
            function: String = #function) -> Bool {
    let e = a.count == b.count ? worst(a, b, floor: floor) : .infinity
    AgreementRecorder.record(trendRow(function, peer), error: e, tolerance: rel)
    return e <= rel
}

/// Worst relative disagreement over paired arrays (for messages).
func worst(_ a: [Double], _ b: [Double], floor: Double = 1e-12) -> Double {
    zip(a, b).map { abs($0 - $1) / max(abs($1), floor) }.max() ?? .infinity
}
