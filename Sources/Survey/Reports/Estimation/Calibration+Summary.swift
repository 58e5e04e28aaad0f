#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText
import SurveyEstimation
import SurveyRender

extension Calibration {
    /// The `rake --format json` report (DESIGN.md §3): method, convergence, weight diagnostics
    /// before and after, achieved-vs-target margins, and where the calibrated weights went.
    package func summaryJSON(rows: Int, column: String, out: String) -> JSONValue {
        let checks: [JSONValue] = self.checks.map {
            .object([
                ("variable", .string($0.variable)), ("level", .string($0.level)), ("target", .number($0.target)),
                ("before", .number($0.before)), ("achieved", .number($0.achieved)),
            ])
        }
        func diagnostics(_ d: WeightDiagnostics) -> JSONValue {
            .object([
                ("min", .number(d.minimum)), ("max", .number(d.maximum)), ("max_over_min", .number(d.ratio)),
                ("kish_deff", .number(d.kishDeff)), ("effective_n", .number(d.effectiveN)),
                ("negative", .integer(d.negative)), ("sum", .number(d.sum)),
            ])
        }
        let iterative = method == .rake || !options.isClosedFormLinear && method == .linear
        return .object([
            ("method", .string(method.rawValue)),
            ("calfun", method == .linear ? .string(options.calfun.rawValue) : .null),
            ("bounds", options.isBounded ? .array([.number(options.lowerBound), .number(options.upperBound)]) : .null),
            ("iterations", .integer(iterations)), ("converged", .bool(converged)),
            ("epsilon", iterative ? .number(epsilon) : .null),
            ("weights_before", diagnostics(before)), ("weights_after", diagnostics(after)),
            ("trimmed", trimming.map { .integer($0.count) } ?? .null),
            ("max_relative_gap", .number(worstRelativeGap)), ("n", .integer(rows)),
            ("weight_column", .string(column)), ("sum_weights", .number(after.sum)), ("out", .string(out)),
            ("margins", .array(checks)),
        ])
    }

    /// The notes under the text report: the largest gap, the weights before and after, what was
    /// written, and the trimming when there was one.
    package func summaryNotes(rows: Int, column: String, out: String) -> [String] {
        func line(_ d: WeightDiagnostics) -> String {
            // A zero weight (−0 included) has no max/min ratio: "—", not inf or −inf.
            let ratio = d.minimum > 0 && d.ratio.isFinite ? Printf.string("%.3g", d.ratio) : "— (a zero weight)"
            let minimum: Double = d.minimum == 0 ? 0 : d.minimum, maximum: Double = d.maximum   // −0 printed as 0
            return Printf.string("min %.4g", minimum) + Printf.string(", max %.4g", maximum) + ", max/min \(ratio), "
                + Printf.string("Kish deff %.4f, effective n %.1f", d.kishDeff, d.effectiveN)
        }
        var notes = [
            "Largest relative gap between achieved and target margins: \(Printf.string("%.1e", worstRelativeGap)).",
            "Weights before: \(line(before)).",
            "Weights after: \(line(after))\(after.negative > 0 ? "; \(after.negative) negative" : "").",
            "Wrote \(out): \(rows) rows with new weight column '\(column)' (sum \(Printf.string("%.6g", after.sum))).",
        ]
        if let t = trimming {
            notes.insert("Trimmed to [\(t.bounds.lower), \(t.bounds.upper)]\(t.bounds.strict ? " (strict)" : ""): \(t.count) weight(s) "
                + "moved, the trimmed amount shared equally among the others; margins no longer met exactly.", at: 1)
        }
        return notes
    }
}
