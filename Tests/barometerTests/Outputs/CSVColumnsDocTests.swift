import Foundation
import Testing
@testable import barometer
import Survey

/// docs/csv-columns.md's series columns, on the live `overview --format csv`.
@Suite struct CSVColumnsDocTests {
    /// `country` is an ISO 3166 alpha-2 code of the five countries; `estimate` is empty when not
    /// asked (Tajikistan's CAB rows); `ci_lower`/`ci_upper` are the interval `table` prints
    /// (KZ Russia favorable 2018-autumn: 83.0 [79.8, 85.9]).
    @Test func countryEstimateAndIntervalColumns() throws {
        let (table, _) = try OutputRun.csv(["overview", "--format", "csv"])
        let countries = try OutputRun.texts(table, "country")
        #expect(Set(countries).isSubset(of: ["KZ", "KG", "TJ", "TM", "UZ"]) && Set(countries).count == 5, "\(Set(countries))")
        let flags = try OutputRun.texts(table, "flags"), estimates = try table.column(named: "estimate")
        var notAsked = 0
        for row in 0..<table.rowCount where flags[row].split(separator: ";").contains("not-asked") {
            #expect(estimates.text(at: row) == nil || estimates.text(at: row) == "", "row \(row + 2)")
            notAsked += 1
        }
        #expect(notAsked > 0)
        let kz = try #require(try OutputRun.row(table, where: [("country", "KZ"), ("target", "Russia"), ("measure", "favorable"),
                                                              ("wave", "2018-autumn"), ("dataset", "cab")]))
        let lower = try #require(try OutputRun.number(table, "ci_lower", kz)), upper = try #require(try OutputRun.number(table, "ci_upper", kz))
        #expect(String(format: "[%.1f, %.1f]", lower * 100, upper * 100) == "[79.8, 85.9]")
        #expect(Barometer.execute(["table", "--dataset", "cab", "--country", "KZ", "--target", "Russia"]).output.contains("83.0 [79.8, 85.9]"))
    }

    /// "(`overview` and `table` always write every column)": Gallup's rows have no SE, interval or
    /// n, yet `table --dataset gallup` writes the same header as `overview`, with those columns empty.
    @Test func overviewAndTableAlwaysWriteEveryColumn() throws {
        let header = "dataset,country,target,item,measure,group,group_level,wave,date,estimate,se,ci_lower,ci_upper,n,deff,mode,weight,flags,source_id,source,url"
        let (gallup, gallupText) = try OutputRun.csv(["table", "--dataset", "gallup", "--country", "KZ", "--target", "US", "--format", "csv"])
        let (_, overviewText) = try OutputRun.csv(["overview", "--format", "csv"])
        #expect(gallupText.hasPrefix(header) && overviewText.hasPrefix(header))
        #expect(gallup.rowCount > 0)
        for name in ["se", "ci_lower", "ci_upper", "n"] {
            let column = try gallup.column(named: name)
            #expect((0..<gallup.rowCount).allSatisfy { (column.text(at: $0) ?? "").isEmpty }, "\(name)")
        }
    }
}

/// A subgroup export names its subgroup: `table --group region="Navoiy Oblast"` wrote rows that read
/// as Uzbekistan's national figure (a user-journey sweep found it). The group and its level are
/// taken from the selection itself; n = 30 is the region's base in CAB wave 4.
@Suite struct SubgroupCSVTests {
    @Test func groupColumnsNameTheSubgroup() throws {
        let r = Barometer.execute(["table", "--dataset", "cab", "--country", "UZ", "--target", "China",
                                   "--group", "region=Navoiy Oblast", "--format", "csv"])
        #expect(r.exitCode == 0, "\(r.errors)")
        let lines = r.output.split(whereSeparator: \.isNewline).map(String.init)
        let header = try #require(lines.first).split(separator: ",").map(String.init)
        let group = try #require(header.firstIndex(of: "group")), level = try #require(header.firstIndex(of: "group_level"))
        let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(!rows.isEmpty && rows.allSatisfy { $0[group] == "region" && $0[level] == "Navoiy Oblast" })
        let whole = Barometer.execute(["table", "--dataset", "cab", "--country", "UZ", "--target", "China", "--format", "csv"])
        let wholeLines = whole.output.split(whereSeparator: \.isNewline).map(String.init)
        #expect(wholeLines.dropFirst().allSatisfy { $0.split(separator: ",")[group] == "all" && $0.split(separator: ",")[level] == "all" })
        let json = Barometer.execute(["table", "--dataset", "cab", "--country", "UZ", "--target", "China",
                                      "--group", "region=Navoiy Oblast", "--format", "json"])
        #expect(json.output.contains("\"measure\": \"favorable\", \"group\": \"region\", \"group_level\": \"Navoiy Oblast\""))
    }
}
