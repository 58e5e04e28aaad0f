import Foundation
import Survey

/// One NIST StRD linear least-squares dataset (`reference/strd/NAME.{dat,json}`, see SOURCES.md
/// there): the data, the model form and the certified values (computed by NIST in 500-digit
/// arithmetic, given to 15 significant digits).
struct StRDCase: Sendable, CustomStringConvertible {
    let name: String
    let columns: [[Double]]         // y first, then the predictors as in the .dat file
    let polynomialDegree: Int?      // nil for Longley's multiple regression
    let intercept: Bool
    let certifiedEstimates: [Double]
    let certifiedSDs: [Double]
    let certifiedResidualSD: Double
    let certifiedRSquared: Double

    var description: String { name }

    /// All eleven datasets, in NIST's order of difficulty.
    static let names = ["Norris", "Pontius", "NoInt1", "NoInt2", "Filip", "Longley",
                        "Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5"]

    /// Loads a dataset from `../shared/reference/strd` or the `Tests/Fixtures/strd` copy.
    static func load(_ name: String) throws -> StRDCase {
        guard let dat = SharedData.reference("strd/\(name).dat"),
              let json = SharedData.reference("strd/\(name).json") else {
            throw StRDError("StRD files for \(name) not found")
        }
        let columns = try readWhitespaceColumns(dat)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: json))
        guard let root = object as? [String: Any], let model = root["model"] as? [String: Any],
              let cert = root["certified"] as? [String: Any],
              let params = cert["parameters"] as? [[String: Any]],
              let intercept = model["intercept"] as? Bool,
              let rsd = cert["residual_sd_str"] as? String, let r2 = cert["r_squared_str"] as? String
        else { throw StRDError("\(name).json: unexpected layout") }
        // Certified values parsed from NIST's exact decimal strings (Fortran E notation).
        func number(_ s: String) throws -> Double {
            guard let v = Double(s.replacingOccurrences(of: "D", with: "E")) else { throw StRDError("bad number \(s)") }
            return v
        }
        return StRDCase(
            name: name, columns: columns, polynomialDegree: model["degree"] as? Int, intercept: intercept,
            certifiedEstimates: try params.map { try number($0["estimate_str"] as? String ?? "") },
            certifiedSDs: try params.map { try number($0["sd_str"] as? String ?? "") },
            certifiedResidualSD: try number(rsd), certifiedRSquared: try number(r2))
    }

    /// The model NIST certifies: y on x, x², … (polynomial) or on x1…x6 (Longley).
    var model: LinearModel {
        var terms: [DesignTerm] = intercept ? [.intercept] : []
        if let degree = polynomialDegree {
            terms += DesignTerm.polynomial("x", columns[1], degree: degree)
        } else {
            for k in 1..<columns.count { terms.append(.variable("x\(k)", columns[k])) }
        }
        return LinearModel(response: columns[0], terms: terms)
    }
}

struct StRDError: Error, CustomStringConvertible {
    let description: String
    init(_ s: String) { description = s }
}

/// Reads a whitespace-separated numeric file with `#` comment lines into columns.
func readWhitespaceColumns(_ url: URL) throws -> [[Double]] {
    let text = try String(contentsOf: url, encoding: .utf8)
    var columns: [[Double]] = []
    for (lineNumber, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
        let fields = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" })
        if columns.isEmpty { columns = Array(repeating: [], count: fields.count) }
        guard fields.count == columns.count else {
            throw StRDError("\(url.lastPathComponent):\(lineNumber + 1): \(fields.count) fields, expected \(columns.count)")
        }
        for (k, f) in fields.enumerated() {
            guard let v = Double(f) else { throw StRDError("\(url.lastPathComponent):\(lineNumber + 1): '\(f)' is not a number") }
            columns[k].append(v)
        }
    }
    return columns
}

/// Log relative error: the number of correct significant digits of `got` against `certified`,
/// −log10(|got − certified| / |certified|), or −log10|got − certified| (absolute) when the
/// certified value is 0; capped at 15 (NIST's values have 15 significant digits).
func logRelativeError(_ got: Double, _ certified: Double) -> Double {
    let error = certified == 0 ? abs(got) : abs(got - certified) / abs(certified)
    if error == 0 { return 15 }
    if !error.isFinite { return 0 }
    return max(0, min(15, -log10(error)))
}
