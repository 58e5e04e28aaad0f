import Foundation
import Testing
import Survey

/// Builds the designs of `Tests/Fixtures/rsurvey-extra/design.R` the way that script builds them in R.
enum DesignExtraCases {
    static func rows(_ t: Table, where keep: (Int) -> Bool) throws -> Table {
        let idx = (0..<t.rowCount).filter(keep)
        let columns = t.columns.map { c -> Column in
            var c = c
            switch c.values {
            case .numeric(let v): c.values = .numeric(idx.map { v[$0] })
            case .categorical(let codes, let levels): c.values = .categorical(codes: idx.map { codes[$0] }, levels: levels)
            }
            return c
        }
        return try Table(columns: columns, source: t.source)
    }

    static func extraTable(_ name: String) throws -> Table {
        try CalibrationFixtures.loadCSV(CalibrationFixtures.extra(name))
    }

    static func paired(_ k: Int) throws -> SurveyDesign {
        let all = try extraTable("paired.csv")
        let s = try all.column(named: "stratum")
        let t = try rows(all) { i in (Int(s.text(at: i)?.dropFirst() ?? "") ?? 99) <= k }
        return try SurveyDesign(rows: t.rowCount, weights: t.column(named: "wt"), strata: t.column(named: "stratum"),
                                clusters: [t.column(named: "psu")])
    }

    static func replicateColumns(_ t: Table, prefix: String) throws -> Matrix {
        let names = t.columnNames.filter { $0.hasPrefix(prefix) && Int($0.dropFirst(prefix.count)) != nil }
        return try Matrix(columns: names.map { try t.numeric($0) })
    }

    static func lonelyTable() throws -> Table {
        var t = try DesignFixtures.table("apistrat.csv")
        let stype = try t.column(named: "stype")
        var labels = (0..<t.rowCount).map { stype.text(at: $0) ?? "" }
        if let first = labels.firstIndex(of: "H") { labels[first] = "X" }
        let levels = Array(Set(labels)).sorted()
        try t.setColumn(Column(name: "str", values: .categorical(
            codes: labels.map { Int32(levels.firstIndex(of: $0) ?? -1) }, levels: levels)))
        return t
    }

    /// The design of a case and the table its variables come from.
    static func design(_ name: String, reference: [String: Any]) throws -> (any Design, Table) {
        if name.hasPrefix("lonely_") {
            let parts = name.split(separator: "_")
            let policy = try #require(LonelyPSU(rawValue: String(parts[1])))
            let t = try lonelyTable()
            let d = try SurveyDesign(rows: t.rowCount, weights: t.column(named: "pw"), strata: t.column(named: "str"),
                                     lonelyPSU: policy)
            return (parts.count > 2 ? try d.replicateDesign(.jkn) : d, t)
        }
        if name.hasPrefix("paired") {
            let k = Int(name.dropFirst(6).prefix { $0.isNumber }) ?? 0
            let base = try paired(k)
            let all = try extraTable("paired.csv")
            let s = try all.column(named: "stratum")
            let t = try rows(all) { i in (Int(s.text(at: i)?.dropFirst() ?? "") ?? 99) <= k }
            let type: ReplicateType = name.hasSuffix("brr") ? .brr : name.hasSuffix("fay") ? .fay : .jkn
            return (try base.replicateDesign(type, fayRho: 0.3), t)
        }
        if name.hasPrefix("given_") {
            let kind = name.dropFirst(6)
            if kind.hasPrefix("jk1") || kind == "other" {
                let t = try extraTable("clus1_jk1.csv")
                let a = try replicateColumns(t, prefix: "rw")
                let w = try t.numeric("pw")
                if kind == "other" {
                    let rs = stride(from: 0.5, through: 1.9 + 1e-9, by: 0.1).map { $0 }
                    return (try ReplicateDesign(weights: w, replicates: a, type: .other, scale: 0.5, rscales: rs), t)
                }
                return (try ReplicateDesign(weights: w, replicates: a, type: .jk1, mse: kind == "jk1_mse"), t)
            }
            let t = try extraTable("paired9_reps.csv")
            let w = try t.numeric("wt")
            switch kind {
            case "brr": return (try ReplicateDesign(weights: w, replicates: replicateColumns(t, prefix: "brr"), type: .brr), t)
            case "fay":
                return (try ReplicateDesign(weights: w, replicates: replicateColumns(t, prefix: "fay"), type: .fay, fayRho: 0.3), t)
            case "jkn":
                let rs = try #require(reference["rscales_given"] as? [Double])
                return (try ReplicateDesign(weights: w, replicates: replicateColumns(t, prefix: "jkn"), type: .jkn, rscales: rs), t)
            default:
                return (try ReplicateDesign(weights: w, replicates: replicateColumns(t, prefix: "boot"), type: .bootstrap), t)
            }
        }
        switch name {
        case "clus2", "clus2_nofpc":
            let t = try DesignFixtures.table("apiclus2.csv")
            if name == "clus2" { return (try DesignFixtures.design("clus2").0, t) }
            return (try SurveyDesign(rows: t.rowCount, weights: t.column(named: "pw"),
                                     clusters: [t.column(named: "dnum"), t.column(named: "snum")]), t)
        case "clus1_domains": return try DesignFixtures.design("clus1")
        case "strat_domains": return try DesignFixtures.design("strat")
        case "clus1_jk1":
            let (d, t) = try DesignFixtures.design("clus1")
            return (try d.replicateDesign(.jk1), t)
        case "strat_jkn":
            let (d, t) = try DesignFixtures.design("strat")
            return (try d.replicateDesign(.jkn), t)
        default:
            throw DataError("unknown case \(name)")
        }
    }
}
