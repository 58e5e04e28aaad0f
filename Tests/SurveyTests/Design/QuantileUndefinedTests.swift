import Foundation
import Testing
import Survey

/// A quantile the rule cannot give has no interval either. R 4.2.2, survey 4.1.1, on the 12 rows
/// below: `svyquantile(~y, svydesign(ids=~psu, strata=~st, weights=~w, data=d), 1, qrule="hf4",
/// ci=TRUE, se=TRUE)` gives quantile, limits and SE all NaN (hf4's γ is 0/0 at p = 1); p = 0.99
/// gives 8.66 with lower limit 5.115306 (upper NaN: p + t·SE passes 1). barometer printed an
/// empty estimate with SE 0 and the interval [3, 3] — the sample minimum, since no row is ≤ NaN.
@Suite struct QuantileUndefinedTests {
    static let csv = """
    st,psu,w,y
    A,1,2,3
    A,1,3,3
    A,2,2,5
    A,2,4,3
    A,3,2,7
    B,4,2,3
    B,4,5,4
    B,5,2,5
    B,5,1,5
    B,6,2,9
    B,6,6,3
    B,7,3,6
    """

    @Test func hf4AtOneHasNoInterval() throws {
        let t = try CSVReader().read(bytes: Array(Self.csv.utf8), name: "c10.csv")
        let d = try SurveyDesign(rows: t.rowCount, weights: t.column(named: "w"), strata: t.column(named: "st"),
                                 clusters: [t.column(named: "psu")])
        let e = try d.quantiles(t.column(named: "y"), probabilities: [0.99, 1], rule: .hf4)
        #expect(abs(e.elements[0].value - 8.66) < 1e-12)
        #expect(abs(e.elements[0].ciLower - 5.115306) < 1e-6 && e.elements[0].ciUpper.isNaN)
        let top = e.elements[1]
        #expect(top.value.isNaN && top.ciLower.isNaN && top.ciUpper.isNaN && top.standardError.isNaN)
    }
}
