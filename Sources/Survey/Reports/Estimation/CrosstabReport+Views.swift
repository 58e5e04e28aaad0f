#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText
import SurveyEstimation
import SurveyRender

/// Which table `crosstab` prints: cell, row or column percentages, or weighted counts.
package enum CrosstabView: String, CaseIterable {
    case cell, row, column, counts
}


/// The report views of `crosstab` (`--percent`, `--counts`, `--banner`) and their JSON fields; the
/// numbers all come from `CrosstabPercentages` and `BannerComparison` in the library.
extension CrosstabReport {
    /// Row and column percentages, counts and the cell's logit interval for the cell in row level
    /// `r`, column level `c`.
    static func reportFields(_ x: CrosstabPercentages, row r: Int, column c: Int) -> [(String, JSONValue)] {
        let nr = x.rowLevels.count, nc = x.columnLevels.count
        let k = r + c * nr
        func estimate(_ prefix: String, _ e: EstimateElement) -> [(String, JSONValue)] {
            [
                ("\(prefix)proportion", .number(e.value)), ("\(prefix)se", .number(e.standardError)),
                ("\(prefix)ci_lower", .number(e.ciLower)), ("\(prefix)ci_upper", .number(e.ciUpper)),
                ("\(prefix)df", .number(e.degreesOfFreedom)),
            ]
        }
        let cell = x.cell.elements[k], count = x.counts.elements[k]
        return [
            ("ci_lower", .number(cell.ciLower)), ("ci_upper", .number(cell.ciUpper)), ("ci_method", .string("logit")),
            ("count", .number(count.value)), ("count_se", .number(count.standardError)),
        ] + estimate("row_", x.row.elements[c + r * nc]) + estimate("col_", x.column.elements[k])
    }

    /// Row and column margins: counts with SEs, percentages with logit intervals.
    static func marginsJSON(_ x: CrosstabPercentages) -> JSONValue {
        func side(_ levels: [String], _ counts: Estimate, _ shares: Estimate) -> JSONValue {
            .array(levels.indices.map { k in
                .object([
                    ("level", .string(levels[k])), ("count", .number(counts.elements[k].value)),
                    ("count_se", .number(counts.elements[k].standardError)),
                    ("proportion", .number(shares.elements[k].value)), ("se", .number(shares.elements[k].standardError)),
                    ("ci_lower", .number(shares.elements[k].ciLower)), ("ci_upper", .number(shares.elements[k].ciUpper)),
                ])
            })
        }
        return .object([
            ("rows", side(x.rowLevels, x.rowMarginCounts, x.rowMargin)),
            ("cols", side(x.columnLevels, x.columnMarginCounts, x.columnMargin)),
        ])
    }

    /// The banner's letters and every pairwise comparison.
    static func bannerJSON(_ b: BannerComparison, percentages x: CrosstabPercentages?) -> JSONValue {
        let rows = x?.rowLevels ?? [], cols = x?.columnLevels ?? []
        return .object([
            ("adjustment", .string(b.adjustment.rawValue)), ("alpha", .number(b.alpha)), ("df", .number(b.degreesOfFreedom)),
            ("letters", .object(cols.indices.map { (cols[$0], .string(b.letters[$0])) })),
            ("pairs", .array(b.pairs.map { p in
                .object([
                    ("row", .string(rows[p.row])), ("a", .string(cols[p.a])), ("b", .string(cols[p.b])),
                    ("difference", .number(p.difference)), ("se", .number(p.standardError)), ("t", .number(p.t)),
                    ("p_value", .number(p.p)), ("adjusted_p_value", .number(p.adjustedP)),
                ])
            })),
        ])
    }

    /// Row, column or cell percentages (logit intervals), counts, or the banner, with margins.
    package func reportTable() -> TableModel {
        guard let x = percentages else { return table() }
        let nr = x.rowLevels.count, nc = x.columnLevels.count
        func cell(_ e: EstimateElement, interval: Bool = true) -> TableModel.Cell {
            .estimate(.init(value: e.value, se: e.standardError, lower: interval ? e.ciLower : nil,
                            upper: interval ? e.ciUpper : nil))
        }
        let kind: TableModel.Kind = view == .counts ? .estimate(digits: 0, percent: false) : .estimate(digits: 1, percent: true)
        var columns: [TableModel.Column] = [.init(result.rowVariable)]
        for (c, level) in x.columnLevels.enumerated() {
            columns.append(.init(banner.map { "\(level) (\($0.letters[c]))" } ?? level, kind))
            if banner != nil { columns.append(.init("sig", key: "sig_\(c + 1)")) }
        }
        // The margins' label; "All" where a category is itself called Total (two "Total" columns
        // let the margin be quoted as a category).
        let totalLabel = (x.rowLevels + x.columnLevels).contains { $0.whitespacesTrimmed().lowercased() == "total" } ? "All" : "Total"
        let margin = view == .row || banner != nil ? nil : totalLabel
        if let margin { columns.append(.init(margin, kind)) }
        var rows: [[TableModel.Cell]] = []
        for r in 0..<nr {
            var line: [TableModel.Cell] = [.text(x.rowLevels[r])]
            for c in 0..<nc {
                let k = r + c * nr
                switch banner != nil ? .column : view {
                case .counts: line.append(cell(x.counts.elements[k], interval: false))
                case .row: line.append(cell(x.row.elements[c + r * nc]))
                case .column: line.append(cell(x.column.elements[k]))
                case .cell: line.append(cell(x.cell.elements[k]))
                }
                if let b = banner { line.append(.text(b.marks[r][c])) }
            }
            if margin != nil { line.append(cell((view == .counts ? x.rowMarginCounts : x.rowMargin).elements[r], interval: view != .counts)) }
            rows.append(line)
        }
        if view != .column && banner == nil {
            let totals = view == .counts ? x.columnMarginCounts : x.columnMargin
            rows.append([.text(totalLabel)] + (0..<nc).map { cell(totals.elements[$0], interval: view != .counts) } + [.missing])
        }
        let what: String
        if let b = banner {
            what = "Column percent (SE, logit 95% CI). Letters: the column's percentage is significantly higher than the "
                + "lettered column's (two-sided t test of the difference on \(formatted(b.degreesOfFreedom)) df, "
                + "\(b.adjustment == .none ? "no adjustment" : "\(b.adjustment.rawValue.capitalized)-adjusted") over the "
                + "\(nc * (nc - 1) / 2) column pairs of each row, alpha \(formatted(b.alpha)))."
        } else {
            switch view {
            case .counts: what = "Weighted counts (SE); margins are the row and column totals."
            case .row: what = "Row percent: share of each \(result.columnVariable) within the row (SE, logit 95% CI; domain df)."
            case .column: what = "Column percent: share of each \(result.rowVariable) within the column (SE, logit 95% CI; domain df); \(totalLabel) is the row margin."
            case .cell: what = "Cell percent of the weighted table (SE, logit 95% CI); margins in \(totalLabel)."
            }
        }
        return TableModel(
            title: "\(result.rowVariable) × \(result.columnVariable)", columns: columns, rows: rows,
            footnotes: [what] + notes(), sourceNote: source)
    }

    private func formatted(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : Printf.string("%.4g", x) }
}
