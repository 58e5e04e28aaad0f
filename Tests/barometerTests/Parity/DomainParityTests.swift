import Foundation
import Testing
@testable import barometer

/// Issue 14 item 3 against R `survey` 4.1.1 (`parity.json`): `--var` as `svyvar` (also by domain
/// and on a JK1 design), `--by A,B` as `svyby(~x, ~A+B, …)`, `--where` as `subset(design, …)`, and
/// the domain df rules `--domain-df subset|design|auto` against `degf(subset(d, …))` / `degf(d)`
/// with `confint(…, df =)`.
@Suite struct DomainParityTests {
    static func names(_ section: String) -> [String] { ((try? Parity.reference(section)) ?? [:]).keys.sorted() }

    static func run(_ ref: [String: Any], extra: [String] = []) throws -> [[String: Any]] {
        let j = try Parity.estimate([Parity.data(try #require(ref["data"] as? String))]
            + (try #require(ref["flags"] as? [String])) + (try #require(ref["args"] as? [String])) + extra)
        return try #require(j["estimates"] as? [[String: Any]])
    }

    static func inDomain(_ items: [[String: Any]], _ value: String?) -> [String: Any]? {
        items.first { e in value.map { (e["domain"] as? [String: Any])?["value"] as? String == $0 } ?? (e["domain"] is NSNull) }
    }

    @Test(arguments: names("svyvar"))
    func varianceMatchesSvyvar(_ name: String) throws {
        let ref = try #require(try Parity.reference("svyvar")[name] as? [String: Any])
        let e = try #require(Self.inDomain(try Self.run(ref), ref["domain"] as? String), "\(name): no estimate")
        #expect(e["statistic"] as? String == "variance")
        Parity.expectClose(e["estimate"], ref["estimate"], "\(name) estimate")
        Parity.expectClose(e["se"], ref["se"], "\(name) SE")
    }

    @Test(arguments: names("multiby"))
    func twoColumnDomainsMatchSvyby(_ name: String) throws {
        let ref = try #require(try Parity.reference("multiby")[name] as? [String: Any])
        let items = try Self.run(ref)
        let e = try #require(Self.inDomain(items, ref["domain"] as? String), "\(name): no domain \(ref["domain"] ?? "")")
        #expect((e["domain"] as? [String: Any])?["var"] as? String == "stype,awards")
        for k in ["estimate", "se", "df", "ci_lower", "ci_upper"] { Parity.expectClose(e[k], ref[k], "\(name) \(k)") }
        #expect(items.count == 6)
    }

    /// Two-column domains come in R's svyby order: the first column varies fastest.
    @Test func twoColumnDomainOrder() throws {
        let ref = try #require(try Parity.reference("multiby")["strat_E_No"] as? [String: Any])
        let labels = try Self.run(ref).compactMap { ($0["domain"] as? [String: Any])?["value"] as? String }
        #expect(labels.map { $0.split(separator: ",")[1] } == ["No", "No", "No", "Yes", "Yes", "Yes"])
    }

    @Test(arguments: names("where"))
    func whereMatchesSubsetWithBothDFRules(_ name: String) throws {
        let ref = try #require(try Parity.reference("where")[name] as? [String: Any])
        let subsetDF = try #require(Parity.number(ref["subset_df"])), designDF = try #require(Parity.number(ref["design_df"]))
        for rule in ["subset", "design", "auto"] {
            let e = try #require(try Self.run(ref, extra: ["--domain-df", rule]).first)
            Parity.expectClose(e["estimate"], ref["estimate"], "\(name) estimate")
            Parity.expectClose(e["se"], ref["se"], "\(name) SE")
            let useSubset = rule == "subset" || (rule == "auto" && subsetDF >= 1)
            Parity.expectClose(e["df"], useSubset ? subsetDF : designDF, "\(name) --domain-df \(rule) df")
            #expect(e["df_rule"] as? String == (useSubset ? "subset" : "design"), "\(name) \(rule)")
            if let ci = (useSubset ? ref["subset_ci"] : ref["design_ci"]) as? [Double] {
                Parity.expectClose(e["ci_lower"], ci[0], "\(name) \(rule) CI lower")
                Parity.expectClose(e["ci_upper"], ci[1], "\(name) \(rule) CI upper")
            } else {
                // R: no interval on 0 df (qt(0.975, 0) is NaN) — only under an explicit --domain-df subset.
                #expect(rule == "subset" && e["ci_lower"] is NSNull && e["ci_upper"] is NSNull, "\(name) \(rule)")
            }
        }
    }

    /// The default never drops an interval silently: a 0-df domain uses the design's df with a note.
    @Test func defaultDomainDFAnnouncesFallback() {
        let r = Barometer.execute(["estimate", Parity.data("apiclus1.csv"), "--weights", "pw", "--cluster", "dnum", "--fpc", "fpc",
                                   "--total", "enroll", "--where", "cname=Alameda"])
        #expect(r.exitCode == 0)
        #expect(r.output.contains("their intervals use the design's df, 14"))
    }

    @Test func badWhereIsAnError() {
        let base = ["estimate", Parity.data("apistrat.csv"), "--weights", "pw", "--strata", "stype", "--mean", "api00"]
        #expect(Barometer.execute(base + ["--where", "stype"]).exitCode == 2)
        let typo = Barometer.execute(base + ["--where", "stype=X"])
        #expect(typo.exitCode == 1 && typo.errors.contains("stype=X"))
    }
}
