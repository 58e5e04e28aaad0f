#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText

/// Strata crossed from several columns (`--strata Region_M:GeoCode`): CAB waves 1 and 4 stratify
/// by region × settlement type, which no single column of the files holds.
extension Table {
    /// The column named `spec`, or — when there is none and `spec` is `A:B[:C…]` — the crossing
    /// of those columns (R's `interaction(A, B)`): one level per combination met, labelled
    /// `a × b`, levels in label order; a row missing any part is missing (or, with
    /// `missingLabel`, that part reads as it).
    public func column(crossing spec: String, missingLabel: String? = nil) throws(DataError) -> Column {
        if let c = columns.first(where: { $0.name == spec }) { return c }
        let names = spec.split(separator: ":", omittingEmptySubsequences: false).map {
            String($0).whitespacesTrimmed()
        }
        guard names.count >= 2 else { return try column(named: spec) }
        if names.contains(where: \.isEmpty) {
            throw DataError("'\(spec)' crosses columns as A:B; a name is empty", file: source)
        }
        return Column.crossing(try names.map { name throws(DataError) in try column(named: name) },
                               name: names.joined(separator: "×"), missingLabel: missingLabel)
    }
}

extension Column {
    /// The crossing of `parts` (same length): see `Table.column(crossing:)`. A part holding `×` or
    /// `"` is quoted (`"p × q" × r`), so two combinations never share a label — `p × q` with `r`
    /// and `p` with `q × r` were one stratum — and a chunk of a streamed file labels a
    /// combination as every other chunk does.
    public static func crossing(_ parts: [Column], name: String, missingLabel: String? = nil) -> Column {
        let rows = parts.first?.count ?? 0
        func quoted(_ text: String) -> String {
            guard text.contains("×") || text.utf8.contains(0x22) else { return text }
            return "\"" + text.replacingEvery("\"", with: "\"\"") + "\""
        }
        let labels: [String?] = (0..<rows).map { i in
            var texts: [String] = []
            for part in parts {
                guard let text = part.text(at: i) ?? missingLabel else { return nil }
                texts.append(quoted(text))
            }
            return texts.joined(separator: " × ")
        }
        let levels = Set(labels.compactMap { $0 }).sorted()
        let index = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, Int32($0)) })
        return Column(name: name, values: .categorical(codes: labels.map { $0.flatMap { index[$0] } ?? -1 }, levels: levels))
    }
}
