#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText
import SurveyEstimation
import SurveyRender

/// Contrasts, t-tests and two-file differences as the user sees them: a `contrasts` array in
/// JSON (and a `versus` object with the second file's design and estimates), a table after the
/// estimates otherwise.
package struct EstimateComparison {
    let level: Double
    package var results: [ContrastResult] = []
    package var versus: EstimateReport? = nil
    package var notes: [String] = []


    package static func members(_ v: JSONValue) -> [(String, JSONValue)] {
        if case .object(let pairs) = v { return pairs }
        return []
    }

    package static func json(_ r: ContrastResult) -> JSONValue {
        .object([
            ("contrast", .string(r.name)), ("statistic", .string(r.statistic.rawValue)), ("variable", .string(r.variable)),
            ("within", r.within.map { .string($0) } ?? .null), ("estimate", .number(r.estimate)),
            ("se", .number(r.standardError)), ("ci_lower", .number(r.ciLower)), ("ci_upper", .number(r.ciUpper)),
            ("conf_level", .number(r.confidenceLevel)), ("df", EstimateReport.count(r.degreesOfFreedom)),
            ("df_rule", .string(r.dfRule)), ("t", .number(r.t)), ("p_value", .number(r.pValue)),
        ])
    }

    package func table(source: String) -> TableModel {
        let pct = Printf.string("%g", level * 100)
        let columns: [TableModel.Column] = [
            .init("Contrast"), .init("Statistic"), .init("Variable"), .init("Within"),
            .init("Estimate", .number(digits: 4)), .init("SE", .number(digits: 4)),
            .init("\(pct)% CI lower", .number(digits: 4), key: "ci_lower"), .init("\(pct)% CI upper", .number(digits: 4), key: "ci_upper"),
            .init("df", .number(digits: 1)), .init("t", .number(digits: 3)), .init("p", .number(digits: 4), key: "p_value"),
        ]
        func num(_ x: Double) -> TableModel.Cell { x.isFinite ? .number(x) : .missing }
        let rows: [[TableModel.Cell]] = results.map { r in
            [.text(r.name), .text(r.statistic.rawValue), .text(r.variable), r.within.map { .text($0) } ?? .missing,
             num(r.estimate), num(r.standardError), num(r.ciLower), num(r.ciUpper), num(r.degreesOfFreedom), num(r.t), num(r.pValue)]
        }
        return TableModel(title: "Contrasts and differences", columns: columns, rows: rows, footnotes: notes,
                          sourceNote: versus.map { "\(source) − \($0.source)" } ?? source)
    }

    /// Memberwise; `package` so the other modules of barometer can build one.
    package init(level: Double, results: [ContrastResult] = [], versus: EstimateReport? = nil, notes: [String] = []) {
        self.level = level
        self.results = results
        self.versus = versus
        self.notes = notes
    }
}
