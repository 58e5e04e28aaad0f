#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText
import SurveyEstimation
import SurveyRender

/// A `crosstab` result as the user sees it: the DESIGN.md §3 JSON (`design`, `table`, `tests`) or a
/// `TableModel` (rows × columns of cell percentages with SEs, tests in the notes).
package struct CrosstabReport {
    let design: DesignSummary
    let result: CrosstabResult
    let source: String
    /// Report percentages, counts and margins (`--percent`, `--counts`, `--banner`, JSON), when computed.
    package var percentages: CrosstabPercentages? = nil
    /// The banner's pairwise column comparisons (`--banner`).
    package var banner: BannerComparison? = nil
    /// Which table the text formats show.
    package var view: CrosstabView = .cell


    /// CSV of the cell view: one row per cell, as the JSON `table` (row, col, proportion, se),
    /// with the two variables named; the tests and design go to stderr with the notes.
    package func dataTable() -> TableModel {
        var model = table()
        model.columns = [.init("row_variable"), .init("row"), .init("col_variable"), .init("col"),
                         .init("proportion", .number(digits: 4)), .init("se", .number(digits: 4))]
        model.rows = result.cells.map {
            [.text(result.rowVariable), .text($0.row), .text(result.columnVariable), .text($0.column),
             .number($0.proportion), .number($0.standardError)]
        }
        // With percentages (`--percent row|column|counts`): the cell's fields of the JSON `table`
        // as further columns (interval, counts, row and column shares), one row per cell still;
        // the wide report table keyed its columns by category (`A|B` and `A_B` both `a_b_…`).
        guard let x = percentages, let first = result.cells.indices.first else { return model }
        let nc = result.columnLevels.count
        let names = Self.reportFields(x, row: first / nc, column: first % nc).map(\.0)
        model.columns += names.map { .init($0, $0 == "ci_method" ? .text : .number(digits: 4)) }
        for k in model.rows.indices {
            model.rows[k] += Self.reportFields(x, row: k / nc, column: k % nc).map { _, value in
                switch value {
                case .number(let v): return .number(v)
                case .integer(let v): return .number(Double(v))
                case .string(let t): return .text(t)
                default: return .missing
                }
            }
        }
        return model
    }

    package func json() -> JSONValue {
        let cells: [JSONValue] = result.cells.enumerated().map { k, cell in
            var fields: [(String, JSONValue)] = [
                ("row", .string(cell.row)), ("col", .string(cell.column)), ("proportion", .number(cell.proportion)),
                ("se", .number(cell.standardError)),
            ]
            // result.cells run row by row (column level fastest).
            let nc = result.columnLevels.count
            if let x = percentages { fields += Self.reportFields(x, row: k / nc, column: k % nc) }
            return .object(fields)
        }
        var tests: [JSONValue] = []
        if let t = result.test {
            tests = [
                .object([
                    ("name", .string("rao_scott_f")), ("statistic", .number(t.f)), ("ndf", .number(t.numeratorDF)),
                    ("ddf", .number(t.denominatorDF)), ("p_value", .number(t.fPValue)),
                ]),
                .object([
                    ("name", .string("rao_scott_chisq")), ("statistic", .number(t.chisq)),
                    ("df", EstimateReport.count(t.chisqDF)), ("p_value", .number(t.chisqPValue)),
                    ("pearson", .number(t.pearson)),
                ]),
                .object([
                    ("name", .string("rao_scott_saddlepoint")), ("statistic", .number(t.pearson)),
                    ("p_value", .number(t.saddlepointPValue)), ("design_effects", .array(t.designEffects.map { .number($0) })),
                ]),
            ]
        }
        if let w = result.wald {
            for (name, t) in [("wald", w.plain), ("adj_wald", w.adjusted)] {
                tests.append(.object([
                    ("name", .string(name)), ("statistic", .number(t.f)), ("ndf", .number(t.numeratorDF)),
                    ("ddf", .number(t.denominatorDF)), ("p_value", .number(t.pValue)), ("wald", .number(t.wald)),
                ]))
            }
        }
        var out: [(String, JSONValue)] = [("design", design.jsonValue), ("table", .array(cells)), ("tests", .array(tests))]
        if let note = result.testNote { out.append(("tests_note", .string(note))) }
        if !result.levelsWithoutRows.isEmpty {
            out.append(("levels_without_rows", .array(result.levelsWithoutRows.map { .string($0) })))
        }
        if let x = percentages { out.append(("margins", Self.marginsJSON(x))) }
        if let b = banner { out.append(("banner", Self.bannerJSON(b, percentages: percentages))) }
        return .object(out)
    }

    package func table() -> TableModel {
        let cols = result.columnLevels
        var rows: [[TableModel.Cell]] = []
        // Cells come row by row (every column of a row level, then the next), so index, not search.
        for (r, label) in result.rowLevels.enumerated() {
            var line: [TableModel.Cell] = [.text(label)]
            for c in cols.indices {
                let k = r * cols.count + c
                if k < result.cells.count {
                    let cell = result.cells[k]
                    line.append(.estimate(.init(value: cell.proportion, se: cell.standardError)))
                } else {
                    line.append(.missing)
                }
            }
            rows.append(line)
        }
        let notes = ["Cells: percent of the weighted table (SE); \(result.rowVariable) by \(result.columnVariable)."] + notes()
        return TableModel(
            title: "\(result.rowVariable) × \(result.columnVariable)",
            columns: [.init(result.rowVariable)] + cols.map { .init($0, .estimate(digits: 1, percent: true)) },
            rows: rows, footnotes: notes, sourceNote: source)
    }

    /// The tests, design and missing-row notes every view prints.
    func notes() -> [String] {
        let g = { (x: Double) in Printf.string("%.4g", x) }
        var notes: [String] = []
        if let t = result.test {
            notes.append("Rao-Scott F = \(g(t.f)) on \(g(t.numeratorDF)) and \(g(t.denominatorDF)) df, p = \(g(t.fPValue)).")
            notes.append("Rao-Scott chi-square (first order) = \(g(t.chisq)) on \(g(t.chisqDF)) df, p = \(g(t.chisqPValue)); "
                + "Pearson X² = \(g(t.pearson)).")
            notes.append("Saddlepoint: Pearson X² against Σ δᵢ χ²₁ of the design effects δ = "
                + t.designEffects.map(g).joined(separator: ", ") + (design.kind == "linearization" ? " (over χ² on the F test's ddf)" : "")
                + ", p = \(g(t.saddlepointPValue)).")
            if let tiny = t.designEffects.filter({ $0.isFinite && abs($0) < 1e-12 }).first {
                notes.append("A design effect of \(g(tiny)) is zero up to rounding: the design gives the association no variance "
                    + "(each level of one variable falls in a single cell of the other), so the Rao-Scott statistics, divided by it, "
                    + "are not meaningful (R's svychisq gives the same numbers); read Pearson X² and the cells.")
            }
        }
        if let w = result.wald {
            notes.append("Wald F = \(g(w.plain.f)) on \(g(w.plain.numeratorDF)) and \(g(w.plain.denominatorDF)) df, "
                + "p = \(g(w.plain.pValue)); adjusted Wald F = \(g(w.adjusted.f)) on \(g(w.adjusted.numeratorDF)) and "
                + "\(g(w.adjusted.denominatorDF)) df, p = \(g(w.adjusted.pValue)).")
        }
        if let note = result.testNote { notes.append(note + ".") }
        notes += [
            "Design: \(design.kind), n = \(design.n), df = \(design.degreesOfFreedom)"
                + (design.strata.map { ", \($0) strata" } ?? "") + (design.psus.map { ", \($0) PSUs" } ?? "")
                + (design.replicateType.map { ", \(design.replicates ?? 0) \($0) replicates" } ?? "") + ".",
        ]
        if result.missingRows > 0 {
            notes.append("\(result.missingRows) rows with a missing \(result.rowVariable) or \(result.columnVariable) are left out of the table.")
        }
        if !result.levelsWithoutRows.isEmpty {
            notes.append("Not in the table: \(result.levelsWithoutRows.joined(separator: ", ")) — every row with it is missing the "
                + "other variable.")
        }
        if let x = percentages {
            let elements = [x.cell, x.row, x.column, x.rowMargin, x.columnMargin].flatMap(\.elements)
            if let note = EstimateReport.unboundedLogitNote(elements) { notes.append(note) }
        }
        return notes
    }

    /// Memberwise; `package` so the other modules of barometer can build one.
    package init(design: DesignSummary, result: CrosstabResult, source: String, percentages: CrosstabPercentages? = nil, banner: BannerComparison? = nil, view: CrosstabView = .cell) {
        self.design = design
        self.result = result
        self.source = source
        self.percentages = percentages
        self.banner = banner
        self.view = view
    }
}

extension DesignSummary {
    /// The DESIGN.md §3 `design` object: kind, n, degf, strata, psus (+ rep_type, replicates).
    var jsonValue: JSONValue {
        var d: [(String, JSONValue)] = [
            ("kind", .string(kind)), ("n", .integer(n)), ("degf", .integer(degreesOfFreedom)),
            ("strata", strata.map { .integer($0) } ?? .null), ("psus", psus.map { .integer($0) } ?? .null),
        ]
        if let type = replicateType {
            d.append(("rep_type", .string(type)))
            d.append(("replicates", replicates.map { .integer($0) } ?? .null))
        }
        return .object(d)
    }
}
