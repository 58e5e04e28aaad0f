import Foundation
import Testing
import Survey

/// Every statistic of `../shared/reference/rsurvey/expected.json` (R 4.2.2, survey 4.1.1; copy in
/// `Tests/Fixtures/rsurvey/`) that the design core covers, for the SRS, stratified and one-stage
/// cluster api designs: svymean, svytotal (with deff and deff="replace"), svymean of factors,
/// svyciprop (every method of survey 4.1.1), svyby means, svyratio and svyquantile (math, school,
/// hf7 with Woodruff intervals). Relative error 1e-10 (`AgreementLog.tolerance`); absolute 1e-12 where R's value is 0 in theory.
@Suite struct DesignReferenceTests {
    static let designs = ["srs", "strat", "clus1"]

    static func reference(_ name: String) throws -> [String: Any] {
        let designs = try DesignFixtures.expected()["designs"] as? [String: Any]
        return try #require(designs?[name] as? [String: Any])
    }

    @Test(arguments: designs)
    func structure(_ name: String) throws {
        let (design, _) = try DesignFixtures.design(name)
        let ref = try Self.reference(name)
        #expect(Double(design.degreesOfFreedom) == DesignFixtures.number(ref["degf"]))
        #expect(design.rowCount == Int(DesignFixtures.number(ref["n"]) ?? -1))
        AgreementLog.check(design.weights.reduce(0, +), DesignFixtures.number(ref["sum_weights"]), "\(name) sum of weights",
                       key: "sum_weights")
    }

    @Test(arguments: designs)
    func meansAndTotals(_ name: String) throws {
        let (design, table) = try DesignFixtures.design(name)
        let ref = try Self.reference(name)
        let options = EstimationOptions(designEffects: true)
        for (kind, key) in [(StatisticKind.mean, "svymean"), (.total, "svytotal")] {
            let columns = [try table.column(named: "api00"), try table.column(named: "enroll")]
            let est = kind == .mean ? try design.means(columns, options: options) : try design.totals(columns, options: options)
            let refs = try #require(ref[key] as? [String: Any])
            for e in est.elements {
                let r = try #require(refs[e.variable] as? [String: Any])
                let label = "\(name) \(key) \(e.variable)"
                AgreementLog.check(e.value, DesignFixtures.number(r["estimate"]), label + " estimate", key: "\(key) estimate")
                AgreementLog.check(e.standardError, DesignFixtures.number(r["se"]), label + " se", key: "\(key) se")
                AgreementLog.check(e.deff ?? .nan, DesignFixtures.number(r["deff"]), label + " deff", key: "\(key) deff")
                AgreementLog.check(e.deffReplace ?? .nan, DesignFixtures.number(r["deff_replace"]), label + " deff_replace",
                               key: "\(key) deff_replace")
            }
        }
    }

    @Test(arguments: designs)
    func factorProportions(_ name: String) throws {
        let (design, table) = try DesignFixtures.design(name)
        let ref = try #require(try Self.reference(name)["svymean_factor"] as? [String: Any])
        for variable in ["stype", "awards"] {
            let est = try design.proportions(table.column(named: variable), options: EstimationOptions(designEffects: true))
            let refs = try #require(ref[variable] as? [String: Any])
            #expect(est.elements.count == refs.count)
            for e in est.elements {
                let r = try #require(refs[e.level ?? ""] as? [String: Any])
                let label = "\(name) proportion \(variable)=\(e.level ?? "")"
                AgreementLog.check(e.value, DesignFixtures.number(r["estimate"]), label, key: "proportion estimate")
                AgreementLog.check(e.standardError, DesignFixtures.number(r["se"]), label + " se", key: "proportion se")
                AgreementLog.check(e.deff ?? .nan, DesignFixtures.number(r["deff"]), label + " deff", key: "proportion deff")
            }
            // The covariance across levels of a two-level factor: cov = −var.
            if est.elements.count == 2 {
                AgreementLog.check(-est.covariance[0, 1], est.covariance[0, 0], "\(name) \(variable) covariance",
                               key: "proportion covariance")
            }
        }
    }

    @Test(arguments: designs)
    func proportionIntervals(_ name: String) throws {
        let (design, table) = try DesignFixtures.design(name)
        let ref = try #require(try Self.reference(name)["svyciprop_awards_yes"] as? [String: Any])
        for method in ProportionIntervalMethod.allCases where method != .wilson {
            let est = try design.proportions(table.column(named: "awards"),
                                             options: EstimationOptions(proportionInterval: method))
            let e = try #require(est.elements.first { $0.level == "Yes" })
            let r = try #require(ref[method.rawValue] as? [String: Any])
            let label = "\(name) svyciprop \(method)"
            #expect(e.degreesOfFreedom == DesignFixtures.number(r["df"]))
            AgreementLog.check(e.value, DesignFixtures.number(r["estimate"]), label, key: "ciprop estimate")
            AgreementLog.check(e.standardError, DesignFixtures.number(r["se"]), label + " se", key: "ciprop se")
            AgreementLog.check(e.ciLower, DesignFixtures.number(r["ci_lower"]), label + " lower", key: "ciprop \(method)")
            AgreementLog.check(e.ciUpper, DesignFixtures.number(r["ci_upper"]), label + " upper", key: "ciprop \(method)")
        }
    }

    @Test(arguments: designs)
    func domainMeans(_ name: String) throws {
        let (design, table) = try DesignFixtures.design(name)
        let ref = try #require(try Self.reference(name)["svyby_api00_by_stype_svymean"] as? [String: Any])
        let est = try design.means([table.column(named: "api00")], by: Domains(column: table.column(named: "stype")))
        #expect(est.elements.count == 3)
        for e in est.elements {
            let r = try #require(ref[e.domain?.value ?? ""] as? [String: Any])
            let label = "\(name) svyby api00 stype=\(e.domain?.value ?? "")"
            AgreementLog.check(e.value, DesignFixtures.number(r["estimate"]), label, key: "svyby estimate")
            AgreementLog.check(e.standardError, DesignFixtures.number(r["se"]), label + " se", key: "svyby se")
        }
    }

    @Test(arguments: designs)
    func ratio(_ name: String) throws {
        let (design, table) = try DesignFixtures.design(name)
        let r = try #require(try Self.reference(name)["svyratio_api.stu_over_enroll"] as? [String: Any])
        let est = try design.ratio(numerator: table.column(named: "api.stu"), denominator: table.column(named: "enroll"))
        let e = try #require(est.elements.first)
        #expect(e.variable == "api.stu/enroll")
        AgreementLog.check(e.value, DesignFixtures.number(r["estimate"]), "\(name) ratio", key: "ratio estimate")
        AgreementLog.check(e.standardError, DesignFixtures.number(r["se"]), "\(name) ratio se", key: "ratio se")
    }

    @Test(arguments: designs)
    func quantiles(_ name: String) throws {
        let (design, table) = try DesignFixtures.design(name)
        let ref = try #require(try Self.reference(name)["svyquantile_api00"] as? [String: Any])
        for rule in [QuantileRule.math, .school, .hf7] {   // the rules expected.json has (all twelve: QuantileRuleTests)
            let r = try #require(ref[rule.rawValue] as? [String: Any])
            let est = try design.quantiles(table.column(named: "api00"), probabilities: [0.25, 0.5, 0.75], rule: rule)
            for e in est.elements {
                let p = e.probability ?? .nan
                let q = try #require(r[p == 0.5 ? "0.5" : (p == 0.25 ? "0.25" : "0.75")] as? [String: Any])
                let label = "\(name) quantile \(rule) p=\(p)"
                AgreementLog.check(e.value, DesignFixtures.number(q["quantile"]), label, key: "quantile \(rule)")
                AgreementLog.check(e.ciLower, DesignFixtures.number(q["ci_lower"]), label + " lower", key: "quantile \(rule)")
                AgreementLog.check(e.ciUpper, DesignFixtures.number(q["ci_upper"]), label + " upper", key: "quantile \(rule)")
                AgreementLog.check(e.standardError, DesignFixtures.number(q["se"]), label + " se", key: "quantile \(rule)")
            }
        }
    }

    /// Runs every comparison above and writes/checks the generated table of measured maxima in
    /// docs/design-estimation.md (`BAROMETER_WRITE_DOCS=1` rewrites it).
    @Test func agreementTable() throws {
        let entries = try AgreementRecorder.measuring {
            for name in Self.designs {
                try structure(name); try meansAndTotals(name); try factorProportions(name)
                try proportionIntervals(name); try domainMeans(name); try ratio(name); try quantiles(name)
            }
        }
        #expect(entries.values.reduce(0) { $0 + $1.count } > 300)
        try AgreementTable.verify(entries, "docs/design-estimation.md", "agreement-expected")
    }
}
