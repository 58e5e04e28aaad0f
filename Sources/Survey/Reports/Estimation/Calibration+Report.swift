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
    /// What the method did, for report titles: "raking: 7 iterations" etc.
    public var methodDescription: String {
        let status = converged ? "converged" : "NOT converged"
        let count = "\(iterations) iteration\(iterations == 1 ? "" : "s")"
        switch method {
        case .rake: return "raking: \(count) (IPF), \(status)"
        case .poststratify: return "post-stratification" + (converged ? "" : ", \(status)")
        case .linear:
            if options.isClosedFormLinear { return "linear (GREG) calibration" + (converged ? "" : ", \(status)") }
            return "\(method.describedWith(options)): \(count) (Newton), \(status)"
        }
    }

    /// The achieved-vs-target report: one row per margin level with target, weight total before
    /// and after, and the relative gap (achieved − target) / target.
    public func reportTable(title: String? = nil, footnotes: [String] = []) -> TableModel {
        let rows: [[TableModel.Cell]] = checks.map { c in
            [
                .text(c.variable), .text(c.level), .number(c.target), .number(c.before), .number(c.achieved),
                .text(Printf.string("%.1e", c.target == 0 ? c.achieved : (c.achieved - c.target) / c.target)),
            ]
        }
        return TableModel(
            title: title ?? methodDescription.prefix(1).uppercased() + methodDescription.dropFirst(),
            columns: [
                .init("variable"), .init("level"), .init("target", .number(digits: 2)),
                .init("before", .number(digits: 2)), .init("achieved", .number(digits: 2)),
                .init("relative gap"),
            ],
            rows: rows, footnotes: footnotes)
    }
}
