import Testing
import Survey

/// Issue 12 item 1 at the renderer: CSV is one header and the rows, nothing else.
@Suite struct CSVDataTests {
    static let model = TableModel(
        columns: [.init("Series"), .init("From", .estimate(digits: 1, percent: true), key: "from"),
                  .init("From", .estimate(digits: 1, percent: true), key: "from"),
                  .init("Change", .estimate(digits: 1, percent: true), key: "change"),
                  .init("df", .number(digits: 0)), .init("p", .pValue), .init("country", key: "country", csvOnly: true),
                  .init("", .sparkline, key: "trend")],
        rows: [[.text("KZ"), .estimate(.init(value: 0.4, se: 0.01)), .estimate(.init(value: 0.5, se: 0.02)),
                .estimate(.init(value: 0.1, se: 0.02, lower: 0.06, upper: 0.14)), .number(14), .number(0.0004), .text("KZ"),
                .sparkline([0.4, 0.5])]],
        footnotes: ["a note"], sourceNote: "a source")

    @Test func headerRowsOnly() {
        let csv = Self.model.rendered(.csv)
        let records = csv.split(separator: "\r\n")
        #expect(records.count == 2)
        // A second column keyed `from` gets `_2`; the from columns have no interval: no ci parts.
        #expect(records[0] == "series,from_estimate,from_se,from_estimate_2,from_se_2,change_estimate,change_se,change_ci_lower,change_ci_upper,df,p,country")
        // p = 0.0004 as a number (text shows "<0.001"); df 14 as an integer (not 14.0).
        #expect(records[1] == "KZ,0.4,0.01,0.5,0.02,0.1,0.02,0.06,0.14,14,0.0004,KZ")
        #expect(Self.model.rendered(.text()).contains("<0.001"))
        #expect(!Self.model.rendered(.text()).contains("country"), "csv-only columns stay out of text")
        #expect(!Self.model.rendered(.json).contains("\"country\""), "and out of JSON")
        #expect(Self.model.proseLines == ["Note: a note", "Source: a source"])
    }
}
