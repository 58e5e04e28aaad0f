import Foundation
import Survey

/// Test-only helpers for the calibration suites: a small CSV loader for the api fixtures (quoted
/// fields, `NA` = missing, a column is numeric when every non-missing field parses as a number),
/// the R reference JSON, and an independent Taylor variance for one-stage designs.
enum CalibrationFixtures {
    /// `Tests/Fixtures/rsurvey-extra/<name>`.
    static func extra(_ name: String) -> URL {
        SharedData.packageRoot.appendingPathComponent("Tests/Fixtures/rsurvey-extra").appendingPathComponent(name)
    }

    /// An api data file from `../shared/reference/rsurvey/data` or the fixture copies.
    static func data(_ name: String) throws -> Table {
        guard let url = SharedData.reference("rsurvey/data/\(name)") else {
            throw DataError("fixture \(name) not found")
        }
        return try loadCSV(url)
    }

    /// The parsed reference JSON.
    static func json(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: extra(name))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    static func loadCSV(_ url: URL) throws -> Table {
        let text = try String(contentsOf: url, encoding: .utf8)
        var rows: [[String?]] = []
        for line in text.split(whereSeparator: \.isNewline) where !line.isEmpty {
            rows.append(splitCSVLine(String(line)))
        }
        guard let header = rows.first else { throw DataError("empty file", file: url.path) }
        let body = rows.dropFirst()
        var columns: [Column] = []
        for (j, name) in header.enumerated() {
            let fields = body.map { j < $0.count ? $0[j] : nil }
            let numbers = fields.map { f -> Double? in f.flatMap { Double($0) } }
            if zip(fields, numbers).allSatisfy({ $0 == nil || $1 != nil }) {
                columns.append(Column(name: name ?? "", values: .numeric(numbers.map { $0 ?? .nan })))
            } else {
                let levels = Array(Set(fields.compactMap { $0 })).sorted()
                let index = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, Int32($0)) })
                let codes = fields.map { f in f.flatMap { index[$0] } ?? -1 }
                columns.append(Column(name: name ?? "", values: .categorical(codes: codes, levels: levels)))
            }
        }
        return try Table(columns: columns, source: url.lastPathComponent)
    }

    /// Fields of one CSV line; `NA` and empty unquoted fields are nil.
    static func splitCSVLine(_ line: String) -> [String?] {
        var out: [String?] = []
        var field = ""
        var quoted = false, wasQuoted = false
        var chars = Array(line)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" {
                quoted = true; wasQuoted = true
            } else if c == "," {
                out.append(wasQuoted || (field != "NA" && !field.isEmpty) ? field : nil)
                field = ""; wasQuoted = false
            } else { field.append(c) }
        }
        out.append(wasQuoted || (field != "NA" && !field.isEmpty) ? field : nil)
        return out
    }

    /// Relative error, or absolute when the reference is 0.
    static func relativeError(_ got: Double, _ want: Double) -> Double {
        want == 0 ? abs(got) : abs(got - want) / abs(want)
    }

    /// The relative tolerance of every calibration, crosstab and svyglm comparison with R (README
    /// "Accuracy", docs/calibration.md).
    static let tolerance = 1e-10

    /// `relativeError`, recorded under `statistic` into the installed `AgreementRecorder` (how
    /// docs/calibration.md's generated table of maxima is made: `CalibrationAgreementTableTests`).
    /// `tolerance` is the bound the caller asserts (recorded with the error).
    static func agreement(_ statistic: String, _ got: Double, _ want: Double, tolerance: Double = tolerance) -> Double {
        let e = relativeError(got, want)
        AgreementRecorder.record(statistic, error: e, tolerance: tolerance)
        return e
    }
}

/// The with-replacement-plus-fpc Taylor variance of a one-stage (stratified, clustered) design,
/// written out from the textbook formula (Lohr, Sampling, §6.2/§9): for each stratum h with n_h
/// PSUs and population size N_h, (1 − n_h/N_h) n_h/(n_h − 1) Σ_i (z_hi − z̄_h)² over PSU totals z_hi.
/// Used only to check calibration adjustments against R before the design core is involved.
func oneStageVariance(_ z: [Double], strata: [Int], clusters: [Int], populationSize: [Double]) -> Double {
    var psuTotal: [Int: [Int: Double]] = [:]
    var popOfStratum: [Int: Double] = [:]
    for i in z.indices {
        psuTotal[strata[i], default: [:]][clusters[i], default: 0] += z[i]
        popOfStratum[strata[i]] = populationSize[i]
    }
    var v = 0.0
    for (h, psus) in psuTotal {
        let n = Double(psus.count)
        let mean = psus.values.reduce(0, +) / n
        let ss = psus.values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let f = n / (popOfStratum[h] ?? .infinity)
        v += (1 - f) * n / (n - 1) * ss
    }
    return v
}

/// The covariance version of `oneStageVariance` for the columns of `z` (n × k).
func oneStageCovariance(_ z: Matrix, strata: [Int], clusters: [Int], populationSize: [Double]) -> Matrix {
    let k = z.columns
    var psuTotal: [Int: [Int: [Double]]] = [:]
    var popOfStratum: [Int: Double] = [:]
    for i in 0..<z.rows {
        var t = psuTotal[strata[i], default: [:]][clusters[i], default: [Double](repeating: 0, count: k)]
        for j in 0..<k { t[j] += z[i, j] }
        psuTotal[strata[i], default: [:]][clusters[i]] = t
        popOfStratum[strata[i]] = populationSize[i]
    }
    var v = Matrix(rows: k, columns: k)
    for (h, psus) in psuTotal {
        let n = Double(psus.count)
        var mean = [Double](repeating: 0, count: k)
        for t in psus.values { for j in 0..<k { mean[j] += t[j] / n } }
        let factor = (1 - n / (popOfStratum[h] ?? .infinity)) * n / (n - 1)
        for t in psus.values {
            for a in 0..<k { for b in 0..<k { v[a, b] += factor * (t[a] - mean[a]) * (t[b] - mean[b]) } }
        }
    }
    return v
}
