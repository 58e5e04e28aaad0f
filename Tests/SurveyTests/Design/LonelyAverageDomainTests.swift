import Foundation
import Testing
import Survey

/// `--lonely-psu average` and a domain lying wholly in a one-PSU stratum. R's `onestage` scales
/// the strata's summed variance by #strata / #strata with a variance over the subset's strata:
/// none here, so R's SE is NaN; barometer printed SE 0 with the interval [4.7, 4.7] for the mean
/// and [0.5, 0.5] for a proportion. R 4.2.2, survey 4.1.1, `options(survey.lonely.psu="average")`,
/// `d <- svydesign(ids=~psu, strata=~st, weights=~w, data=…)` on the 12 rows below:
/// `svyby(~y, ~st, d, svymean)` C: 4.7, SE NaN (A 3.75 SE 0.7183967, B 4.45, D 3.2);
/// `svyby(~y, ~g, d, svymean)`: a 3.74583333333333 SE 0.269141573406068, b 4.7875 SE 0.866770576703483.
@Suite struct LonelyAverageDomainTests {
    static let csv = """
    st,psu,w,y,g
    A,1,1,3.2,a
    A,1,1,4.1,b
    A,2,1,5.5,a
    A,3,1,2.2,b
    B,4,5,6.1,a
    B,4,5,1.1,a
    B,5,5,7.3,b
    B,6,5,3.3,b
    C,7,8,4.4,a
    C,7,8,5.0,b
    D,8,4,2.5,a
    D,9,4,3.9,b
    """

    static func design() throws -> (SurveyDesign, Table) {
        let t = try CSVReader().read(bytes: Array(csv.utf8), name: "c21.csv")
        let d = try SurveyDesign(rows: t.rowCount, weights: t.column(named: "w"), strata: t.column(named: "st"),
                                 clusters: [t.column(named: "psu")], lonelyPSU: .average)
        return (d, t)
    }

    @Test func domainInTheLonelyStratumHasNoSE() throws {
        let (d, t) = try Self.design()
        let by = Domains(column: try t.column(named: "st"))
        for e in try d.means([t.column(named: "y")], by: by).elements + d.proportions(t.column(named: "g"), by: by).elements
        where e.domain?.value == "C" {
            #expect(e.standardError.isNaN && e.ciLower.isNaN && e.ciUpper.isNaN, "\(e)")
        }
        let a = try #require(try d.means([t.column(named: "y")], by: by).elements.first { $0.domain?.value == "A" })
        #expect(abs(a.standardError - 0.7183966522750505) < 1e-9)
    }

    @Test func domainsAcrossStrataKeepRsSE() throws {
        let (d, t) = try Self.design()
        let e = try d.means([t.column(named: "y")], by: Domains(column: try t.column(named: "g"))).elements
        #expect(abs(e[0].standardError - 0.269141573406068) < 1e-12 && abs(e[1].standardError - 0.866770576703483) < 1e-12)
    }
}
