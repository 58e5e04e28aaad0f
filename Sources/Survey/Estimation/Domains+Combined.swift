#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText
import SurveyData

/// Domains over several columns (R `svyby(~x, ~a + b, …)`) and domains restricted to rows meeting
/// a condition (R `subset(design, …)`, which for estimates is a domain: rows kept, zero influence
/// outside, so strata, PSUs and SEs are the full design's).
extension Domains {
    /// One domain per combination of the columns' values that occurs, ordered as R's `svyby`
    /// (`interaction` levels, the first column varying fastest; each column in its level order). The variable is the column names
    /// joined by ",", a label the values joined by "," (`stype,awards` = `E,No`). A row missing
    /// any column is in no domain.
    public init(columns: [Column]) {
        guard columns.count > 1 else {
            self = columns.first.map { Domains(column: $0) } ?? Domains(variable: "", codes: [], labels: [])
            return
        }
        let parts = columns.map { Domains(column: $0) }
        let rows = parts[0].codes.count
        var key = [Int](repeating: -1, count: rows)
        var used = Set<Int>()
        for i in 0..<rows {
            // Mixed radix with the first column least significant: sorting keys gives R's order.
            var k = 0, missing = false
            for p in parts.reversed() {
                let c = Int(p.codes[i])
                if c < 0 { missing = true; break }
                k = k * p.count + c
            }
            if !missing { key[i] = k; used.insert(k) }
        }
        let order = used.sorted()
        let index = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, Int32($0)) })
        let labels = order.map { k -> String in
            var rest = k
            return parts.map { p in
                defer { rest /= p.count }
                return p.labels[rest % p.count]
            }.joined(separator: ",")
        }
        self.init(variable: columns.map(\.name).joined(separator: ","),
                  codes: key.map { $0 < 0 ? -1 : index[$0] ?? -1 }, labels: labels)
    }

    /// These domains within the rows where `keep` is true; domains left empty are dropped (as
    /// `svyby` on a subset).
    public func restricted(to keep: [Bool]) -> Domains {
        var used = [Bool](repeating: false, count: count)
        var codes = self.codes
        for i in codes.indices {
            if !keep[i] { codes[i] = -1 } else if codes[i] >= 0 { used[Int(codes[i])] = true }
        }
        var map = [Int32](repeating: -1, count: count)
        var labels: [String] = []
        for d in 0..<count where used[d] {
            map[d] = Int32(labels.count)
            labels.append(self.labels[d])
        }
        return Domains(variable: variable, codes: codes.map { $0 < 0 ? -1 : map[Int($0)] }, labels: labels)
    }
}

/// A row condition `COLUMN=V1,V2,…`: rows whose value (category, value label or number as
/// written) is one of the values. Missing values never match.
public struct RowCondition: Sendable, Equatable {
    public let column: String
    public let values: [String]

    public init(column: String, values: [String]) {
        self.column = column
        self.values = values
    }

    /// Parses `COL=V1,V2`; nil when there is no `=`, no column or no value.
    public init?(parsing text: String) {
        guard let eq = text.firstIndex(of: "=") else { return nil }
        let name = text[..<eq].whitespacesTrimmed()
        let vals = text[text.index(after: eq)...].split(separator: ",").map { $0.whitespacesTrimmed() }
        guard !name.isEmpty, !vals.isEmpty, !vals.contains(where: \.isEmpty) else { return nil }
        self.init(column: name, values: vals)
    }

    /// Whether each row of `column` meets the condition; a value that occurs nowhere is an error
    /// (a typo would otherwise give an empty domain).
    public func matches(_ column: Column) throws(DesignError) -> [Bool] {
        let domains = Domains(column: column)
        let wanted = Set(values)
        let hit = domains.labels.map { wanted.contains($0) }
        if let absent = values.first(where: { !domains.labels.contains($0) }) {
            throw .impossible("\(self.column)=\(absent): no row has that value (values: "
                + domains.labels.prefix(12).joined(separator: ", ") + (domains.count > 12 ? ", …" : "") + ")")
        }
        return domains.codes.map { $0 >= 0 && hit[Int($0)] }
    }

    /// The single domain "rows meeting every condition", labelled `COL=V1,V2` (joined by "; ").
    public static func domain(_ conditions: [RowCondition], keep: [Bool]) -> Domains {
        let name = conditions.map(\.column).joined(separator: ";")
        let label = conditions.map { $0.values.joined(separator: ",") }.joined(separator: ";")
        return Domains(variable: name, codes: keep.map { $0 ? 0 : -1 }, labels: keep.contains(true) ? [label] : [])
    }
}
